"""Numbers the prose quotes are computed by the package and inserted by the build ({eval}`N.name`):
none of them may be typed by hand in the book's Markdown, where it could drift from the code."""

from __future__ import annotations

import re
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


def _texts():
    return [path.read_text(encoding="utf-8") for path in MARKDOWN]


def test_every_number_computes_and_every_quoted_one_has_a_phrase_for_the_drift_check():
    """Each number computes; each one the prose quotes has a phrase to look for typed by hand: its
    own ``typed`` pattern or the words around a quotation of it."""
    known = N.known()
    assert known, "no number is registered"
    phrases = nb.quoted_phrases(_texts())
    for name, text in known.items():
        assert text.strip(), name
        if name in phrases or nb.TYPED.get(name):
            assert all("{v}" in p for p in {nb.TYPED.get(name) or "{v}"} | phrases.get(name, set())), name
    quoted = {n for text in _texts() for n in re.findall(r"\{eval\}`N\.(\w+)`", text) if n in known}
    quoted_without = sorted(n for n in quoted if n not in phrases and not nb.TYPED.get(n))
    assert not quoted_without, f"quoted with no words around them and no typed phrase: {quoted_without}"


def test_the_phrases_of_a_quotation_are_the_words_around_it():
    text = "Russia's prior is a belief of {eval}`N.probe_mu` in\nthe model; {eval}`N.probe_n` alone."
    # three tokens around a quotation, one of them a word; fewer give no phrase
    assert nb.quoted_phrases([text]) == {"probe_mu": {r"belief\s*of\s*{v}\s*in"},
                                         "probe_n": {r"model\s*;\s*{v}\s*alone"}}
    found = nb.typed_by_hand("and a belief of 0.3\nin Moscow | two | 4 |", {"probe_mu": "0.30", "probe_n": "4"},
                             nb.quoted_phrases([text, "| Lab two | {eval}`N.probe_n` |"]))
    assert found == [(1, "probe_mu", "belief of 0.3 in"), (2, "probe_n", "two | 4 |")]
    assert nb.quoted_phrases(["({eval}`N.probe_n`)"]) == {}


def test_no_computed_number_is_typed_by_hand():
    known = N.known()
    phrases = nb.quoted_phrases(_texts())
    problems = []
    for path in MARKDOWN:
        # The quiz's items state their own givens (exported as fixed text to an LMS): only the
        # numbers' own phrases apply to it, not the words around the chapters' quotations.
        own = {} if path.name == "quiz.md" else phrases
        for line, name, typed in nb.typed_by_hand(path.read_text(encoding="utf-8"), known, own):
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
    # d_<name>: every number of syrialev.models.defaults, registered wholesale for the prose to use.
    unused = [name for name, text in known.items() if text not in shown and not name.startswith("d_")]
    assert not unused, f"registered numbers that no page shows: {unused}"
