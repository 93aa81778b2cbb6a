"""Zero accessibility violations: axe-core (WCAG 2 A and AA rules) over every page of the book and
of its student and 45-minute editions, in Chromium, offline.

axe-core comes from PyPI, bundled in ``axe-playwright-python`` (requirements.txt); only its
``axe.min.js`` is used, injected into each page after the one load that the rendering checks also
read (the ``visits`` fixture in conftest.py). A student or short edition's page whose article is
the same HTML as the full edition's is checked around its article; that article is checked on the
full edition's page. Needs Debian's ``chromium``; without it the tests skip with a reason, unless
REQUIRE_BROWSER=1, when they fail.
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
