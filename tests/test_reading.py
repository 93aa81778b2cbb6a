"""The built book reads like a textbook: citations that do not drown the prose, and no code cell
shown without what it gives. Checked over the built HTML of the book and its editions."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import content_pages

pytestmark = pytest.mark.book

#: In-text citations may take at most this share of a page's words.
MAX_CITATION_SHARE = 0.03
WORD = re.compile(r"[\w'’-]+")


def words(text: str) -> int:
    return len(WORD.findall(text))


def citation_share(html: str) -> tuple[int, int]:
    """(words of in-text citations, words of the whole article) of one built page."""
    article = BeautifulSoup(html, "html.parser").find("article")
    if article is None:
        return 0, 0
    # in-text citations: author-year labels ({cite:t}) and note numbers ({cite:p}); the list of
    # notes at the end of the page is apparatus, like the bibliography, and is not counted
    cited = sum(words(el.get_text(" ")) for el in article.select(".bibtex-citation"))
    return cited, words(article.get_text(" "))


def test_citation_share_counts_labels_and_note_numbers():
    html = ('<article><p>One two three four five six seven eight nine '
            '<span class="bibtex-citation">Reuters (<a title="A very long headline">7 Apr 2017</a>)</span> '
            'ten<sup class="bibtex-citation"><a title="Sources: TASS, 8 Apr 2017">12</a></sup>.'
            '</p></article>')
    assert citation_share(html) == (5, 15)


def test_citations_are_at_most_three_percent_of_every_chapter(html_dir):
    pages = [p for p in content_pages(html_dir) if p.name != "references.html"]
    assert len(pages) > 10
    problems, measured = [], 0
    for page in pages:
        cited, total = citation_share(page.read_text(encoding="utf-8"))
        if total < 200:
            continue
        measured += 1
        if cited > MAX_CITATION_SHARE * total:
            problems.append(f"{page.relative_to(html_dir)}: citations are {cited} of {total} words "
                            f"({cited / total:.1%})")
    assert measured > 10
    assert not problems, "\n".join(problems)


def test_notes_list_short_labels_with_the_full_entry_on_hover(html_dir):
    """A parenthetical citation is a note number whose hover names its sources; the page's list of
    notes gives short labels, each linked to the references, with the full entry (and its source
    type) on hover; every note number leads to its note and back."""
    soup = BeautifulSoup((html_dir / "chapters" / "04_debate_2017.html").read_text(encoding="utf-8"),
                         "html.parser")
    marks = soup.select("a.syrialev-note-mark")
    notes = soup.select("ol.syrialev-notes > li")
    assert marks and len(marks) == len(notes)
    for n, (mark, note) in enumerate(zip(marks, notes), start=1):
        assert mark.get_text(strip=True) == str(n) and mark["href"] == f"#{note['id']}"
        assert (mark.get("title") or "").startswith("Sources: ")
        assert note.select_one("a.syrialev-note-back")["href"] == "#" + mark.find_parent("sup")["id"]
        for a in note.select("a.reference:not(.syrialev-note-back)"):
            label, title = a.get_text(" ").strip(), a.get("title") or ""
            assert words(label) <= 8, f"note {n}: a long label {label!r}"
            assert "references.html#" in a["href"]
            assert "Source type:" in title and len(title) > len(label), f"note {n}: no full entry for {label!r}"


# ----------------------------------------------------------------------------- no dead code


def dead_cells(html: str) -> list[str]:
    """The code cells of a built page that show their code but no output (first line of each)."""
    found = []
    for cell in BeautifulSoup(html, "html.parser").select("div.cell"):
        code = cell.select_one("div.cell_input")
        if code is None or not code.get_text(strip=True):
            continue
        out = cell.select_one("div.cell_output")
        if out is None or not (out.get_text(strip=True) or out.find(["img", "svg", "iframe", "table"])):
            found.append(code.get_text("\n", strip=True).splitlines()[0][:80])
    return found


def test_dead_cells_finds_a_cell_with_code_and_no_output():
    page = ('<div class="cell"><div class="cell_input"><pre>x = 1</pre></div></div>'
            '<div class="cell"><div class="cell_input"><pre>f()</pre></div>'
            '<div class="cell_output"><p>It gives 2.</p></div></div>'
            '<div class="cell tag_remove-input"><div class="cell_output"><img src="a.png"></div></div>')
    assert dead_cells(page) == ["x = 1"]


@pytest.mark.parametrize("edition", ["html_dir", "student_html", "short_html"])
def test_no_visible_code_cell_is_without_output(edition, request):
    root = request.getfixturevalue(edition)
    problems = [f"{page.relative_to(root)}: {first}"
                for page in content_pages(root) for first in dead_cells(page.read_text(encoding="utf-8"))]
    assert not problems, "code cells shown with nothing under them:\n" + "\n".join(problems)
