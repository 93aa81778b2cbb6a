"""Every edition in one site: the full book, the student edition and the 45-minute edition.

``python -m syrialev.tools.site --full _build/html --student _build/student/_build/html
--short _build/short/_build/html --out _build/site`` (what ``make site`` runs, after the three
builds) copies each edition into its own folder and writes a landing page::

    _build/site/index.html      the landing page: what each edition is, and a link to it
    _build/site/full/           the full book (solutions and the instructors' part)
    _build/site/student/        the student edition and its notebook download
    _build/site/short/          the 45-minute edition

Every page of every edition gets a thin bar at its top (hidden in print) linking to the landing
page and to the same place in the other editions' front pages, so a reader can move between them.
All links are relative: the site works from a web server, GitHub Pages (``.github/workflows/pages.yml``)
or a folder on a USB stick.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
from pathlib import Path

import yaml

__all__ = ["EDITIONS", "assemble", "landing_page", "edition_bar", "main"]

#: (folder, name, what it is), in the order the landing page lists them.
EDITIONS = [
    ("student", "Student edition",
     "Every chapter with its figures and exercises, the role-play, the quiz, the glossary and the "
     "references; no solutions and no instructors' pages."),
    ("short", "45-minute edition",
     "A short reading, the argument map, the credibility pictures and a mini role-play, for one class."),
    ("full", "Full edition (for instructors)",
     "The student edition plus the exercises' solutions and the instructors' part: plans, reading "
     "guide, slides, discussion notes, the quiz key, the role-play guide and the handout."),
]
_BAR_CLASS = "syrialev-editions"
_BODY = re.compile(r"(<body[^>]*>)", re.I)


def landing_page(title: str) -> str:
    extra = {"student": ' <a class="download" href="student/student-notebooks.zip">Download the notebooks</a>.'}
    items = "".join(
        f'<li><a href="{folder}/index.html">{html.escape(name)}</a><br>{html.escape(about)}'
        f'{extra.get(folder, "")}</li>'
        for folder, name, about in EDITIONS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}: the editions</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 3em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
h1 {{ font-size: 2em; margin-bottom: 0.2em; }}
li {{ margin: 1em 0; }} a {{ font-weight: bold; font-size: 1.15em; color: #0b5394; }}
</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p>An educational book on Vali Nasr's essay of 11 April 2017 on U.S. leverage over Russia in Syria.
Choose an edition.</p>
<ul class="editions">{items}</ul>
</body></html>
"""


def edition_bar(depth: int, current: str) -> str:
    """The bar of links at the top of a page ``depth`` folders below its edition's root."""
    up = "../" * (depth + 1)
    links = [f'<a href="{up}index.html">All editions</a>']
    for folder, name, _ in EDITIONS:
        if folder == current:
            links.append(f"<strong>{html.escape(name)}</strong>")
        else:
            links.append(f'<a href="{up}{folder}/index.html">{html.escape(name)}</a>')
    return (f'<nav class="{_BAR_CLASS}" aria-label="Editions" style="font-size:0.85em;padding:0.3em 1em;'
            f'background:#eef3f8;border-bottom:1px solid #c9d6e3">{" · ".join(links)}'
            f"<style>@media print {{ .{_BAR_CLASS} {{ display: none !important; }} }}</style></nav>")


def _add_bars(folder: Path, current: str) -> int:
    count = 0
    for page in folder.rglob("*.html"):
        rel = page.relative_to(folder)
        if rel.parts[0].startswith("_"):
            continue
        text = page.read_text(encoding="utf-8")
        if _BAR_CLASS in text or not _BODY.search(text):
            continue
        bar = edition_bar(len(rel.parts) - 1, current)
        m = _BODY.search(text)
        page.write_text(text[:m.end()] + bar + text[m.end():], encoding="utf-8")
        count += 1
    return count


def assemble(root: Path, full: Path, student: Path, short: Path, out: Path) -> Path:
    """Copy the three built editions into ``out`` with a landing page; return its path."""
    sources = {"full": Path(full), "student": Path(student), "short": Path(short)}
    for name, src in sources.items():
        if not (src / "index.html").is_file():
            raise SystemExit(f"the {name} edition is not built at {src} (make book student short)")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, src in sources.items():
        shutil.copytree(src, out / name, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
        _add_bars(out / name, name)
    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))
    (out / "index.html").write_text(landing_page(config.get("title", "The book")), encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as is
    return out / "index.html"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.site")
    ap.add_argument("--root", default=".")
    ap.add_argument("--full", default="_build/html")
    ap.add_argument("--student", default="_build/student/_build/html")
    ap.add_argument("--short", default="_build/short/_build/html")
    ap.add_argument("--out", default="_build/site")
    args = ap.parse_args(argv)
    index = assemble(Path(args.root), Path(args.full), Path(args.student), Path(args.short), Path(args.out))
    print(f"The site is at {os.path.abspath(index)}")


if __name__ == "__main__":
    main()
