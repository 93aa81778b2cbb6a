"""The 45-minute edition (`make short`): built strictly, checked like the student edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from syrialev.tools import edition, roleplay

ROOT = Path(__file__).resolve().parents[1]


def test_short_contents_hold_only_short_pages():
    toc = edition.short_toc()
    files = [toc["root"]] + [c["file"] for c in toc["chapters"]]
    assert all(f.startswith("short/") for f in files)
    for f in files:
        assert any((ROOT / f"{f}{s}").is_file() for s in (".md", ".ipynb")), f


@pytest.mark.book
def test_condensed_reading_is_about_1500_words_and_the_plan_gives_its_time(short_html):
    """The page's own reading-time line (the book's one counter) and the lesson plan agree."""
    page = BeautifulSoup((short_html / "short" / "reading.html").read_text(encoding="utf-8"), "html.parser")
    line = page.select_one("article p.reading-time").get_text(" ", strip=True)
    minutes, words = re.search(r"(\d+) min read · ([\d,]+) words", line).groups()
    assert 1300 <= int(words.replace(",", "")) <= 1700, line
    plan = BeautifulSoup((short_html / "short" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Before class ({minutes} min)" in plan.find("article").get_text(" ")


def test_lesson_plan_fits_45_minutes():
    text = (ROOT / "short" / "index.md").read_text(encoding="utf-8")
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)-(\d+) \|", text, re.M)]
    assert spans[0][0] == 0 and spans[-1][1] == 45
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


def test_mini_roleplay_fits_its_slot_in_the_lesson_plan():
    plan = (ROOT / "short" / "index.md").read_text(encoding="utf-8")
    slots = {(int(a), int(b)): rest for a, b, rest in re.findall(r"^\| (\d+)-(\d+) \| ([^\n]+)", plan, re.M)}
    roleplay_slot = next(b - a for (a, b), rest in slots.items() if rest.startswith("Mini role-play"))
    debrief_slot = next(b - a for (a, b), rest in slots.items() if rest.startswith("Debrief"))
    mini = (ROOT / "short" / "mini_roleplay.md").read_text(encoding="utf-8")
    steps = roleplay.procedure(mini, "## How it runs")
    assert sum(steps.values()) == roleplay_slot, (steps, roleplay_slot)
    debrief = sum(int(m) for m in re.findall(r"(\d+) min\)", mini.split("## Debrief")[1]))
    assert f"## Debrief ({debrief_slot} minutes)" in mini and debrief == debrief_slot


def test_mini_roleplay_has_six_roles_led_by_the_president_and_a_ten_minute_debrief():
    text = (ROOT / "short" / "mini_roleplay.md").read_text(encoding="utf-8")
    cards = re.findall(r":::\{div\} role-card\n## ([^\n]+)", text)
    assert len(cards) == 6 and cards[0].startswith("The President")
    assert "## Debrief (10 minutes)" in text
    assert "short/mini_roleplay.md" in roleplay.PAGES


def _pages(html: Path):
    return [p for p in html.rglob("*.html") if "_static" not in p.parts and p.name not in
            {"search.html", "genindex.html"}]


@pytest.mark.book
def test_short_edition_builds_its_pages(short_html):
    for f in ["index", "reading", "argument_map", "credibility_pictures", "mini_roleplay"]:
        assert (short_html / "short" / f"{f}.html").is_file(), f


@pytest.mark.book
def test_short_edition_has_no_solutions_and_no_instructor_material(short_html):
    for page in _pages(short_html):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("div.solution"), page.name
        hrefs = [a["href"] for a in soup.find_all("a", href=True)]
        assert not [h for h in hrefs if "instructor" in h or "quiz_key" in h], page.name
        text = soup.get_text(" ")
        assert "For instructors" not in text and "Instructor guide" not in text, page.name
    assert not list(short_html.rglob("instructors"))
    assert not list(short_html.rglob("chapters"))


@pytest.mark.book
def test_short_edition_pictures_have_alt_text(short_html):
    imgs = []
    for name in ("argument_map", "credibility_pictures"):
        soup = BeautifulSoup((short_html / "short" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        imgs += soup.find("article").find_all("img")
    assert len(imgs) >= 3
    assert all(len(i.get("alt", "")) > 30 for i in imgs)


@pytest.mark.book
def test_short_edition_cites_its_sources(short_html):
    soup = BeautifulSoup((short_html / "short" / "references.html").read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("article .citation, article dd, article li")) >= 10


@pytest.mark.book
@pytest.mark.browser
def test_short_edition_role_cards_print_one_per_page(short_html, browser):
    from conftest import printed_pages

    page = browser.new_page()
    try:
        page.goto((short_html / "short" / "mini_roleplay.html").as_uri(), wait_until="load")
        cards = page.locator("div.role-card").count()
        pages = printed_pages(page)
    finally:
        page.close()
    # the page's introduction and run-sheet print before the first card; the debrief after the last
    assert cards == 6 and cards <= pages <= cards + 2, (cards, pages)


@pytest.mark.book
def test_short_edition_carries_the_in_page_explorer(short_html):
    page = (short_html / "short" / "credibility_pictures.html").read_text(encoding="utf-8")
    assert 'class="syrialev-explore" data-explorer="credibility_after_shayrat"' in page
    assert (short_html / "_static" / "syrialev-explore.js").exists()
