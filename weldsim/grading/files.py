"""Find the jobs of a class folder and read one safely.

Only the folder itself is searched (not sub-folders), for names ending in ``.job`` (any case,
as on Windows), not starting with a dot, in code-point order. Nothing a trainee puts in the
folder is followed out of it: a link whose target lies outside the folder is refused, and
only regular files are opened (never a device, a pipe or a folder).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.grading.names import display_text, unique_stems
from weldsim.i18n import Message
from weldsim.program import JobLimits
from weldsim.program.source import read_job_bytes
from weldsim.safe_read import os_reason

__all__ = ["JobFile", "RefusedFileError", "list_jobs", "read_job_in"]


class RefusedFileError(WeldsimError):
    """A file in the class folder that is not graded (a link out of the folder, not a file)."""


@dataclass(frozen=True)
class JobFile:
    """One ``*.job`` entry of a class folder.

    Attributes
    ----------
    path : pathlib.Path
        The entry as listed (absolute), possibly a link.
    file : str
        Its name, printable: a name that is not text has its bytes escaped (``\\xff``) and a
        hash of the original added (:func:`~weldsim.grading.names.display_text`).
    trainee : str
        The name without ``.job``, shown the same way: the trainee in results and the
        gradebook (two names that are not text are never one trainee).
    out_stem : str
        Safe stem of the trainee's report files (see :mod:`weldsim.grading.names`).
    """

    path: Path
    file: str
    trainee: str
    out_stem: str


def list_jobs(folder: str | Path) -> list[JobFile]:
    """The ``*.job`` entries of ``folder``, sorted by name.

    Raises
    ------
    WeldsimError
        ``folder`` does not exist, is not a folder or cannot be listed.
    """
    folder = Path(folder).absolute()
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries
                           if e.name.lower().endswith(".job") and not e.name.startswith("."))
    except OSError as exc:
        raise WeldsimError(message=Message.of("modes.grade.cannot_list", folder=str(folder),
                                              reason=os_reason(exc))) from None
    stems = [n[:-4] for n in names]
    return [JobFile(folder / n, display_text(n), display_text(s), o)
            for n, s, o in zip(names, stems, unique_stems(stems), strict=True)]


def read_job_in(path: str | Path, folder: str | Path, limits: JobLimits) -> bytes:
    """Read a job that must stay inside ``folder``.

    Parameters
    ----------
    path : str or pathlib.Path
        The entry of the folder (a link is followed only to a file inside ``folder``).
    folder : str or pathlib.Path
        The class folder.
    limits : JobLimits
        ``max_bytes`` is checked before reading.

    Raises
    ------
    RefusedFileError
        A link out of the folder, or not a regular file.
    JobError
        The file is too large.
    WeldsimError
        The file cannot be read.
    """
    path = Path(path)
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(Path(folder).resolve(strict=True)):
                raise RefusedFileError(message=Message.of("modes.grade.link_outside"))
        mode = path.stat().st_mode
    except RuntimeError:  # a loop of links (Python < 3.13)
        raise WeldsimError(message=Message.of("modes.grade.cannot_read_job",
                                              reason=Message.of("modes.os.link_loop"))) from None
    except OSError as exc:
        raise WeldsimError(message=Message.of("modes.grade.cannot_read_job",
                                              reason=os_reason(exc))) from None
    if not stat.S_ISREG(mode):
        raise RefusedFileError(message=Message.of("modes.grade.not_regular"))
    return read_job_bytes(path, limits)
