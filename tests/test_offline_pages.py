"""The built book carries every explorer's in-page controls, offline and within its page weight."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from syrialev.explorers import all_explorers

from conftest import content_pages

pytestmark = pytest.mark.book

#: No chapter page may weigh more than this with its images (scripts and styles shared by every
#: page, under _static/, are counted once for the book, not per page).
PAGE_LIMIT = 1_500_000


def page_weight(page: Path) -> int:
    """Bytes of the page and of every picture it shows that is not a shared static file."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    total = page.stat().st_size
    for img in soup.find_all("img", src=True):
        url = urlparse(img["src"])
        if url.scheme or "_static/" in url.path:
            continue  # embedded data (already in the page) or a shared file
        target = (page.parent / unquote(url.path)).resolve()
        if target.exists():
            total += target.stat().st_size
    return total


def test_every_explorer_has_its_in_page_block(html_dir):
    found = {}
    for page in content_pages(html_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.syrialev-explore"):
            found.setdefault(block["data-explorer"], []).append(page.name)
            assert block.has_attr("hidden"), "without the page script the block must stay hidden"
            assert block.select_one("script.syrialev-explore-data"), block["data-explorer"]
    assert set(found) == set(all_explorers()), f"explorers without in-page controls: " \
        f"{sorted(set(all_explorers()) - set(found))}"


def test_page_script_is_shipped_with_the_book_and_loaded_from_it(html_dir):
    script = html_dir / "_static" / "syrialev-explore.js"
    assert script.exists() and script.stat().st_size < 20_000
    for page in content_pages(html_dir):
        html = page.read_text(encoding="utf-8")
        if "syrialev-explore-data" in html:
            srcs = re.findall(r'<script[^>]+src="([^"]*syrialev-explore\.js[^"]*)"', html)
            assert srcs and not urlparse(srcs[0]).scheme, f"{page.name}: page script missing or remote"


def test_no_page_is_heavier_than_the_limit(html_dir):
    weights = {p.relative_to(html_dir).as_posix(): page_weight(p) for p in content_pages(html_dir)}
    heavy = {k: v for k, v in weights.items() if v > PAGE_LIMIT}
    assert not heavy, f"pages over {PAGE_LIMIT:,} bytes: {heavy}"
    assert max(weights.values()) > 50_000, "the weights were not measured"
