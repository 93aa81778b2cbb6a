"""Reading times and the reading path: one counter over rendered text, one list of core pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser
from sphinx import addnodes
from sphinx_exercise.nodes import exercise_enumerable_node, solution_node

from syrialev.tools import bookpath, readingtime

ROOT = Path(__file__).resolve().parents[1]


def _myst(text: str) -> nodes.document:
    return publish_doctree(text, parser=Parser(), settings_overrides={
        "myst_enable_extensions": ["dollarmath", "colon_fence"], "report_level": 5})


# ----------------------------------------------------------------------------- the counter


@pytest.mark.parametrize("text, n", [
    ("one two three", 3),
    ("don't stop: Iran-led forces, 1.5 times 2017's count", 8),
    ("— , . ; ( )", 0),
    ("Khan Shaykhun, Deir ez-Zor", 4),
])
def test_words_are_counted_as_a_reader_counts_them(text, n):
    assert readingtime.words_in(text) == n


def test_counter_reads_prose_and_skips_code_formulas_and_alt_text():
    page = _myst("# A short title\n\nOne two $x^2$ three.\n\n```python\nnot = 'counted'\n```\n\n"
                 "![alt text is not read](a.png)\n\n$$\na = b\n$$\n\n<!-- a comment -->\n\nLast line.\n")
    # "A short title" 3, "One two three" 3, "Last line" 2
    assert readingtime.doctree_load(page)["words"] == 8


def _page_with_citation_solution_and_exercises() -> nodes.document:
    doc = _myst("# Page\n\nFour words of prose.\n")
    para = nodes.paragraph()
    para += nodes.Text("Before ")
    cite = addnodes.pending_xref("", refdomain="cite", reftype="p", reftarget="reuters2017")
    cite += nodes.Text("Reuters, 7 April 2017, a long headline")
    para += cite
    para += nodes.Text(" after.")
    doc += para
    live = exercise_enumerable_node(label="ex-live", classes=["exercise", "needs-kernel"])
    live += nodes.paragraph("", "Move the slider and say.")
    doc += live
    paper = exercise_enumerable_node(label="ex-paper", classes=["exercise"])
    paper += nodes.paragraph("", "Work it out.")
    doc += paper
    sol = solution_node(classes=["solution"])
    sol += nodes.paragraph("", "The answer is three words... and more.")
    doc += sol
    return doc


def test_counter_skips_citations_counts_solutions_apart_and_finds_exercises():
    load = readingtime.doctree_load(_page_with_citation_solution_and_exercises())
    # "Page" 1 + "Four words of prose" 4 + "Before after" 2 + "Move the slider and say" 5
    # + "Work it out" 3 = 15; the solution: "The answer is three words and more" 7
    assert load["words"] == 15
    assert load["solution_words"] == 7
    assert load["exercises"] == ["ex-live", "ex-paper"]
    assert load["kernel_exercises"] == ["ex-live"]


@pytest.mark.parametrize("words, wpm, expected", [(0, 200, 0), (1, 200, 1), (299, 200, 1),
                                                  (301, 200, 2), (1000, 250, 4)])
def test_minutes_round_and_never_show_zero_for_text(words, wpm, expected):
    assert readingtime.minutes(words, wpm) == expected


@pytest.mark.parametrize("words, wpm, fragment", [(10, 0, "positive"), (-1, 200, "negative")])
def test_minutes_refuse_bad_input(words, wpm, fragment):
    with pytest.raises(ValueError, match=fragment):
        readingtime.minutes(words, wpm)


# ----------------------------------------------------------------------------- the path


@pytest.fixture(scope="module")
def toc():
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def path():
    return bookpath.load_path(ROOT / "_path.yml")


def test_path_lists_every_page_of_the_contents_once(path, toc):
    assert bookpath.check_covers(path, toc) == []


def test_path_has_a_core_and_deep_dives(path):
    kinds = {e["path"] for e in path.values()}
    assert {"core", "deep"} <= kinds
    for doc in ("chapters/00_argument_at_a_glance", "chapters/03_leverage", "coursework/roleplay"):
        assert path[doc]["path"] == "core", doc


def test_check_covers_names_missing_and_extra_pages(path, toc):
    broken = dict(path)
    broken.pop("chapters/06_labs")
    broken["chapters/99_ghost"] = {"path": "deep", "about": "x"}
    problems = bookpath.check_covers(broken, toc)
    assert problems == ["_path.yml does not list chapters/06_labs",
                        "_path.yml lists chapters/99_ghost, which is not in _toc.yml"]


@pytest.mark.parametrize("body, fragment", [
    ("pages:\n  intro: {path: core}\n", "page 'intro' has no 'about'"),
    ("pages:\n  intro: {path: optional, about: x}\n", "page 'intro' has path 'optional'"),
    ("core: [intro]\n", "expected a mapping 'pages:'"),
])
def test_malformed_path_file_names_file_and_page(tmp_path, body, fragment):
    f = tmp_path / "_path.yml"
    f.write_text(body)
    with pytest.raises(bookpath.PathError, match=re.escape(fragment)) as err:
        bookpath.load_path(f)
    assert str(f) in str(err.value)


def test_toc_parts_keep_the_order_and_the_root(toc):
    parts = bookpath.toc_parts(toc)
    assert parts[0] == (None, ["intro"])
    assert [c for c, _ in parts[1:]] == [p["caption"] for p in toc["parts"]]
    short = {"root": "short/index", "chapters": [{"file": "short/reading"}]}
    assert bookpath.toc_docs(short) == ["short/index", "short/reading"]


# ----------------------------------------------------------------------------- the built book


def _article(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")


_HEADER = re.compile(r"(\d+) min read · ([\d,]+) words")


@pytest.mark.book
def test_every_page_shows_its_reading_time_and_path(html_dir, toc, path):
    for doc in bookpath.toc_docs(toc):
        line = _article(html_dir / f"{doc}.html").select_one("p.reading-time")
        assert line is not None, f"{doc} shows no reading time"
        text = line.get_text(" ", strip=True)
        m = _HEADER.search(text)
        assert m, (doc, text)
        words = int(m.group(2).replace(",", ""))
        assert int(m.group(1)) == readingtime.minutes(words), (doc, text)
        assert text.startswith(bookpath.PATH_LABELS[path[doc]["path"]]), (doc, text)


@pytest.mark.book
def test_chapter_words_are_those_of_the_rendered_text(html_dir):
    """A real chapter is thousands of words; its count is below the page's whole text (citations,
    code and solutions left out) and not far below it."""
    page = _article(html_dir / "chapters" / "03_leverage.html")
    words = int(_HEADER.search(page.select_one("p.reading-time").get_text(" ")).group(2).replace(",", ""))
    everything = readingtime.words_in(page.get_text(" "))
    assert 1500 < words < everything
    assert words > 0.5 * everything


@pytest.mark.book
def test_landing_page_chapter_map_lists_every_page_of_the_contents(html_dir, toc, path):
    table_links = [a["href"].split("#")[0] for a in _article(html_dir / "intro.html").select(
        "table.chapter-map a[href]")]
    for doc in bookpath.toc_docs(toc)[1:]:
        assert f"{doc}.html" in table_links, f"the chapter map omits {doc}"
    text = _article(html_dir / "intro.html").get_text(" ")
    assert "Core path" in text and "Deep dive" in text


@pytest.mark.book
def test_planning_table_totals_add_up_and_count_every_exercise(html_dir, root):
    table = _article(html_dir / "instructors" / "planning.html").select_one("table.reading-times")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    pages, totals = rows[:-2], rows[-2:]
    num = lambda s: int(s.replace(",", ""))  # noqa: E731
    assert num(totals[1][2]) == sum(num(r[2]) for r in pages)
    assert num(totals[0][2]) == sum(num(r[2]) for r in pages if r[1] == "Core path")
    exercises = sum(len(re.findall(r"```\{exercise\}", p.read_text(encoding="utf-8")))
                    for p in [*(root / "chapters" / "text").glob("*.md"), root / "chapters" / "models.md"])
    assert num(totals[1][5]) == exercises
