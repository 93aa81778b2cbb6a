"""The argument map: structure, faithfulness to the essay, and its figure's alt text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from syrialev import book, data
from syrialev.chapters import argument_map
from syrialev.tools import myst

from conftest import essay_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def table():
    return data.load("argument_map", ROOT / "data")


def test_one_conclusion_and_everything_leads_to_it(table):
    g = argument_map.graph(table)
    roots = [n for n in g if g.out_degree(n) == 0]
    assert roots == ["recommendation"]
    levels = argument_map.levels(g)
    assert set(levels) == set(g), "every node must reach the conclusion"


def test_each_pillar_has_a_claim_and_evidence_supports_something(table):
    for pillar in argument_map.PILLARS:
        kinds = set(table[table["pillar"] == pillar]["kind"])
        assert kinds & {"claim", "conclusion"}, pillar
    evidence = table[table["kind"] == "evidence"]
    assert evidence["supports"].notna().all()


def test_quotations_are_short_and_verbatim(table):
    quotes = [q for q in table["essay_quote"].dropna() if q]
    assert all(len(q.split()) <= 30 for q in quotes)
    text = essay_text()
    missing = [q for q in quotes if q not in text]
    assert not missing, f"not verbatim in the essay: {missing}"


def test_layout_places_the_conclusion_right_of_everything(table):
    g = argument_map.graph(table)
    pos = argument_map.layout(g)
    x_conclusion = pos["recommendation"][0]
    assert all(x < x_conclusion for n, (x, _) in pos.items() if n != "recommendation")
    assert len(set(pos.values())) == len(pos), "no two nodes share a position"


def test_alt_text_names_every_claim(table):
    alt = argument_map.alt_text(table)
    for label in table[table["kind"] == "claim"]["label"]:
        assert label in alt


def test_a_cycle_is_refused(table):
    broken = table.copy()
    broken.loc[broken["node_id"] == "recommendation", "supports"] = "no_break"
    with pytest.raises(ValueError, match="cycle"):
        argument_map.graph(broken)


# ----------------------------------------------------------------------------- where each node is examined

HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")


def _sections(chapter: str) -> dict[str, str]:
    """Headings of a chapter notebook mapped to their text (up to the next heading of the same or
    a higher level), read from the notebook's markdown cells."""
    lines = "\n".join(myst.cell_sources(ROOT / f"{chapter}.ipynb", "markdown")).splitlines()
    heads = [(i, len(m.group(1)), m.group(2)) for i, line in enumerate(lines) if (m := HEADING.match(line))]
    out = {}
    for k, (i, level, title) in enumerate(heads):
        end = next((j for j, lev, _ in heads[k + 1:] if lev <= level), len(lines))
        out.setdefault(title, "\n".join(lines[i + 1:end]))
    return out


def _examined_problems(table) -> list[str]:
    toc = set(book.toc_documents(ROOT / "_toc.yml"))
    problems = []
    for r in table.itertuples(index=False):
        if r.chapter not in toc or not (ROOT / f"{r.chapter}.ipynb").is_file():
            problems.append(f"{r.node_id}: {r.chapter} is not a chapter of the book")
            continue
        sections = _sections(r.chapter)
        if r.section not in sections:
            problems.append(f"{r.node_id}: no section '{r.section}' in {r.chapter}")
            continue
        text = " ".join(sections[r.section].split()).lower()
        cues = [c.strip() for c in r.discussed_as.split(";")]
        if not any(c.lower() in text for c in cues):
            problems.append(f"{r.node_id}: section '{r.section}' of {r.chapter} never uses {cues}")
    return problems


def test_every_node_names_a_section_that_exists_and_discusses_it(table):
    problems = _examined_problems(table)
    assert not problems, "\n".join(problems)
    premises = table[table["kind"] == "premise"]
    assert len(premises) >= 5 and premises["section"].notna().all()


def test_the_section_check_catches_a_wrong_pointer(table):
    moved = table.copy()
    i = moved.index[moved["node_id"] == "obama_no_leverage"][0]
    moved.loc[i, "chapter"] = "chapters/03_leverage"  # the leverage chapter never examines 2013
    assert any("obama_no_leverage" in p for p in _examined_problems(moved))
    silent = table.copy()
    j = silent.index[silent["node_id"] == "measure_of_influence"][0]
    silent.loc[j, "discussed_as"] = "a phrase no chapter uses"
    assert any("never uses" in p for p in _examined_problems(silent))


def _plain(text: str) -> str:
    """Typographic quotes (as the HTML renders them) made straight, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


@pytest.mark.book
def test_examined_sections_are_in_the_built_pages(table, html_dir):
    from bs4 import BeautifulSoup

    missing = []
    for chapter, rows in table.groupby("chapter"):
        soup = BeautifulSoup((html_dir / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
        heads = {_plain(h.get_text(" ", strip=True).rstrip("#¶").strip())
                 for h in soup.select("article h1, article h2, article h3, article h4")}
        missing += [f"{chapter}: {s}" for s in set(rows["section"]) if _plain(s) not in heads]
    assert not missing, missing


def _six_word_runs(text: str, grams: set) -> list[str]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return [" ".join(words[i:i + 6]) for i in range(len(words) - 5) if tuple(words[i:i + 6]) in grams]


def test_statements_of_the_essay_are_in_our_own_words(table):
    """The map's statements and the scorecard's claims repeat no run of six words of the essay."""
    words = re.findall(r"[a-z0-9']+", essay_text().lower().replace("’", "'"))
    grams = {tuple(words[i:i + 6]) for i in range(len(words) - 5)}
    found = {f"map {r.node_id}": _six_word_runs(r.statement, grams) for r in table.itertuples(index=False)}
    found |= {f"scorecard {r.claim_id}": _six_word_runs(r.claim, grams)
              for r in data.load("scorecard", ROOT / "data").itertuples(index=False)}
    assert not {k: v for k, v in found.items() if v}
