"""Zero accessibility violations: axe-core (WCAG 2 A and AA rules) over every page of the book and
of its student and 45-minute editions, in Chromium, offline.

axe-core comes from PyPI, bundled in ``axe-playwright-python`` (requirements.txt); only its
``axe.min.js`` is used, injected into each page after the one load that the rendering checks also
read (the ``visits`` fixture in conftest.py). What of a student or short edition's article is the
very same HTML as the full edition's (the whole article, or its unchanged parts with an id) is
checked on the full edition's page, and left out of the edition's run; the rest is checked there.
Needs Debian's ``chromium``; without it the tests skip with a reason, unless REQUIRE_BROWSER=1,
when they fail.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

BAD = ('<!doctype html><html lang="en"><head><title>x</title></head><body><main><article>'
       '<h1>Bad</h1><img src="x.png"><p style="background:#fff"><a href="#" style="color:#ddd">faint</a>'
       '</p></article></main></body></html>')


def _report(pages: dict) -> list[str]:
    return [f"{name}: {v['rule']} ({v['impact']}, {v['nodes']} nodes): {v['help']}; e.g. {v['where']}"
            for name, seen in pages.items() for v in seen.violations]


@pytest.mark.browser
def test_axe_finds_a_violation_when_there_is_one(visits, tmp_path):
    """The check can fail: a page with an image without alt text and a low-contrast link."""
    (tmp_path / "bad.html").write_text(BAD, encoding="utf-8")
    rules = {v["rule"] for v in visits(tmp_path)["bad.html"].violations}
    assert {"image-alt", "color-contrast"} <= rules


@pytest.mark.browser
def test_an_edition_page_with_the_full_editions_article_is_checked_around_it(visits, tmp_path):
    """An article identical to the full edition's is checked there (and its fault found there); the
    edition's page is still checked around it; a different article is checked in full."""
    full, edition = tmp_path / "full", tmp_path / "edition"
    for folder in (full, edition):
        folder.mkdir()
        (folder / "same.html").write_text(BAD, encoding="utf-8")
    (full / "other.html").write_text(BAD.replace("Bad", "Full"), encoding="utf-8")
    (edition / "other.html").write_text(BAD.replace("Bad", "Edition"), encoding="utf-8")
    checked = visits(full)
    seen = visits(edition, same_as=full)
    assert {v["rule"] for v in checked["same.html"].violations} >= {"image-alt", "color-contrast"}
    assert seen["same.html"].axe_scope == "page without its article"
    assert not {v["rule"] for v in seen["same.html"].violations} & {"image-alt", "color-contrast"}
    assert seen["other.html"].axe_scope == "page"
    assert {v["rule"] for v in seen["other.html"].violations} >= {"image-alt", "color-contrast"}


# a chapter as the full edition has it: a faulty section that the edition keeps as it is, and a
# section (with an exercise and its solution) that the edition changes
CHAPTER = ('<!doctype html><html lang="en"><head><title>x</title></head><body><main><article>'
           '<h1>Chapter</h1><section id="kept"><h2>Kept</h2><img src="x.png"></section>'
           '<section id="changed"><h2>Changed</h2><p>Exercise.</p>{solution}</section>'
           '</article></main></body></html>')
FAINT = '<p style="background:#fff"><a href="#" style="color:#ddd">faint</a></p>'


@pytest.mark.browser
def test_unchanged_parts_of_a_changed_article_are_checked_on_the_full_edition(visits, tmp_path):
    from conftest import checked_elsewhere

    full, edition = tmp_path / "full", tmp_path / "edition"
    full.mkdir()
    edition.mkdir()
    (full / "ch.html").write_text(CHAPTER.format(solution="<div>Solution.</div>"), encoding="utf-8")
    # the edition drops the solution and adds a fault of its own in the changed section
    (edition / "ch.html").write_text(CHAPTER.format(solution=FAINT), encoding="utf-8")
    assert checked_elsewhere(edition / "ch.html", full / "ch.html") == ['[id="kept"]']
    checked = visits(full)
    seen = visits(edition, same_as=full)
    assert "image-alt" in {v["rule"] for v in checked["ch.html"].violations}
    assert seen["ch.html"].axe_scope == "page without 1 unchanged parts of its article"
    rules = {v["rule"] for v in seen["ch.html"].violations}
    assert "color-contrast" in rules, "the changed section is checked in the edition"
    assert "image-alt" not in rules, "the kept section was checked on the full edition's page"


def test_an_id_found_twice_is_not_taken_for_an_unchanged_part(tmp_path):
    from conftest import checked_elsewhere

    page = CHAPTER.format(solution="").replace('<h2>Changed</h2>', '<h2 id="kept">Changed</h2>')
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page.replace("Exercise.", "Exercise, changed."), encoding="utf-8")
    assert checked_elsewhere(tmp_path / "a.html", tmp_path / "b.html") == []
    (tmp_path / "c.html").write_text(page, encoding="utf-8")
    assert checked_elsewhere(tmp_path / "a.html", tmp_path / "c.html") == ["article"]


@pytest.mark.book  # the edition's fixture is asked for by name, so conftest cannot mark it
@pytest.mark.browser
@pytest.mark.parametrize("edition", ["html_dir", "student_html", "short_html"])
def test_no_axe_violations_on_any_page(edition, request, visits, html_dir):
    root = request.getfixturevalue(edition)
    pages = visits(root) if edition == "html_dir" else visits(root, same_as=html_dir)
    assert pages
    problems = _report(pages)
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems)


@pytest.fixture
def book_fixes():
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import book_fixes
        yield book_fixes
    finally:
        sys.path.remove(str(ROOT / "_ext"))


def test_citation_entries_are_list_items(book_fixes):
    """docutils' deprecated ``doc-biblioentry`` role becomes ``listitem``; other roles are kept."""
    body = ('<div role="list" class="citation-list">\n'
            '<div class="citation" id="id154" role="doc-biblioentry">\n<span class="label">1</span>'
            '<p>Entry.</p>\n</div>\n</div>\n<aside class="footnote brackets" id="f1" role="doc-footnote">')
    fixed = book_fixes.listitem_citations(body)
    assert '<div class="citation" id="id154" role="listitem">' in fixed
    assert "doc-biblioentry" not in fixed
    assert '<div role="list" class="citation-list">' in fixed and 'role="doc-footnote"' in fixed
