"""Every broken robot, achievement and issuer file a teacher can hand in is refused the same
way: exit 2, no traceback, the file and (where there is one) the line and the key, and the
reason in the reader's language: with ``--lang id`` no English sentence is left, with
``--lang en`` no Indonesian. Covered for each loader: a missing key, a wrong type, a value out
of range, nan, a huge integer, an unknown key, bytes that are not UTF-8, a folder instead of a
file, and the checks of its own (joint limits, tools, badge ids, pictures, URIs)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in, foreign_in

from weldsim.badges.achievement import ACHIEVEMENTS_DIR
from weldsim.cli import main
from weldsim.kinematics.loader import ROBOTS_DIR

ISSUER = 'id = "https://smkn2-contoh.sch.id"\nname = "SMK Negeri 2 Contoh"\n'
HUGE = "9" * 400

# Words an Indonesian message of these loaders never has (beyond english_check's list): the
# English of loaders.po and of the texts they replaced.
MORE_ENGLISH = frozenset("""
out range from most least more than entry picture number lower upper limit cannot read used
missing damaged key value got is not supported version give such directory
permission does match tilted whose only may be it an as or
""".split())


@dataclass(frozen=True)
class Case:
    """``old`` replaced by ``new`` in the loader's bundled example (``old`` None: the whole
    file is ``new``; bytes: written as they are). ``at``: the start of the line the message
    points at (None: the file only); ``id_text``: a part of the Indonesian message."""

    name: str
    old: str | None
    new: str | bytes
    at: str | None
    id_text: str


def _robot_cases() -> list[Case]:
    return [
        Case("missing key", "c2_m = 0.580\n", "", "[opw]", "kunci 'opw.c2_m' belum ditulis"),
        Case("wrong type", "c2_m = 0.580", "c2_m = '0.58'", "c2_m",
             "kunci 'opw.c2_m': harus berupa angka, tertulis '0.58'"),
        Case("out of range", "c2_m = 0.580", "c2_m = 7.0", "c2_m",
             "kunci 'opw.c2_m': 7 m di luar rentang: harus lebih dari 0 m dan paling besar 5 m"),
        Case("small out of range", "stick_out_m = 0.015", "stick_out_m = 0.06", "stick_out_m",
             "kunci 'tools[0].stick_out_m': 0,06 m di luar rentang: harus lebih dari 0 m dan "
             "paling besar 0,05 m"),
        Case("nan", "payload_kg = 4.0", "payload_kg = nan", "payload_kg",
             "kunci 'payload_kg': nan bukan angka yang bisa dipakai"),
        Case("nan in a list", "lower_deg = [-170.0,", "lower_deg = [nan,", "lower_deg",
             "kunci 'joints.lower_deg': tidak boleh berisi nan atau inf"),
        Case("huge integer", "payload_kg = 4.0", f"payload_kg = {HUGE}", "payload_kg",
             "kunci 'payload_kg': bilangan 400 digit di luar jangkauan"),
        Case("huge whole number", "number = 1", f"number = {HUGE}", "number = 9",
             "kunci 'tools[0].number': harus bilangan bulat dari 1 sampai 99, tertulis "
             "bilangan 400 digit"),
        Case("huge integer in a list", "lower_deg = [-170.0,", f"lower_deg = [-{HUGE},",
             "lower_deg", "kunci 'joints.lower_deg': berisi bilangan bulat yang terlalu besar"),
        Case("unknown key", "payload_kg = 4.0", "payload_kg = 4.0\ncolour = 'blue'", "colour",
             "kunci 'colour' tidak dikenal"),
        Case("schema version", "schema_version = 1", "schema_version = 9", "schema_version",
             "kunci 'schema_version': versi 9 tidak didukung (weldsim ini membaca versi 1)"),
        Case("sign correction", "sign_corrections = [1, 1, -1, -1, -1, -1]",
             "sign_corrections = [1, 1, -1, -1, -1, 2]", "sign_corrections",
             "kunci 'opw.sign_corrections': J6 tertulis 2: setiap angka harus 1 atau -1"),
        Case("offset 1e300", "offsets_deg = [0.0,", "offsets_deg = [1e300,", "offsets_deg",
             "kunci 'opw.offsets_deg': J1: 1e+300° di luar rentang: harus dari -360° sampai "
             "360°"),
        Case("limit beyond a turn", "lower_deg = [-170.0,", "lower_deg = [-400.0,", "lower_deg",
             "kunci 'joints.lower_deg': J1: -400° di luar rentang: harus dari -360° sampai "
             "360°"),
        Case("limits crossed", "lower_deg = [-170.0,", "lower_deg = [175.0,", "lower_deg",
             "kunci 'joints.lower_deg': J1: batas bawah 175° harus lebih kecil dari batas atas "
             "170°"),
        Case("no speed", "max_speed_deg_s = [210.0,", "max_speed_deg_s = [0.0,",
             "max_speed_deg_s",
             "kunci 'joints.max_speed_deg_s': J1: 0 °/s di luar rentang: harus lebih dari "
             "0 °/s dan paling besar 3600 °/s"),
        Case("speed 1e308", "max_speed_deg_s = [210.0,", "max_speed_deg_s = [1e308,",
             "max_speed_deg_s", "J1: 1e+308 °/s di luar rentang"),
        Case("acceleration", "max_accel_deg_s2 = [840.0,", "max_accel_deg_s2 = [-1.0,",
             "max_accel_deg_s2", "J1: -1 °/s² di luar rentang: harus lebih dari 0 °/s² dan "
             "paling besar 100.000 °/s²"),
        Case("TCP too far", "tcp_xyz_m = [-0.096, 0.0, 0.375]", "tcp_xyz_m = [-1.5, 1.5, 0.5]",
             "tcp_xyz_m", "kunci 'tools[0].tcp_xyz_m': TCP berjarak 2,179 m dari flange; "
             "paling jauh 2 m"),
        Case("rpy 1e300", "tcp_rpy_deg = [0.0, -45.0, 0.0]", "tcp_rpy_deg = [0.0, -45.0, 1e300]",
             "tcp_rpy_deg", "rz: 1e+300° di luar rentang"),
        Case("neck angle", "neck_angle_deg = 45.0", "neck_angle_deg = 30.0", "neck_angle_deg",
             "30° tidak cocok dengan tcp_rpy_deg, yang sumbu tool-nya miring 45,000°"),
        Case("tool twice", "number = 2", "number = 1", "[[tools]]",
             "kunci 'tools': nomor tool 1 dipakai dua kali"),
        Case("not a table", "[links.base]\nradius_m = 0.150\nmass_kg = 45.0", "[links]\nbase = 3",
             "base = 3", "links.base harus berupa tabel"),
        Case("not UTF-8", None, b"id = '\xff\xfe'\n", None, "bukan teks UTF-8 (byte 6)"),
        Case("table twice", "[links.turret]", "[links.base]", None,
             "bukan TOML yang benar: tabel [links.base] dideklarasikan dua kali (di baris 37, "
             "kolom 12)"),
        Case("value and table", "[opw]", "tools = [1]\n[opw]", None,
             "[tools] sudah ditulis sebagai nilai atau tabel dalam kurung kurawal"),
    ]


def _achievement_cases() -> list[Case]:
    return [
        Case("missing key", "min_score = 70.0", "", "[rule]",
             "kunci 'rule.min_score' belum ditulis"),
        Case("wrong type", "min_score = 70.0", "min_score = 'x'", "min_score",
             "kunci 'rule.min_score': harus berupa angka, tertulis 'x'"),
        Case("out of range", "min_score = 70.0", "min_score = 170.0", "min_score",
             "kunci 'rule.min_score': 170 di luar rentang: harus dari 0 sampai 100"),
        Case("nan", "min_score = 70.0", "min_score = nan", "min_score",
             "kunci 'rule.min_score': nan bukan angka yang bisa dipakai"),
        Case("huge integer", "valid_years = 3", f"valid_years = {HUGE}", "valid_years",
             "kunci 'valid_years': harus bilangan bulat dari 1 sampai 100, tertulis bilangan "
             "400 digit"),
        Case("unknown key", "valid_years = 3", "valid_years = 3\ncolour = 1", "colour",
             "kunci 'colour' tidak dikenal"),
        Case("schema version", "schema_version = 1", "schema_version = 9", "schema_version",
             "versi 9 tidak didukung"),
        Case("id", 'id = "robot-fillet-2f"', 'id = "Robot Fillet"', 'id = "Robot',
             "kunci 'id': 'Robot Fillet' bukan id yang sah"),
        Case("exercise id", 'id = "lap-2f"', 'id = "Lap 2F"', 'id = "Lap',
             "kunci 'rule.exercises[1].id': 'Lap 2F' harus berupa id latihan"),
        Case("exercise twice", 'id = "lap-2f"', 'id = "t-fillet-2f"', "[[rule.exercises]]",
             "setiap latihan cukup ditulis sekali; 't-fillet-2f' tertulis dua kali"),
        Case("long label", 'label = "2F"', 'label = "FILLET"', "label",
             "paling banyak 4 huruf muat di badge, tertulis 'FILLET'"),
        Case("no label", 'label = "2F"', "", "[image]",
             "tulis label untuk badge yang digambar weldsim"),
        Case("colour", 'color = "#1d4e89"', 'color = "blue"', "color",
             "harus berupa warna '#rrggbb', tertulis 'blue'"),
        Case("picture kind", '# file = "my-badge.svg"', 'file = "pic.gif"', "file",
             "gambar harus berupa berkas .png atau .svg"),
        Case("picture missing", '# file = "my-badge.svg"', 'file = "nope.png"', "file",
             "nope.png tidak bisa dibaca: berkas atau folder itu tidak ada"),
        Case("picture is a folder", '# file = "my-badge.svg"', 'file = "folder.png"', "file",
             "folder.png tidak bisa dibaca: itu sebuah folder"),
        Case("picture not a PNG", '# file = "my-badge.svg"', 'file = "gif.png"', "file",
             "gif.png bukan gambar PNG"),
        Case("picture cut short", '# file = "my-badge.svg"', 'file = "cut.png"', "file",
             "cut.png adalah PNG yang rusak"),
        Case("picture not an SVG", '# file = "my-badge.svg"', 'file = "text.svg"', "file",
             "text.svg bukan gambar SVG"),
        Case("picture too large", '# file = "my-badge.svg"', 'file = "big.svg"', "file",
             "big.svg lebih besar dari 48 KiB"),
        Case("web address", 'target_url = "https://www.iso.org/search.html?q=ISO%205817"',
             'target_url = "ftp://x"', 'target_url = "ftp',
             "harus berupa alamat web yang diawali https:// atau http://, tertulis 'ftp://x'"),
        Case("no web address", 'target_url = "https://www.iso.org/search.html?q=ISO%205817"',
             "", "[[alignments]]", "belum ditulis: Open Badges 3.0 mewajibkan alamat web"),
        Case("alignment type", 'target_framework = "ISO 5817"',
             'target_framework = "ISO 5817"\ntarget_type = "Foo"', "target_type",
             "'Foo' bukan salah satu dari ceasn:Competency"),
        Case("choice", 'attempt_mode = "any"', 'attempt_mode = "exams"', "attempt_mode",
             "'exams' bukan salah satu dari any, exam"),
        Case("not UTF-8", None, b"id = '\xff'\n", None, "bukan teks UTF-8 (byte 6)"),
        Case("Windows path", '# file = "my-badge.svg"', 'file = "C:\\pics\badge.png"', None,
             "tanda \\ di dalam \"...\" memulai kode escape: tulis \\\\, atau pakai tanda "
             "kutip tunggal '...' (misalnya untuk path Windows) (di baris 47, kolom 13)"),
        Case("image twice", "[image]", "[image]\nlabel = 'X'\n[image]", None,
             "tabel [image] dideklarasikan dua kali"),
    ]


def _issuer_cases() -> list[Case]:
    return [
        Case("missing key", 'name = "SMK Negeri 2 Contoh"\n', "", None,
             "kunci 'name' belum ditulis"),
        Case("wrong type", 'name = "SMK Negeri 2 Contoh"', "name = 3", "name",
             "kunci 'name': harus berupa teks yang tidak kosong, tertulis 3"),
        Case("huge integer", 'name = "SMK Negeri 2 Contoh"', f"name = {HUGE}", "name",
             "kunci 'name': harus berupa teks yang tidak kosong, tertulis bilangan 400 digit"),
        Case("nan", 'name = "SMK Negeri 2 Contoh"', "name = nan", "name",
             "kunci 'name': harus berupa teks yang tidak kosong, tertulis nan"),
        Case("unknown key", 'name = "SMK Negeri 2 Contoh"', 'name = "SMK"\nphone = "1"', "phone",
             "kunci 'phone' tidak dikenal"),
        Case("not a URI", 'id = "https://smkn2-contoh.sch.id"', 'id = "SMK Negeri 2"', "id",
             "kunci 'id': harus berupa URI yang menandai penerbit"),
        Case("e-mail", 'name = "SMK Negeri 2 Contoh"', 'name = "SMK"\nemail = "guru"', "email",
             "kunci 'email': 'guru' bukan alamat e-mail"),
        Case("web address", 'name = "SMK Negeri 2 Contoh"', 'name = "SMK"\nurl = "smk.sch.id"',
             "url", "harus berupa alamat web yang diawali https://"),
        Case("not UTF-8", None, b'id = "\xc3("\n', None, "bukan teks UTF-8 (byte 6)"),
        Case("key twice in braces", 'name = "SMK Negeri 2 Contoh"',
             'name = "SMK"\nx = { a = 1, a = 2 }', None,
             "kunci 'a' ditulis dua kali dalam tabel kurung kurawal yang sama"),
        Case("control character", 'name = "SMK Negeri 2 Contoh"', 'name = "SMK\x01"', None,
             "karakter '\\x01' tidak boleh ada di sini"),
    ]


LOADERS = {"robot": (ROBOTS_DIR / "fd-b4.toml", _robot_cases()),
           "achievement": (ACHIEVEMENTS_DIR / "robot-fillet-2f.toml", _achievement_cases()),
           "issuer": (None, _issuer_cases())}
CASES = [(loader, case) for loader, (_, cases) in LOADERS.items() for case in cases]
# what each loader calls the file when it cannot read it
WHAT = {"robot": "berkas robot", "achievement": "berkas badge", "issuer": "berkas penerbit badge"}


def _pictures(folder: Path) -> None:
    """The pictures the achievement cases point at."""
    (folder / "folder.png").mkdir()
    (folder / "gif.png").write_bytes(b"GIF89a" + bytes(20))
    (folder / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (folder / "text.svg").write_bytes(b"<html>no picture</html>")
    (folder / "big.svg").write_bytes(b"<svg>" + b" " * 60_000 + b"</svg>")


def _write(loader: str, case: Case, folder: Path) -> tuple[Path, str | None]:
    """The broken file and the text it was made of (None for bytes)."""
    example, _ = LOADERS[loader]
    path = folder / f"{loader}.toml"
    if isinstance(case.new, bytes):
        path.write_bytes(case.new)
        return path, None
    text = example.read_text(encoding="utf-8") if example else ISSUER
    if case.old is None:
        text = case.new
    else:
        assert case.old in text, case.old
        text = text.replace(case.old, case.new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text


def _argv(loader: str, path: Path, folder: Path, lang: str) -> list[str]:
    """The command that reads the file: ``weldsim robot`` or ``weldsim badge issue`` (the
    achievement and the issuer are read before the gradebook and the key)."""
    if loader == "robot":
        return ["robot", str(path), "--samples", "10", "--lang", lang]
    issuer = folder / "issuer-ok.toml"
    issuer.write_text(ISSUER, encoding="utf-8")
    achievement, issuer = ((str(path), issuer) if loader == "achievement"
                           else ("robot-fillet-2f", path))
    return ["badge", "issue", achievement, "--issuer", str(issuer), "--gradebook",
            str(folder / "none.sqlite"), "--trainee", "ani", "--key", str(folder / "none.key"),
            "--out", str(folder / "out"), "--lang", lang]


def _english_left(text: str) -> list[str]:
    plain = re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", plain)}
    return english_in(text) + sorted(words & MORE_ENGLISH)


def _line(text: str | None, at: str | None) -> int | None:
    if text is None or at is None:
        return None
    return next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith(at))


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(("loader", "case"), CASES, ids=[f"{lo}-{c.name}" for lo, c in CASES])
def test_a_broken_file_is_told_in_indonesian(loader, case, tmp_path, capsys):
    _pictures(tmp_path)
    path, text = _write(loader, case, tmp_path)
    code, err = _run(_argv(loader, path, tmp_path, "id"), capsys)
    assert code == 2 and "Traceback" not in err, err
    line = _line(text, case.at)
    where = f"{path}:{line}: " if line else f"{path}: "
    assert f"weldsim: kesalahan: {where}" in err, err
    assert case.id_text in err, err
    assert not _english_left(err.replace(str(tmp_path), "")), err


@pytest.mark.parametrize(("loader", "case"), CASES, ids=[f"{lo}-{c.name}" for lo, c in CASES])
def test_a_broken_file_is_told_in_english(loader, case, tmp_path, capsys):
    _pictures(tmp_path)
    path, text = _write(loader, case, tmp_path)
    code, err = _run(_argv(loader, path, tmp_path, "en"), capsys)
    assert code == 2 and "Traceback" not in err, err
    line = _line(text, case.at)
    where = f"{path}:{line}: " if line else f"{path}: "
    assert f"weldsim: error: {where}" in err, err
    assert not foreign_in(err.replace(str(tmp_path), ""), "en"), err


@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_a_folder_or_nothing_instead_of_the_file(loader, tmp_path, capsys):
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    for path, reason in ((folder, "itu sebuah folder"),
                         (tmp_path / "nope.toml", "berkas atau folder itu tidak ada")):
        code, err = _run(_argv(loader, path, tmp_path, "id"), capsys)
        assert code == 2 and "Traceback" not in err, err
        assert f"{path}: {WHAT[loader]} tidak bisa dibaca: {reason}" in err, err
        assert not _english_left(err.replace(str(tmp_path), "")), err


def test_every_loaders_message_has_both_languages_and_the_same_fields():
    from weldsim.i18n import catalog, placeholders

    en = {k: v for k, v in catalog("en").items() if k.startswith("loaders.")}
    ids = {k: v for k, v in catalog("id").items() if k.startswith("loaders.")}
    assert en and set(en) == set(ids)
    for key in en:
        assert placeholders(en[key]) == placeholders(ids[key]), key
