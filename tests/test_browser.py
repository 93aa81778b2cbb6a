"""A real browser opens every page of the built book from disk, offline.

Fails on a missing image, an empty article body, or a JavaScript error raised by the page. Needs
Debian's `chromium` (driven by Playwright); without it the tests skip with a reason, unless
REQUIRE_BROWSER=1, when they fail.
"""

from __future__ import annotations

import pytest


pytestmark = [pytest.mark.book, pytest.mark.browser]


def test_every_page_renders(visits, html_dir):
    pages = visits(html_dir)
    assert pages
    failures = []
    for name, seen in pages.items():
        if len(seen.article.strip()) < 200:
            failures.append(f"{name}: article body is empty or nearly so")
        if seen.broken_images:
            failures.append(f"{name}: images that did not load: {seen.broken_images}")
        if seen.js_errors:
            failures.append(f"{name}: JavaScript errors: {seen.js_errors}")
    assert not failures, "\n".join(failures)


def test_argument_map_is_visible(browser, html_dir):
    page = browser.new_page()
    page.goto((html_dir / "chapters" / "00_argument_at_a_glance.html").as_uri())
    img = page.locator("article img[alt^='Argument map of the essay']").first
    box = img.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200, box
    page.close()


def test_role_cards_print_one_card_per_page(browser, html_dir):
    """Each card on a sheet of its own, in order; the page's list of sources follows the cards."""
    import io

    from pypdf import PdfReader

    page = browser.new_page()
    page.goto((html_dir / "coursework" / "role_cards.html").as_uri(), wait_until="load")
    titles = [" ".join(t.split()) for t in page.locator("div.role-card h2").all_inner_texts()]
    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").first.is_visible(), "navigation must not print"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.close()
    texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert len(titles) >= 5
    assert len(texts) >= len(titles), f"{len(titles)} cards printed on {len(texts)} pages"
    for n, (title, text) in enumerate(zip(titles, texts)):
        assert title[:25] in text[:200], f"sheet {n + 1} does not begin with the card {title!r}: {text[:120]!r}"
    rest = texts[len(titles):]
    assert not rest or rest[0].startswith("Sources cited on this page"), rest[0][:120]


def test_this_test_runs_in_its_xdist_group(request):
    """Under `make test` (``--dist loadgroup``) the tests of the full book run as one group on one
    worker, so the book is built once and its pages are loaded once; if pytest-xdist stopped
    tagging the group (as it does under pytest 9.2), the tests would be spread over both workers,
    each waiting for the other's build."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run with --dist loadgroup")
    assert request.node.nodeid.endswith("@book"), request.node.nodeid
