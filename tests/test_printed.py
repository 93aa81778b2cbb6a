"""The printable reader and the role-play pack (`make pdf`), read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from syrialev.tools import printed

ROOT = Path(__file__).resolve().parents[1]
RAW_MYST = re.compile(r"\{(cite:[pt]|eval|doc|ref|exercise|solution|code-cell|rubric-table)\}|```|^:::", re.M)

pytestmark = pytest.mark.browser


def test_reader_pages_follow_the_student_contents_without_instructor_pages():
    pages = printed.reader_pages(ROOT)
    assert pages[0] == "intro" and pages[1] == "chapters/00_argument_at_a_glance"
    assert "coursework/glossary" in pages and "references" in pages
    # the reading guide is written for students; the other instructors' pages are not printed, and
    # the handout of what happened is printed in the role-play pack, for after the meeting
    assert "instructors/reading_guide" in pages
    assert not any((p.startswith("instructors/") and p != "instructors/reading_guide")
                   or p == "coursework/instructor_guide" for p in pages)
    assert "coursework/role_cards" not in pages  # printed in the role-play pack


@pytest.fixture(scope="module")
def pdfs(chromium, student_html, html_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    made = printed.build(ROOT, student_html, html_dir, out, browser=chromium)
    return {name: (p, PdfReader(p.path)) for name, p in made.items()}


_TEXTS: dict = {}


def _page_texts(reader: PdfReader) -> list[str]:
    """Each page's text, extracted once per PDF (pypdf's extraction is the slow part)."""
    if id(reader) not in _TEXTS:
        _TEXTS[id(reader)] = (reader, [page.extract_text() or "" for page in reader.pages])
    return _TEXTS[id(reader)][1]


def _text(reader: PdfReader, start: int = 0, stop: int | None = None) -> str:
    return " ".join(_page_texts(reader)[start:stop])


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _h1(html_file: Path) -> str:
    h1 = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
    return _squash(h1.get_text(" ").replace("#", ""))


def test_reader_has_every_page_title_in_order(pdfs, student_html):
    made, reader = pdfs["reader"]
    titles = [_h1(student_html / f"{doc}.html") for doc in printed.reader_pages(ROOT)]
    assert [_squash(o.title) for o in reader.outline] == titles
    text = _squash(_text(reader))
    for title in titles:
        assert title in text, f"{title!r} is not in the printed reader"


def test_reader_embeds_the_chapters_figures(pdfs):
    made, reader = pdfs["reader"]
    starts = [reader.get_destination_page_number(o) for o in reader.outline] + [len(reader.pages)]
    per_section = {o.title: sum(len(reader.pages[i].images) for i in range(a, b))
                   for o, a, b in zip(reader.outline, starts, starts[1:])}
    chapters = list(per_section)[1:7]  # after the introduction: chapters 00 to 05, which have figures
    assert all(per_section[t] >= 1 for t in chapters), per_section
    assert sum(per_section.values()) >= 20, per_section


def test_reader_has_no_raw_myst_and_no_solutions(pdfs):
    made, reader = pdfs["reader"]
    text = _text(reader)
    assert not RAW_MYST.search(text), RAW_MYST.search(text).group(0)
    assert "Solution to" not in text
    assert "Exercise" in text  # the exercises themselves are printed


def test_reader_page_count_in_the_stated_range(pdfs):
    made, reader = pdfs["reader"]
    low, high = printed.READER_PAGE_RANGE
    assert made.pages == len(reader.pages)
    assert low <= len(reader.pages) <= high, f"{len(reader.pages)} pages"


def test_roleplay_pack_prints_briefing_one_card_a_page_and_handout(pdfs, html_dir):
    made, pack = pdfs["pack"]
    titles = [o.title for o in pack.outline]
    assert len(titles) == 3
    starts = [pack.get_destination_page_number(o) for o in pack.outline] + [len(pack.pages)]
    cards = BeautifulSoup((html_dir / "coursework" / "role_cards.html").read_text(encoding="utf-8"),
                          "html.parser").select("div.role-card")
    card_sheets = [" ".join(_page_texts(pack)[i].split()) for i in range(starts[1], starts[2])]
    titles = [" ".join(c.select_one("h2").get_text().split()) for c in cards]
    assert all(t[:25] in s[:300] for t, s in zip(titles, card_sheets)), "one role card a page"
    rest = card_sheets[len(cards):]  # the cards' list of sources follows them
    assert len(card_sheets) >= len(cards) and (not rest or rest[0].startswith("Sources cited on this page"))
    assert starts[3] - starts[2] == 1, "the handout on one sheet"
    text = _text(pack)
    assert not RAW_MYST.search(text)
    assert _squash(_h1(html_dir / "coursework" / "roleplay.html")) in _squash(text)
