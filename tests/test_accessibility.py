"""Zero accessibility violations: axe-core (WCAG 2 A and AA rules) over every page of the book and
of its student and 45-minute editions, in Chromium, offline.

axe-core comes from PyPI, bundled in ``axe-playwright-python`` (requirements.txt); only its
``axe.min.js`` is used, injected once into each page after one load. Needs Debian's ``chromium``;
without it the tests skip with a reason, unless REQUIRE_BROWSER=1, when they fail.
"""

from __future__ import annotations

import sys
from importlib import resources

import pytest

from conftest import ROOT, content_pages

#: axe-core's rule tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(browser, path, axe_source) -> list[dict]:
    """Load one page, inject axe once, run the WCAG 2 A/AA rules; the violations, each with its
    rule, impact, number of nodes and the first few of their selectors."""
    page = browser.new_page()
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS)
    finally:
        page.close()
    return [{"rule": v["id"], "impact": v.get("impact"), "nodes": len(v["nodes"]),
             "where": [", ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"])
                       for n in v["nodes"][:3]],
             "help": v["help"]} for v in result["violations"]]


@pytest.mark.browser
def test_axe_finds_a_violation_when_there_is_one(browser, axe_source, tmp_path):
    """The check can fail: a page with an image without alt text and a low-contrast link."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
                   '<img src="x.png"><p style="background:#fff"><a href="#" style="color:#ddd">faint</a>'
                   '</p></main></body></html>', encoding="utf-8")
    rules = {v["rule"] for v in axe_violations(browser, bad, axe_source)}
    assert {"image-alt", "color-contrast"} <= rules


@pytest.mark.book  # the edition's fixture is asked for by name, so conftest cannot mark it
@pytest.mark.browser
@pytest.mark.parametrize("edition", ["html_dir", "student_html", "short_html"])
def test_no_axe_violations_on_any_page(edition, request, browser, axe_source):
    root = request.getfixturevalue(edition)
    pages = content_pages(root)
    assert pages
    problems = []
    for path in pages:
        for v in axe_violations(browser, path, axe_source):
            problems.append(f"{path.relative_to(root)}: {v['rule']} ({v['impact']}, {v['nodes']} nodes): "
                            f"{v['help']}; e.g. {v['where']}")
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
