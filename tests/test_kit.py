"""The teacher's kit: reading times, quiz and key, discussion notes, reading guide, launch settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from syrialev.tools import kit

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- quiz


def _key(text: str) -> dict[int, str]:
    return {int(n): k for n, k in re.findall(r"^\| (\d+) \| \(([a-d])\) \|", text, re.M)}


def test_quiz_has_8_to_12_items_each_with_four_choices_and_a_key():
    quiz = (ROOT / "coursework" / "quiz.md").read_text(encoding="utf-8")
    items = re.split(r"^\d+\. ", quiz, flags=re.M)[1:]
    assert 8 <= len(items) <= 12
    for i, item in enumerate(items, 1):
        assert all(f"({c})" in item for c in "abcd"), f"item {i}"
    key = _key((ROOT / "instructors" / "quiz_key.md").read_text(encoding="utf-8"))
    assert sorted(key) == list(range(1, len(items) + 1))
    assert "Key" not in quiz and "key:" not in quiz.lower()


def test_quiz_key_for_the_bayes_item_matches_the_model():
    from syrialev.models import credibility

    quiz = (ROOT / "coursework" / "quiz.md").read_text(encoding="utf-8")
    item = re.split(r"^\d+\. ", quiz, flags=re.M)[3]
    prior = float(re.search(r"probability (0\.\d+) that Washington is resolved", item).group(1))
    r = float(re.search(r"anyway with probability (0\.\d+)", item).group(1))
    choices = dict(re.findall(r"\(([a-d])\) ([0-9.]+)", item))
    truth = credibility.posterior_after_strike(prior, r)
    best = min(choices, key=lambda c: abs(float(choices[c]) - truth))
    assert abs(float(choices[best]) - truth) < 0.01
    assert _key((ROOT / "instructors" / "quiz_key.md").read_text(encoding="utf-8"))[3] == best


def test_quiz_key_for_the_brier_item_is_the_squared_error():
    quiz = (ROOT / "coursework" / "quiz.md").read_text(encoding="utf-8")
    item = re.split(r"^\d+\. ", quiz, flags=re.M)[7]
    p = float(re.search(r"probability of (0\.\d+)", item).group(1))
    choices = dict(re.findall(r"\(([a-d])\) ([0-9.]+)", item))
    best = [c for c, v in choices.items() if abs(float(v) - p ** 2) < 1e-9]
    assert best and _key((ROOT / "instructors" / "quiz_key.md").read_text(encoding="utf-8"))[7] == best[0]


# ----------------------------------------------------------------------------- discussion notes


def _discussion_questions(nb: Path) -> list[str]:
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    if "## Discussion questions" not in text:
        return []
    block = text.split("## Discussion questions", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^(\d+)\. ", block, re.M)


def test_every_discussion_question_has_a_note():
    notes = (ROOT / "instructors" / "discussion_notes.md").read_text(encoding="utf-8")
    sections = {h.strip(): body for h, body in re.findall(r"^## ([^\n]+)\n(.*?)(?=^## |\Z)", notes, re.M | re.S)}
    total = 0
    for nb in sorted((ROOT / "chapters").glob("[0-9]*.ipynb")):
        questions = _discussion_questions(nb)
        if not questions:
            continue
        title = json.loads(nb.read_text())["cells"][0]["source"]
        title = ("".join(title) if isinstance(title, list) else title).lstrip("# ").strip()
        match = [h for h in sections if title.startswith(h)]
        assert match, f"no notes section for {title!r}"
        noted = re.findall(r"^(\d+)\. ", sections[match[0]], re.M)
        assert noted == questions, f"{title}: questions {questions}, notes {noted}"
        total += len(questions)
    assert total >= 10


def test_rubric_for_short_answers_has_levels():
    notes = (ROOT / "instructors" / "discussion_notes.md").read_text(encoding="utf-8")
    rubric = notes.split("## Rubric for short written answers")[1]
    rows = [r for r in rubric.splitlines() if r.startswith("| ") and not r.startswith("| Criterion")]
    assert len(rows) >= 4 and all(r.count("|") == 5 for r in rows)


# ----------------------------------------------------------------------------- reading guide


def test_reading_guide_covers_each_paragraph_and_quotes_only_short_passages():
    guide = (ROOT / "instructors" / "reading_guide.md").read_text(encoding="utf-8")
    body = guide.split("## Paragraphs", 1)[1].split("\n## ", 1)[0]
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\. \*\*Gist", body, re.M)]
    assert numbers == list(range(1, 14)), "the essay has 13 body paragraphs"
    assert body.count("**Ask.**") == 13
    quotes = re.findall(r"\"([^\"]+)\"", guide)
    long = [q for q in quotes if len(q.split()) > 12]
    assert not long, f"quotations too long for fair use: {long}"
    assert "{cite:p}`essay2017atlantic`" in guide and "{cite:p}`essay2017`" in guide


# ----------------------------------------------------------------------------- publishing


def test_every_chapter_clones_the_configured_repository():
    settings = kit.launch_settings(ROOT)
    assert settings["colab_clones"], "no chapter has a Colab set-up cell"
    mismatched = [p for p in kit.launch_problems(settings) if "clones" in p]
    assert not mismatched, mismatched


def test_launch_check_flags_placeholders_and_mismatched_clones():
    settings = {"repository": "https://github.com/a/b", "jupyterhub_url": "https://hub.example.edu",
                "binderhub_url": "https://mybinder.org", "colab_url": "",
                "colab_clones": {"x.ipynb": "https://github.com/a/b", "y.ipynb": "https://github.com/c/d"}}
    problems = kit.launch_problems(settings)
    assert len(problems) == 2
    assert any("jupyterhub_url" in p for p in problems) and any("y.ipynb" in p for p in problems)


# ----------------------------------------------------------------------------- built pages


@pytest.mark.book
@pytest.mark.parametrize("page, needle", [
    ("instructors/reading_guide.html", "Paragraphs"),
    ("instructors/planning.html", "Core path and deep dives"),
    ("instructors/slides.html", "12. For discussion"),
    ("instructors/quiz_key.html", "0.3 / (0.3 + 0.7 × 0.5)"),
    ("coursework/quiz.html", "before"),
    ("instructors/discussion_notes.html", "Rubric"),
    ("instructors/publishing.html", "repository.url"),
])
def test_kit_pages_render(html_dir, page, needle):
    soup = BeautifulSoup((html_dir / page).read_text(encoding="utf-8"), "html.parser")
    assert needle in soup.find("article").get_text(" ")


@pytest.mark.book
def test_slides_are_ten_to_fifteen_sections_with_figures_and_alt_text(html_dir):
    soup = BeautifulSoup((html_dir / "instructors" / "slides.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article.select_one(".slide-deck") is not None
    slides = article.select("section section")
    assert 10 <= len(slides) <= 15
    images = article.select("section section img")
    assert len(images) >= 6
    assert all(len(i.get("alt", "")) > 30 for i in images)
