"""Turn job bytes or text into checked text: size and line limits, binary files, UTF-8.

The limits are checked before anything is decoded, so a huge or binary file is refused at
once, whatever it contains.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.i18n import Message, Qty
from weldsim.program.diagnostics import Diagnostic, JobError
from weldsim.program.limits import JobLimits
from weldsim.safe_read import TOO_LARGE, Refused, read_regular, refusal_reason

__all__ = ["decode_source", "read_job_bytes"]

_BOM = "\ufeff"


def _mib(n: int) -> Message:
    if n >= (1 << 20):
        return Message.of("job.size_mib", size=Qty(n / (1 << 20), "MiB", 2))
    return Message.of("job.size_bytes", count=Qty(n, "", 0))


def _refuse(filename: str, message: Message, hint: Message | None = None) -> JobError:
    return JobError([Diagnostic.of(filename, 1, 1, message, hint)])


def _line_count_over(newlines: int, ends_with_newline: bool, empty: bool, limit: int) -> bool:
    count = newlines + (0 if ends_with_newline or empty else 1)
    return count > limit


def _check_size(filename: str, size: int, limits: JobLimits) -> None:
    if size > limits.max_bytes:
        raise _refuse(
            filename,
            Message.of("job.too_large", size=_mib(size), limit=_mib(limits.max_bytes)),
            Message.of("job.hint.too_large"),
        )


def _check_lines(filename: str, count_over: bool, limits: JobLimits) -> None:
    if count_over:
        raise _refuse(
            filename,
            Message.of("job.too_many_lines", limit=Qty(limits.max_lines, "", 0)),
            Message.of("job.hint.too_many_lines"),
        )


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _locate_from(data: bytes, offset: int,
                 last: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Like :func:`_locate`, going on from an earlier place, so that many errors stay linear.

    ``last`` and the result are ``(offset, line, line_start, column)``; ``last[0]`` must be
    on a character boundary (the start of a bad sequence, or 0).
    """
    previous, line, start, column = last
    newlines = data.count(b"\n", previous, offset)
    if newlines:
        line += newlines
        start = data.rfind(b"\n", previous, offset) + 1
        column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    else:
        column += len(data[previous:offset].decode("utf-8", errors="replace"))
    return offset, line, start, column


def _decode(data: bytes, filename: str, limits: JobLimits) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    view = memoryview(data)
    diagnostics: list[Diagnostic] = []
    position = 0
    # where the previous bad byte was: offset, line, offset of its line, column
    last = (0, 1, 0, 1)
    while position < len(data):
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
            break
        except UnicodeDecodeError as exc:
            bad = position + exc.start
            last = _locate_from(data, bad, last)
            line, column = last[1], last[3]
            diagnostics.append(Diagnostic.of(
                filename, line, column,
                Message.of("job.invalid_utf8", byte=f"0x{data[bad]:02X}"),
                Message.of("job.hint.utf8"),
            ))
            position += max(exc.end, exc.start + 1)
            if len(diagnostics) >= limits.max_diagnostics:
                break
    raise JobError(diagnostics)


def _binary_error(filename: str, line: int, column: int) -> JobError:
    return JobError([Diagnostic.of(
        filename, line, column,
        Message.of("job.binary"),
        Message.of("job.hint.binary_file"),
    )])


def decode_source(data: str | bytes | bytearray | memoryview, filename: str,
                  limits: JobLimits) -> str:
    """Check the limits of a job and return its text.

    Parameters
    ----------
    data : str or bytes-like
        The job.
    filename : str
        For messages.
    limits : JobLimits
        ``max_bytes`` and ``max_lines`` are checked before decoding.

    Returns
    -------
    str
        The text, without a leading byte-order mark.

    Raises
    ------
    JobError
        Too large, too many lines, binary (NUL bytes), or invalid UTF-8 (each bad sequence
        located).
    TypeError
        ``data`` is neither text nor bytes.
    """
    if isinstance(data, str):
        if len(data) > limits.max_bytes:
            _check_size(filename, len(data), limits)
        _check_size(filename, len(data.encode("utf-8", errors="surrogatepass")), limits)
        _check_lines(filename, _line_count_over(
            data.count("\n"), data.endswith("\n"), not data, limits.max_lines), limits)
        nul = data.find("\x00")
        if nul >= 0:
            line = data.count("\n", 0, nul) + 1
            raise _binary_error(filename, line, nul - (data.rfind("\n", 0, nul) + 1) + 1)
        return data[1:] if data.startswith(_BOM) else data
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"a job is str or bytes, not {type(data).__name__}")
    _check_size(filename, len(data), limits)
    _check_lines(filename, _line_count_over(
        data.count(b"\n"), data.endswith(b"\n"), not data, limits.max_lines), limits)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _binary_error(filename, *_locate(data, nul))
    text = _decode(data, filename, limits)
    return text[1:] if text.startswith(_BOM) else text


def read_job_bytes(path: str | Path, limits: JobLimits) -> bytes:
    """Read a job file's bytes: a regular file only, refused over ``limits.max_bytes`` before
    it is read (see :func:`weldsim.safe_read.read_regular`).

    Raises
    ------
    JobError
        The file is too large.
    WeldsimError
        The file cannot be read (missing, a folder, a FIFO or a device, no permission).
    """
    path = Path(path)
    try:
        return read_regular(path, limits.max_bytes)
    except Refused as exc:
        if exc.kind == TOO_LARGE:
            assert exc.size is not None
            _check_size(str(path), exc.size, limits)  # raises: over the limit
        raise WeldsimError(message=Message.of("modes.file.at", where=str(path), problem=Message.of(
            "modes.grade.cannot_read_job", reason=refusal_reason(exc)))) from None
