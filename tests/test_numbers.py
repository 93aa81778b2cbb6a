"""Numbers the prose quotes are computed by the package and inserted by the build ({eval}`N.name`):
none of them may be typed by hand in the book's Markdown, where it could drift from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from syrialev.chapters import N
from syrialev.chapters import numbers as nb

ROOT = Path(__file__).resolve().parents[1]
#: The Markdown a reader sees: the chapters' text twins, the models page, coursework, the
#: instructors' pages, the short edition and the landing pages.
MARKDOWN = sorted(
    [*ROOT.glob("chapters/text/*.md"), ROOT / "chapters" / "models.md", *ROOT.glob("coursework/*.md"),
     *ROOT.glob("instructors/*.md"), *ROOT.glob("short/*.md"), ROOT / "intro.md"])


def test_every_number_computes_and_says_how_prose_would_type_it():
    known = N.known()
    assert known, "no number is registered"
    for name, text in known.items():
        assert text.strip(), name
        assert "{v}" in nb.TYPED.get(name, ""), f"N.{name} has no typed phrase for the drift check"


def test_no_computed_number_is_typed_by_hand():
    known = N.known()
    problems = []
    for path in MARKDOWN:
        for line, name, typed in nb.typed_by_hand(path.read_text(encoding="utf-8"), known):
            problems.append(f"{path.relative_to(ROOT)}:{line}: \"{typed}\" types N.{name} "
                            f"({known[name]}) by hand; write {{eval}}`N.{name}`")
    assert not problems, "\n".join(problems)


def test_the_scan_finds_a_number_typed_in_digits_or_words_across_a_line_break():
    nb.TYPED["_probe"] = r"essay's {v} claims"
    try:
        values = {"_probe": "seventeen"}
        text = "Intro.\nThe essay's 17\nclaims and the essay's seventeen claims; the essay's {eval}`N.x` claims."
        assert [(ln, typed) for ln, _, typed in nb.typed_by_hand(text, values)] == [
            (2, "essay's 17 claims"), (3, "essay's seventeen claims")]
        assert nb.typed_by_hand("the essay's 170 claims", values) == []
    finally:
        del nb.TYPED["_probe"]


@pytest.mark.parametrize("text, expected", [("seventeen", ["seventeen", "17"]), ("Five", ["Five", "5"]),
                                            ("68", ["68"]), ("0.30", ["0.30", "0.3"]),
                                            ("1.2", ["1.2"]), ("1847", ["1847", "1,847"])])
def test_spellings(text, expected):
    assert nb.spellings(text) == expected


def test_a_typed_phrase_needs_a_place_for_the_number():
    with pytest.raises(ValueError, match="no \\{v\\}"):
        nb.number("_bad", typed="claims")


@pytest.mark.book
def test_the_build_renders_each_number_where_the_prose_quotes_it(html_dir):
    """{eval}`N.name` becomes the number in the built page, and no page shows the role unrendered."""
    from bs4 import BeautifulSoup

    from conftest import content_pages

    known = N.known()
    shown = set()
    for page in content_pages(html_dir):
        html = page.read_text(encoding="utf-8")
        assert "{eval}" not in html, f"{page.name}: an {{eval}} role was not rendered"
        shown |= {span.get_text() for span in BeautifulSoup(html, "html.parser").select("span.syrialev-number")}
    page = (html_dir / "chapters" / "01_long_ties.html").read_text(encoding="utf-8")
    assert f"{known['timeline_events']} events from {known['timeline_first_year']}" in " ".join(
        BeautifulSoup(page, "html.parser").get_text().split())
    unused = [name for name, text in known.items() if text not in shown]
    assert not unused, f"registered numbers that no page shows: {unused}"
