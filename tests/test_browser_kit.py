"""The kit in a real browser: every slide renders; printing gives one slide, card or handout a page."""

from __future__ import annotations

import pytest

from conftest import printed_pages

pytestmark = [pytest.mark.book, pytest.mark.browser]


def test_every_slide_renders(browser, html_dir):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((html_dir / "instructors" / "slides.html").as_uri(), wait_until="load")
    slides = page.locator("article section section")
    n = slides.count()
    assert 10 <= n <= 15
    for i in range(n):
        slide = slides.nth(i)
        box = slide.bounding_box()
        assert slide.is_visible() and box and box["height"] > 150, f"slide {i + 1} is not visible"
        assert len(slide.inner_text().strip()) > 20, f"slide {i + 1} is empty"
    broken = page.evaluate(
        "() => Array.from(document.querySelectorAll('article section section img'))"
        ".filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0 and not errors
    page.close()


def test_slides_print_one_slide_per_page(browser, html_dir):
    page = browser.new_page()
    page.goto((html_dir / "instructors" / "slides.html").as_uri(), wait_until="load")
    n = page.locator("article section section").count()
    pages = printed_pages(page)
    assert not page.locator(".bd-sidebar-primary").first.is_visible(), "navigation must not print"
    page.close()
    assert pages == n, f"{n} slides printed on {pages} pages"


def test_what_happened_handout_prints_on_one_page(browser, html_dir):
    page = browser.new_page()
    page.goto((html_dir / "instructors" / "what_happened.html").as_uri(), wait_until="load")
    assert page.locator("div.handout").count() == 1
    pages = printed_pages(page)
    page.close()
    assert pages == 1, f"the handout printed on {pages} pages"
