"""A printable reader and a role-play pack, printed from the built book with headless Chromium.

``python -m syrialev.tools.printed --student _build/student/_build/html --full _build/html --out _build/pdf``
(what ``make pdf`` runs, after ``make book`` and ``make student``) writes:

- ``reader.pdf``: the student path, from the student edition, in the order of its table of contents:
  a cover with the contents, then every page (the chapters with their figures and the explorers'
  static scenarios, the exercises without solutions, the coursework pages, the glossary, the
  models page, the data appendix and the references). The role cards are left to the pack.
- ``roleplay-pack.pdf``: the role-play's briefing, the role cards (one card a page) and the "what
  happened" handout, from the full edition (the handout is an instructors' page).

Each page is printed by Chromium with the book's print style sheet (``_static/print.css``: no
navigation, no buttons, no in-page controls; cards and slides one a sheet) and the PDFs are joined
with pypdf, with one bookmark per page. Nothing is fetched: the pages are opened from the disk in
an offline browser context.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["PrintError", "Printed", "reader_pages", "PACK_PAGES", "print_pdf", "build", "main",
           "READER_PAGE_RANGE", "find_chromium"]

#: The pages of the role-play pack: (edition, document).
PACK_PAGES = [("full", "coursework/roleplay"), ("full", "coursework/role_cards"),
              ("full", "instructors/what_happened")]
#: Pages of the reader left out because the pack prints them.
LEFT_TO_PACK = {"coursework/role_cards", "instructors/what_happened"}
#: The reader's expected length in A4 pages: a check that nothing was dropped or doubled.
READER_PAGE_RANGE = (200, 420)

_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


class PrintError(RuntimeError):
    """The reader or pack could not be printed: a page is missing, or no Chromium."""


@dataclass
class Printed:
    path: Path
    pages: int
    sections: list  # (title, first page), one per printed document


def find_chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise PrintError("no Chromium found (install Debian's `chromium`, or set CHROMIUM)")
    return found


def reader_pages(root: Path) -> list[str]:
    """Documents of the student edition in reading order (its table of contents), less the pack's."""
    from .edition import student_toc

    toc = student_toc(yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8")))
    docs = [toc["root"]]
    for part in toc.get("parts", []):
        docs += [c["file"] for c in part.get("chapters", [])]
    return [d for d in docs if d not in LEFT_TO_PACK]


def _title(page) -> str:
    return page.evaluate("() => (document.querySelector('article h1') || {}).textContent || document.title"
                         ).replace("#", "").strip()


def _cover(title: str, subtitle: str, contents: list[str]) -> str:
    items = "".join(f"<li>{html.escape(c)}</li>" for c in contents)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
            "body{font-family:sans-serif;margin:30mm 20mm} h1{font-size:28pt;margin-bottom:4mm}"
            "p{font-size:13pt;color:#333} ol{font-size:12pt;line-height:1.6}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p><h2>Contents</h2><ol>{items}</ol>"
            "</body></html>")


#: Paper margins of the reader. The pack is printed as the book's print style sheet lays it out
#: (cards and the handout sized to fill one sheet each, as on the pages' own print).
READER_MARGINS = {"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}


def print_pdf(browser, pages: list[Path], target: Path, title: str, subtitle: str,
              margins: dict | None = None) -> Printed:
    """Print ``pages`` (HTML files) with ``browser`` (a Playwright Browser) into one PDF."""
    from pypdf import PdfReader, PdfWriter

    for p in pages:
        if not p.is_file():
            raise PrintError(f"{p} is missing: build the book and the student edition first "
                             "(make book student)")
    context = browser.new_context(offline=True)
    parts, titles = [], []
    try:
        for path in pages:
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            titles.append(_title(page))
            options = {"margin": margins} if margins else {}
            parts.append(page.pdf(format="A4", print_background=True, **options))
            page.close()
        cover = context.new_page()
        cover.set_content(_cover(title, subtitle, titles))
        cover_pdf = cover.pdf(format="A4")
        cover.close()
    finally:
        context.close()
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(cover_pdf)).pages:
        writer.add_page(page)
    sections = []
    for name, pdf in zip(titles, parts):
        start = len(writer.pages)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
        writer.add_outline_item(title=name, page_number=start)
        sections.append((name, start + 1))
    writer.add_metadata({"/Title": title})
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        writer.write(f)
    return Printed(target, len(writer.pages), sections)


def build(root: Path, student_html: Path, full_html: Path, out: Path, browser=None) -> dict[str, Printed]:
    """Print the reader (from the student edition) and the role-play pack (from the full edition).

    ``browser``: a Playwright Browser to reuse (the tests' shared Chromium); otherwise one is started.
    """
    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))
    book = config.get("title", "The book")
    student_html, full_html = Path(student_html).resolve(), Path(full_html).resolve()
    reader = [student_html / f"{doc}.html" for doc in reader_pages(root)]
    pack = [(full_html if edition == "full" else student_html) / f"{doc}.html" for edition, doc in PACK_PAGES]

    def run(b):
        return {"reader": print_pdf(b, reader, Path(out) / "reader.pdf", book,
                                    "The student edition: chapters, exercises, coursework, glossary, references",
                                    READER_MARGINS),
                "pack": print_pdf(b, pack, Path(out) / "roleplay-pack.pdf", f"{book}: the role-play",
                                  "Briefing, role cards (one a page) and the handout")}

    if browser is not None:
        return run(browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=find_chromium(), headless=True, args=_ARGS)
        try:
            return run(b)
        finally:
            b.close()


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.printed")
    ap.add_argument("--root", default=".")
    ap.add_argument("--student", default="_build/student/_build/html")
    ap.add_argument("--full", default="_build/html")
    ap.add_argument("--out", default="_build/pdf")
    args = ap.parse_args(argv)
    try:
        made = build(Path(args.root), Path(args.student), Path(args.full), Path(args.out))
    except PrintError as exc:
        raise SystemExit(f"error: {exc}") from None
    low, high = READER_PAGE_RANGE
    for name, printed in made.items():
        print(f"{name}: {printed.path} ({printed.pages} pages)")
    if not low <= made["reader"].pages <= high:
        raise SystemExit(f"error: the reader has {made['reader'].pages} pages, outside {low}-{high}: "
                         "a page is missing or repeated")


if __name__ == "__main__":
    main()
