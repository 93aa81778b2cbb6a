"""Coursework: self-checks, the student edition, the role cards and the glossary."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from syrialev import data
from syrialev.chapters import argument_map
from syrialev.classroom import selfcheck
from syrialev.tools import edition

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- self-checks


@pytest.fixture
def answers(tmp_path, monkeypatch):
    monkeypatch.setattr(selfcheck, "ANSWERS_FILE", tmp_path / "answers.json")
    return tmp_path / "answers.json"


def test_categorical_answers_ignore_case_spacing_and_punctuation(answers):
    selfcheck.add_answer("ex-x", ["Putin will not break with Assad"], hint="look again")
    assert selfcheck.check("ex-x", "putin will NOT break with Assad!")
    assert selfcheck.check("ex-x", "  Putin   will not break with Assad ")
    wrong = selfcheck.check("ex-x", "Assad will fall")
    assert not wrong and wrong.message == "look again"


def test_numeric_answers_within_tolerance(answers):
    selfcheck.add_answer("ex-n", [0.25], numeric=True, tol=0.01)
    assert selfcheck.check("ex-n", 0.25)
    assert selfcheck.check("ex-n", "0.255")
    assert selfcheck.check("ex-n", 0.2451)
    assert not selfcheck.check("ex-n", 0.30)
    assert not selfcheck.check("ex-n", "a quarter")
    assert not selfcheck.check("ex-n", float("nan"))


def test_numeric_window_is_tol_either_side_of_the_key(answers):
    """Key 0.2549, tol 0.01: accepted from about 0.2449 to 0.2649 and nothing beyond."""
    selfcheck.add_answer("ex-n", [0.2549], numeric=True, tol=0.01)
    for inside in (0.2549, 0.2452, 0.2646, 0.25, 0.26):
        assert selfcheck.check("ex-n", inside), inside
    for outside in (0.2351, 0.2651, 0.2435, 0.2665, -0.2549):
        assert not selfcheck.check("ex-n", outside), outside


@pytest.mark.parametrize("key", [0.0, 1e-6, -3.7, 1234.5])
def test_numeric_window_is_symmetric_for_any_key(answers, key):
    tol = 0.01
    selfcheck.add_answer("ex-n", [key], numeric=True, tol=tol)
    assert selfcheck.check("ex-n", key - 0.97 * tol) and selfcheck.check("ex-n", key + 0.97 * tol)
    assert not selfcheck.check("ex-n", key - 1.03 * tol)
    assert not selfcheck.check("ex-n", key + 1.03 * tol)


@pytest.mark.parametrize("key", ["!!!", "  ", "—"])
def test_a_key_that_normalises_to_nothing_is_refused(answers, key):
    with pytest.raises(ValueError, match="normalises to nothing"):
        selfcheck.add_answer("ex-x", [key])


def test_non_latin_answers_are_kept_apart(answers):
    selfcheck.add_answer("ex-x", ["Дамаск"])
    assert selfcheck.check("ex-x", "дамаск")
    assert not selfcheck.check("ex-x", "Тартус")


def test_answers_are_stored_only_as_digests(answers):
    selfcheck.add_answer("ex-x", ["secret answer"])
    text = answers.read_text()
    assert "secret" not in text and "answer" not in text.replace('"hashes"', "")


def test_unknown_exercise_names_the_known_ones(answers):
    selfcheck.add_answer("ex-x", ["a"])
    with pytest.raises(KeyError, match="ex-x"):
        selfcheck.check("ex-none", "a")


def test_shipped_key_for_the_argument_map_matches_the_data():
    """The key of ex-map-read must agree with what the data say, not with a hard-coded guess."""
    g = argument_map.graph(data.load("argument_map", ROOT / "data"))
    claims = [n for n in g if g.nodes[n]["kind"] == "claim"]
    best = max(claims, key=g.in_degree)
    assert sorted(g.in_degree(c) for c in claims)[-2] < g.in_degree(best), "the answer must be unique"
    assert selfcheck.check("ex-map-read", best)
    assert selfcheck.check("ex-map-read", g.nodes[best]["label"])
    others = [c for c in claims if c != best]
    assert not any(selfcheck.check("ex-map-read", c) for c in others)


def test_every_self_check_refers_to_an_exercise_in_the_book_and_is_used_there():
    found = set()
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        found |= {lab for lab in selfcheck.labels()
                  if f":label: {lab.split(':')[0]}" in text and f'selfcheck.check(\\"{lab}\\"' in text}
    assert found == set(selfcheck.labels())


def _numeric_keys():
    """Each shipped numeric key, with the answer computed from the models and data."""
    from syrialev.models import bargaining, credibility, stake

    actors = data.load("actors", ROOT / "data").set_index("actor_id")
    foreign = ["irgc_quds_force", "hezbollah", "fatemiyoun", "zainabiyoun", "iraqi_shia_militias"]
    rest = ["syrian_arab_army", "ndf", "russian_forces", "russian_pmc_wagner"]
    f_lo, f_hi = (int(actors.loc[foreign, c].sum()) for c in ("strength_low", "strength_high"))
    r_lo, r_hi = (int(actors.loc[rest, c].sum()) for c in ("strength_low", "strength_high"))
    # the exercise states these sums; the key must follow the data
    assert (f_lo, f_hi, r_lo, r_hi) == (21_900, 40_000, 175_500, 227_500)
    equal = {c: 1.0 for c in stake.COMPONENTS}
    scores = dict(stake.DEFAULT_SCORES)
    threshold = min(x / 4 for x in range(0, 41)
                    if stake.valuation(weights=equal, **{**scores, "prestige": x / 4}) > 0.45) - 0.25
    outcomes = [0, 0, 1, 0]

    def brier(ps):
        return sum((p - o) ** 2 for p, o in zip(ps, outcomes)) / 4

    return {
        "ex-ties-explorer": threshold,
        "ex-axis-share:min": f_lo / (f_lo + r_hi),
        "ex-axis-share:max": f_hi / (f_hi + r_lo),
        "ex-lev-3": bargaining.private_cost_offer(0.5, 0.1, 0.5).p_war,
        "ex-lev-4:r=0.2": credibility.posterior_after_strike(0.3, 0.2),
        "ex-lev-4:r=0.9": credibility.posterior_after_strike(0.3, 0.9),
        "ex-heldup-brier:A": brier([0.05, 0.1, 0.8, 0.1]),
        "ex-heldup-brier:B": brier([0.5] * 4),
        "ex-heldup-brier:C": brier([0.3, 0.6, 0.9, 0.5]),
    }


@pytest.mark.parametrize("label", sorted(_numeric_keys()))
def test_numeric_keys_match_the_models_and_data(label):
    truth = _numeric_keys()[label]
    assert selfcheck.check(label, truth), f"{label}: the key does not accept {truth}"
    assert selfcheck.check(label, round(truth, 2) if abs(truth) > 0.05 else truth)
    assert not selfcheck.check(label, truth + 0.2 + abs(truth)), f"{label}: accepts a wrong answer"


# ----------------------------------------------------------------------------- stripping solutions

SAMPLE = """Intro
```{exercise} One
:label: ex-1
Question.
```

````{solution} ex-1
:class: dropdown
Answer with code:
```python
x = 1
```
````

:::{solution} ex-1
Colon-fenced answer.
:::
After
"""


def test_strip_solutions_handles_nested_fences_and_colon_fences():
    text, n = edition.strip_solutions(SAMPLE)
    assert n == 2
    assert "Answer" not in text and "x = 1" not in text and "Colon-fenced" not in text
    assert "```{exercise} One" in text and "Question." in text and "After" in text


def test_unclosed_solution_is_an_error():
    with pytest.raises(ValueError, match="never closed"):
        edition.strip_solutions("```{solution} ex-1\nanswer\n")


def test_student_toc_drops_the_instructors_part():
    import yaml

    toc = edition.student_toc(yaml.safe_load((ROOT / "_toc.yml").read_text()))
    captions = [p["caption"] for p in toc["parts"]]
    assert edition.INSTRUCTOR_PART not in captions and "Coursework" in captions


# ----------------------------------------------------------------------------- the student build


def _count(html_dir: Path, selector: str) -> int:
    total = 0
    for page in html_dir.rglob("*.html"):
        if "_static" in page.parts:
            continue
        total += len(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(selector))
    return total


@pytest.mark.book
def test_student_edition_shows_every_exercise_and_no_solution(student_html, html_dir):
    shtml = student_html
    full_exercises = _count(html_dir, "div.exercise")
    full_solutions = _count(html_dir, "div.solution")
    assert full_exercises >= 3 and full_solutions >= 3, "the full edition must have exercises with solutions"
    assert _count(shtml, "div.exercise") == full_exercises
    assert _count(shtml, "div.solution") == 0
    assert not (shtml / "coursework" / "instructor_guide.html").exists()


@pytest.mark.book
def test_student_notebooks_download_has_no_solutions_and_carries_the_data(student_html):
    shtml = student_html
    archive = shtml / "student-notebooks.zip"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert any(n.endswith("data/datapackage.json") for n in names)
        assert any(n.endswith("src/syrialev/classroom/selfcheck_answers.json") for n in names)
        assert not [n for n in names if "/syrialev/tools/" in n], "the book-building tools are not for students"
        notebooks = [n for n in names if n.endswith(".ipynb")]
        assert len(notebooks) == len(list((ROOT / "chapters").glob("*.ipynb")))
        for n in notebooks:
            nb = json.loads(z.read(n))
            text = "".join("".join(c["source"]) for c in nb["cells"])
            assert "{solution}" not in text, n
        full = json.loads((ROOT / "chapters" / "00_argument_at_a_glance.ipynb").read_text())
        assert "{exercise}" in "".join("".join(c["source"]) for c in full["cells"])


# ----------------------------------------------------------------------------- built pages


@pytest.mark.book
def test_role_cards_print_one_per_page(html_dir):
    page = html_dir / "coursework" / "role_cards.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    cards = soup.select("div.role-card")
    assert len(cards) >= 5
    css = [l["href"] for l in soup.find_all("link", rel="stylesheet")]
    assert any("print.css" in h for h in css)
    printed = (html_dir / "_static" / "print.css").read_text()
    assert "break-after: page" in printed and "@media print" in printed


@pytest.mark.book
def test_glossary_terms_resolve(html_dir):
    soup = BeautifulSoup((html_dir / "coursework" / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    terms = {dt.get("id") for dt in soup.select("dl.glossary dt")}
    assert {"term-Compellence", "term-Win-set", "term-TIV", "term-Audience-costs"} <= terms


def test_links_to_instructor_pages_are_dropped_from_the_student_copy():
    text = ("| a | {doc}`coursework/instructor_guide` |\n| b | {doc}`chapters/x` |\n"
            "see {doc}`the guide <../coursework/instructor_guide>`\n")
    out, n = edition.drop_links_to(text, ["coursework/instructor_guide"])
    assert n == 2 and out == "| b | {doc}`chapters/x` |\n"


@pytest.mark.book
@pytest.mark.parametrize("chapter", ["01_long_ties", "02_iran_russia_axis", "03_leverage", "05_held_up"])
def test_chapters_link_their_terms_to_the_glossary(html_dir, chapter):
    soup = BeautifulSoup((html_dir / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("article a[href]") if "glossary.html#term-" in a["href"]]
    assert links, f"{chapter} uses no glossary term"


@pytest.mark.book
def test_instructor_guide_maps_every_exercise(html_dir, root):
    """Each exercise label in the chapters appears in the guide's map of objectives."""
    import re

    labels = set()
    for nb in (root / "chapters").glob("*.ipynb"):
        labels |= set(re.findall(r":label: (ex-[a-z0-9-]+)", nb.read_text(encoding="utf-8")))
    guide = (root / "coursework" / "instructor_guide.md").read_text(encoding="utf-8")
    missing = sorted(lab for lab in labels if f"{{ref}}`{lab}`" not in guide)
    assert not missing, f"exercises missing from the instructor guide: {missing}"
    page = (html_dir / "coursework" / "instructor_guide.html").read_text(encoding="utf-8")
    assert page.count("#ex-") >= len(labels)


@pytest.mark.book
def test_student_edition_carries_the_in_page_explorers(student_html, html_dir):
    shtml = student_html
    assert _count(shtml, "div.syrialev-explore") == _count(html_dir, "div.syrialev-explore") >= 8
    assert (shtml / "_static" / "syrialev-explore.js").exists()


#: Pages of the instructors' folder written for students: the student edition keeps them.
STUDENT_PAGES = {"reading_guide.html", "what_happened.html"}


@pytest.mark.book
def test_student_edition_has_the_quiz_but_not_its_key_or_the_kit(student_html):
    shtml = student_html
    assert (shtml / "coursework" / "quiz.html").is_file()
    kept = {p.name for p in (shtml / "instructors").glob("*.html")}
    assert kept == STUDENT_PAGES, f"the instructors' kit must not be in the student edition: {kept}"
    key_line = "0.3 / (0.3 + 0.7 × 0.5)"  # the key's working for the Bayes item
    for page in shtml.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert key_line not in text, page.name
        linked = set(re.findall(r"instructors/([\w.]+\.html)", text))
        assert linked <= STUDENT_PAGES or "_static" in page.parts, (page.name, linked - STUDENT_PAGES)


@pytest.mark.book
def test_student_edition_keeps_the_briefing_and_handout_but_no_private_stakes(student_html):
    shtml = student_html
    assert (shtml / "coursework" / "roleplay.html").is_file()
    assert not (shtml / "coursework" / "role_cards.html").exists()
    handout = BeautifulSoup((shtml / "instructors" / "what_happened.html").read_text(encoding="utf-8"),
                            "html.parser").find("article").get_text(" ")
    assert "For after the meeting" in handout
    briefing = BeautifulSoup((shtml / "coursework" / "roleplay.html").read_text(encoding="utf-8"),
                             "html.parser").find("article").get_text(" ")
    assert "Later" not in briefing, "the briefing students read before the meeting has a 'Later' line"
    for page in shtml.rglob("*.html"):
        if "_static" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        text = article.get_text(" ")
        assert "Private stakes" not in text and "Confidential notes" not in text, page.name
        assert not soup.select("div.role-card") or page.name == "mini_roleplay.html", page.name


def test_student_toc_keeps_the_pages_written_for_students_and_drops_the_cards():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    hidden = edition.instructor_docs(toc)
    assert "coursework/role_cards" in hidden
    assert "instructors/reading_guide" not in hidden and "instructors/what_happened" not in hidden
    kept = [c["file"] for p in edition.student_toc(toc)["parts"] for c in p["chapters"]]
    assert {"instructors/reading_guide", "instructors/what_happened", "coursework/roleplay"} <= set(kept)


def test_kernel_table_of_the_guide_lists_exactly_the_exercises_marked_in_the_chapters():
    from syrialev.chapters.coursework import exercises

    found = exercises(ROOT / "chapters")
    assert len(found) >= 30 and len({e["label"] for e in found}) == len(found)
    marked = {e["label"] for e in found if e["kernel"]}
    guide = (ROOT / "coursework" / "instructor_guide.md").read_text(encoding="utf-8")
    table = guide.split("| Needs a running notebook (a kernel) |")[1].split("\n\n")[0]
    left = set()
    for line in table.splitlines()[2:]:
        cell = line.strip("|").split("|")[0]
        left |= set(re.findall(r"\{ref\}`([\w-]+)`", cell))
        if "all five labs" in cell:
            left |= {e["label"] for e in found if e["chapter"] == "06_labs"}
    assert left == marked, (sorted(left - marked), sorted(marked - left))


def test_plans_name_every_chapter_the_labs_and_the_models_page():
    guide = (ROOT / "coursework" / "instructor_guide.md").read_text(encoding="utf-8")
    plans = guide.split("## Plans")[1].split("\n## ")[0]
    for part in ("**One session", "**One week", "**Two weeks"):
        assert part in plans
    for doc in ("00_argument_at_a_glance", "01_long_ties", "02_iran_russia_axis", "03_leverage",
                "04_debate_2017", "05_held_up", "06_labs", "models"):
        assert f"chapters/{doc}`" in plans, doc
        assert f"{{reading-time}}`chapters/{doc}`" in plans, f"{doc}: no reading time in the plans"
    week = plans.split("**One week")[1].split("**Two weeks")[0]
    from syrialev.tools import bookpath

    path = bookpath.load_path(ROOT / "_path.yml")
    for doc, entry in path.items():
        if doc.startswith("chapters/") and entry["path"] == "core":
            assert f"{doc}`" in week, f"the one-week plan leaves out the core page {doc}"
