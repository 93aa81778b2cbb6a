"""The role-play: its facts table, the rule "only what could be known on 10 April 2017", its roles."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from syrialev import data
from syrialev.data import DataError
from syrialev.tools import roleplay

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- the table


@pytest.fixture(scope="module")
def facts():
    return roleplay.load_facts(ROOT / "data")


def test_no_fact_after_10_april_2017_is_unmarked(facts):
    """The anachronism test: every fact public after the role-play's date is marked learned later."""
    assert len(facts) >= 30
    assert roleplay.anachronisms(facts) == []


def test_no_fact_public_by_10_april_is_marked_later(facts):
    assert roleplay.mislabelled(facts) == []


def test_both_kinds_of_fact_are_present(facts):
    """The table is not vacuous: it holds facts from before and after the cutoff."""
    kinds = set(facts["learned_later"])
    assert kinds == {"yes", "no"}


def test_anachronism_check_catches_a_late_fact_and_a_month_that_ends_late():
    frame = pd.DataFrame([
        {"fact_id": "ok", "public_date": "2017-04-10", "date_precision": "day", "learned_later": "no"},
        {"fact_id": "late_day", "public_date": "2017-04-11", "date_precision": "day", "learned_later": "no"},
        {"fact_id": "late_month", "public_date": "2017-04", "date_precision": "month", "learned_later": "no"},
        {"fact_id": "early_year", "public_date": "2016", "date_precision": "year", "learned_later": "no"},
        {"fact_id": "marked", "public_date": "2018-04-14", "date_precision": "day", "learned_later": "yes"},
        {"fact_id": "wrongly_marked", "public_date": "2017-03-30", "date_precision": "day", "learned_later": "yes"},
    ])
    assert roleplay.anachronisms(frame) == ["late_day", "late_month"]
    assert roleplay.mislabelled(frame) == ["wrongly_marked"]


def test_period_end_never_shortens_a_period():
    assert roleplay.period_end("2017-04", "month") == pd.Timestamp("2017-04-30")
    assert roleplay.period_end("2016", "year") == pd.Timestamp("2016-12-31")
    assert roleplay.period_end("2017-04-10", "day") == pd.Timestamp("2017-04-10")


def _copy_data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return d


@pytest.mark.parametrize("column, bad, fragment", [
    ("learned_later", "maybe", "not an allowed value"),
    ("public_date", "2017-13-01", "not a calendar date"),
    ("date_precision", "week", "not an allowed value"),
    ("source", "no_such_key", "is not a source key"),
    ("used_in", "briefing;lecture", "not an allowed value"),
])
def test_broken_facts_table_names_file_line_and_column(tmp_path, column, bad, fragment):
    d = _copy_data(tmp_path)
    path = d / "roleplay_facts.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, column] = bad
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as info:
        data.load("roleplay_facts", d)
    err = info.value
    assert err.file.endswith("roleplay_facts.csv") and err.line == 4 and err.column == column
    assert fragment in str(err)


def test_a_month_date_given_as_a_day_is_refused(tmp_path):
    d = _copy_data(tmp_path)
    path = d / "roleplay_facts.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["date_precision"] == "month"][0]
    frame.loc[row, "public_date"] = "2018-06-24"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match="precision 'month'"):
        data.load("roleplay_facts", d)


def test_descriptor_lists_the_facts_table_last():
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text())
    assert pkg["resources"][-1]["name"] == "roleplay_facts"


# ----------------------------------------------------------------------------- the pages


def test_every_page_states_only_facts_from_the_table_and_marks_later_ones():
    problems = roleplay.check_pages(ROOT)
    assert not problems, "\n".join(problems)


def test_every_page_of_the_rule_exists_and_marks_facts():
    for rel in roleplay.PAGES:
        text = (ROOT / rel).read_text(encoding="utf-8")
        assert "<!-- facts:" in text, f"{rel} marks no fact"


def test_every_fact_in_the_table_is_used_by_a_page(facts):
    unused = sorted(set(facts.index) - roleplay.used_facts(ROOT))
    assert not unused, f"facts that no page states: {unused}"


def test_used_in_column_matches_where_each_fact_is_used(facts):
    where = {"coursework/roleplay.md": "briefing", "coursework/role_cards.md": "cards",
             "short/mini_roleplay.md": "short", "short/reading.md": "short",
             "instructors/roleplay_guide.md": "debrief", "instructors/what_happened.md": "what_happened"}
    used = {}
    for rel, tag in where.items():
        for f in roleplay.used_facts(ROOT, {rel: "after"}):
            used.setdefault(f, set()).add(tag)
    wrong = {f: (sorted(used.get(f, set())), facts.loc[f, "used_in"]) for f in facts.index
             if used.get(f, set()) != set(str(facts.loc[f, "used_in"]).split(";"))}
    assert not wrong, f"used_in disagrees with the pages (used, declared): {wrong}"


PAGE = """# A page

The briefing says a thing {cite:p}`thehill2017haley`. <!-- facts: haley_tv -->

- A note citing a source with no fact {cite:p}`reuters2017mattis`.
- A late fact slipped in {cite:p}`unpress2017sc12791`. <!-- facts: veto_april -->
- *Later:* a late fact, marked {cite:p}`unpress2017sc12791`. <!-- facts: veto_april -->
- A fact the table lacks. <!-- facts: no_such_fact -->
- A scholarly argument {cite:p}`press2005` needs no fact.

```python
x = "{cite:p}`reuters2017mattis`"  # code is not prose
```
"""


def test_page_check_flags_unsourced_citations_late_facts_and_unknown_ids(tmp_path, facts):
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    types = roleplay.bib_entry_types(ROOT)
    problems = roleplay.check_page(page, "before", facts, types, "page.md")
    assert len(problems) == 3, problems
    assert any("line 5" in p and "reuters2017mattis" in p for p in problems)
    assert any("line 6" in p and "veto_april" in p and "*Later*" in p for p in problems)
    assert any("line 8" in p and "no_such_fact" in p for p in problems)
    after = roleplay.check_page(page, "after", facts, types, "page.md")
    assert len(after) == 2 and not any("veto_april" in p for p in after)


def test_blocks_split_paragraphs_and_items_and_keep_admonition_bodies():
    text = ("Para one\nstill one\n\n- item a\n- item b\n  continued\n\n```{note}\nInside a note.\n```\n\n"
            "```\ncode\n```\nLast")
    found = [b.text for b in roleplay.blocks(text)]
    assert found == ["Para one\nstill one", "- item a", "- item b\n  continued", "Inside a note.", "Last"]


# ----------------------------------------------------------------------------- the roles


def _cards(text: str) -> list[str]:
    return re.findall(r":::\{div\} role-card\n## ([^\n]+)", text)


def test_role_cards_have_a_president_and_at_least_ten_offices():
    cards = _cards((ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8"))
    assert 11 <= len(cards) <= 15, cards
    assert cards[0].startswith("The President")
    for office in ("Secretary of State", "Secretary of Defense", "National Security Adviser",
                   "Ambassador to the United Nations", "Director of National Intelligence",
                   "Chairman of the Joint Chiefs", "Director of the CIA", "Secretary of the Treasury"):
        assert any(c.startswith(office) for c in cards), office


def test_roleplay_offers_five_options_including_the_course_taken_and_the_president_decides():
    text = (ROOT / "coursework" / "roleplay.md").read_text(encoding="utf-8")
    options = re.findall(r"\*\*Option ([A-E]):", text)
    assert options == list("ABCDE")
    assert "present course" in text.split("**Option E:")[1].split("\n")[0].lower()
    assert "There is no vote" in text and "votes" not in text


def test_procedure_adds_up_to_75_minutes_with_slack():
    text = (ROOT / "coursework" / "roleplay.md").read_text(encoding="utf-8")
    proc = text.split("## Procedure (75 minutes, with slack)")[1].split("\n## ")[0]
    minutes = [int(m) for m in re.findall(r"\((\d+) min", proc)]
    assert sum(minutes) == 75 and "Slack" in proc


def test_debrief_guide_maps_every_option_to_model_parameter_argument_and_outcome():
    text = (ROOT / "instructors" / "roleplay_guide.md").read_text(encoding="utf-8")
    header = ("| Option | Model that tests it | The parameter that decides it | What a strong team argues "
              "| What happened |")
    assert header in text
    rows = [line for line in text.splitlines() if re.match(r"\| [A-E]: ", line)]
    assert [r[2] for r in rows] == list("ABCDE")
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 5 and all(len(c) > 10 for c in cells), row


def test_run_sheet_for_45_minutes_adds_up():
    text = (ROOT / "instructors" / "roleplay_guide.md").read_text(encoding="utf-8")
    sheet = text.split("**45 minutes**")[1].split("**75 minutes")[0]
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)-(\d+) \|", sheet, re.M)]
    assert spans[0][0] == 0 and spans[-1][1] == 45
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


def test_casting_covers_12_25_and_40_students():
    text = (ROOT / "instructors" / "roleplay_guide.md").read_text(encoding="utf-8")
    for n in ("12", "25", "40"):
        assert re.search(rf"^\| {n} \| ", text, re.M), n


@pytest.mark.book
def test_built_role_cards_page_has_ten_roles_and_a_president(html_dir):
    soup = BeautifulSoup((html_dir / "coursework" / "role_cards.html").read_text(encoding="utf-8"), "html.parser")
    titles = [c.find("h2").get_text(" ", strip=True) for c in soup.select("div.role-card")]
    assert len(titles) >= 10 and titles[0].startswith("The President")
    assert "facts:" not in soup.find("article").get_text(), "fact markers must not show"


@pytest.mark.book
def test_handout_is_one_framed_sheet(html_dir):
    soup = BeautifulSoup((html_dir / "instructors" / "what_happened.html").read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("div.handout")) == 1
