"""Checks over the built HTML: alt text, internal links, and nothing that needs a network."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import content_pages

pytestmark = pytest.mark.book

PATHLIKE = re.compile(r"(^|/)[\w.\-]+\.(png|jpe?g|svg|gif)$|^_build|^/|\\", re.I)


@pytest.fixture(scope="module")
def pages(html_dir):
    found = content_pages(html_dir)
    assert found, "no HTML pages were built"
    return {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in found}


def articles(pages):
    for path, soup in pages.items():
        article = soup.find("article")
        assert article is not None, f"{path.name} has no <article>"
        yield path, article


def test_every_content_image_has_meaningful_alt_text(pages):
    problems = []
    count = 0
    for path, article in articles(pages):
        for img in article.find_all("img"):
            count += 1
            alt = (img.get("alt") or "").strip()
            if len(alt) < 15 or PATHLIKE.search(alt) or alt.lower() in {"image", "figure", "png"}:
                problems.append(f"{path.name}: <img src={img.get('src', '')[:40]!r}> alt={alt!r}")
    assert count > 0, "no images in the book at all: the figures are missing"
    assert not problems, "\n".join(problems)


def test_internal_links_resolve(pages, html_dir):
    ids = {p.resolve(): {t["id"] for t in s.find_all(id=True)} for p, s in pages.items()}
    broken = []
    for path, soup in pages.items():
        for a in soup.find_all("a", href=True):
            href = a["href"]
            url = urlparse(href)
            if url.scheme or href.startswith(("mailto:", "#")) and len(href) == 1:
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path.resolve()
            if url.path and not target.exists():
                broken.append(f"{path.name}: {href} (no such file)")
                continue
            if url.fragment and target.suffix == ".html" and target in ids:
                if url.fragment not in ids[target]:
                    broken.append(f"{path.name}: {href} (no anchor #{url.fragment})")
    assert not broken, "\n".join(broken[:40])


def test_no_scripts_or_styles_from_the_network(pages):
    """The built book works offline: no <script src> or stylesheet from another host."""
    remote = []
    for path, soup in pages.items():
        for tag in soup.find_all(["script", "link"]):
            src = tag.get("src") or (tag.get("href") if tag.name == "link" and "stylesheet" in (tag.get("rel") or []) else None)
            if src and urlparse(src).scheme in ("http", "https"):
                remote.append(f"{path.name}: {src}")
    assert not remote, "\n".join(remote)


def test_no_dead_widget_controls(pages):
    """Widgets need a kernel; the built book must not show frozen controls."""
    for path, soup in pages.items():
        html = str(soup)
        assert "application/vnd.jupyter.widget-view+json" not in html, path.name
        assert "jupyter-widgets" not in html, path.name


def test_no_error_output_in_pages(pages):
    for path, article in articles(pages):
        text = article.get_text(" ")
        assert "Traceback (most recent call last)" not in text, path.name
        assert not article.select(".output.error, .output.traceback"), path.name


def test_landing_page_and_argument_map(pages, html_dir):
    intro = pages[html_dir / "intro.html"].find("article").get_text(" ")
    assert "Who it is for" in intro and "Chapter map" in intro
    arg = pages[html_dir / "chapters" / "00_argument_at_a_glance.html"].find("article")
    imgs = arg.find_all("img")
    assert any("Argument map of the essay" in (i.get("alt") or "") for i in imgs)
