"""The printable certificate page (self-contained HTML, A4 landscape) in Indonesian or English.

It is the only place the trainee's name appears: the credential holds a salted hash of it.
The page shows the achievement, the issuer, the date, the results and how anyone checks the
credential with the instructor's public key.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from weldsim.badges.achievement import Achievement, Issuer
from weldsim.i18n import tr

__all__ = ["certificate_html", "long_date"]


def long_date(day: dt.date, lang: str) -> str:
    """``7 Desember 2026`` / ``7 December 2026``."""
    from babel.dates import format_date

    return format_date(day, format="long", locale="id" if lang == "id" else "en_GB")


def _score(score: float, lang: str) -> str:
    """A score as the report rounds it (2 decimals), without a trailing zero: 88,5 / 92,25."""
    from weldsim.i18n import format_number

    text = format_number(score, 2, lang)
    return text[:-1] if text.endswith("0") else text


_CSS = """
@page { size: A4 landscape; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #e9e6df; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1f2328; }
.sheet { width: 297mm; height: 210mm; margin: 0 auto; padding: 12mm; background: #fbfaf6; }
.frame { height: 100%; border: 2.2mm solid %(color)s; outline: 0.6mm solid #f2a900;
  outline-offset: -4.2mm; padding: 11mm 16mm 9mm; display: flex; flex-direction: column; }
.head { display: flex; justify-content: space-between; align-items: flex-start; }
.issuer { font-size: 11pt; letter-spacing: .08em; text-transform: uppercase; color: #555; }
.badge { width: 50mm; height: 50mm; margin-top: -3mm; }
h1 { font-family: Georgia, "DejaVu Serif", serif; font-size: 30pt; margin: 1mm 0 0;
  color: %(color)s; letter-spacing: .02em; }
.lead { font-size: 12pt; margin: 5mm 0 1mm; color: #555; }
.name { font-family: Georgia, "DejaVu Serif", serif; font-size: 28pt; font-weight: bold;
  margin: 0; border-bottom: .4mm solid #c9c3b5; padding-bottom: 2mm; }
.achievement { font-size: 17pt; font-weight: bold; margin: 4mm 0 1mm; color: %(color)s; }
.description { font-size: 10.5pt; margin: 0 0 2mm; line-height: 1.4; max-width: 215mm; }
.criteria { font-size: 9pt; margin: 0 0 2mm; line-height: 1.4; max-width: 215mm; color: #444; }
table { border-collapse: collapse; font-size: 10pt; margin: 1mm 0 3mm; }
th, td { text-align: left; padding: 1.2mm 5mm 1.2mm 0; border-bottom: .2mm solid #ddd6c8; }
th { color: #555; font-weight: normal; }
.foot { margin-top: auto; display: flex; justify-content: space-between; gap: 10mm;
  font-size: 8.5pt; color: #444; line-height: 1.45; }
.verify { max-width: 165mm; }
.verify b { color: #1f2328; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt;
  background: #efece4; padding: .3mm 1mm; border-radius: .8mm; word-break: break-all; }
.date { text-align: right; min-width: 60mm; }
.date .big { font-size: 12pt; color: #1f2328; font-weight: bold; }
@media screen { .sheet { margin: 8mm auto; box-shadow: 0 1mm 5mm rgba(0,0,0,.2); } }
"""


def certificate_html(*, achievement: Achievement, issuer: Issuer, trainee_name: str,
                     issued: dt.date, valid_until: dt.date | None, results: list[tuple],
                     credential_id: str, image_uri: str, lang: str,
                     badge_file: str = "badge.png") -> str:
    """The certificate page.

    Parameters
    ----------
    results : list of (exercise, score, level)
        One per counted exercise; ``level`` may be None.
    image_uri : str
        The badge picture (a ``data:`` URI).
    badge_file : str
        The baked badge's file name, for the command that checks it.
    """
    t = lambda key, **p: escape(tr(key, lang, **p))  # noqa: E731
    rows = "".join(
        f"<tr><td>{escape(ex)}</td><td>{escape(_score(score, lang))}</td>"
        f"<td>{escape(level or '–')}</td></tr>" for ex, score, level in results)
    until = (t("badge.cert.valid_until", date=long_date(valid_until, lang))
             if valid_until is not None else t("badge.cert.no_expiry"))
    css = _CSS.replace("%(color)s", achievement.image_color)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{t("badge.cert.title")}: {escape(achievement.name(lang))}</title>
<style>{css}</style>
</head>
<body>
<div class="sheet"><div class="frame">
  <div class="head">
    <div>
      <div class="issuer">{escape(issuer.name)}</div>
      <h1>{t("badge.cert.heading")}</h1>
      <p class="lead">{t("badge.cert.awarded_to")}</p>
      <p class="name">{escape(trainee_name)}</p>
    </div>
    <img class="badge" src="{escape(image_uri)}" alt="{escape(achievement.name(lang))}">
  </div>
  <p class="lead">{t("badge.cert.for")}</p>
  <p class="achievement">{escape(achievement.name(lang))}</p>
  <p class="description">{escape(achievement.description(lang))}</p>
  <p class="criteria"><b>{t("badge.cert.criteria")}</b> {escape(achievement.criteria(lang))}</p>
  <table>
    <tr><th>{t("badge.cert.exercise")}</th><th>{t("badge.cert.score")}</th>
        <th>{t("badge.cert.level")}</th></tr>
    {rows}
  </table>
  <div class="foot">
    <div class="verify">
      <b>{t("badge.cert.verify_heading")}</b><br>
      {t("badge.cert.verify_text")}<br>
      <code>weldsim badge verify {escape(badge_file)} --key instructor.pub</code><br>
      {t("badge.cert.verify_identity")}<br>
      {t("badge.cert.credential_id")} <code>{escape(credential_id)}</code>
    </div>
    <div class="date">
      {t("badge.cert.issued_on")}<br><span class="big">{escape(long_date(issued, lang))}</span>
      <br>{until}<br>{escape(issuer.id)}
    </div>
  </div>
</div></div>
</body>
</html>
"""
