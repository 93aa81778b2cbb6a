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


def _casting() -> list[list[int]]:
    text = (ROOT / "instructors" / "roleplay_guide.md").read_text(encoding="utf-8")
    head = "| Students | Core cards | Invited voices | Russian team | Deputies | Councils |"
    assert head in text
    table = text.split(head, 1)[1].split("\n\n", 1)[0]
    return [[int(c) for c in line.strip("|").split("|")]
            for line in table.splitlines() if re.match(r"^\| \d", line)]


def test_casting_for_12_25_and_40_students_adds_up():
    cards = _cards((ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8"))
    core = [c for c in cards if "(optional" not in c]
    invited = [c for c in cards if "(optional" in c and "Russian" not in c]
    rows = _casting()
    assert [r[0] for r in rows] == [12, 25, 40]
    for students, n_core, n_invited, russians, deputies, councils in rows:
        assert n_core + n_invited + russians + deputies == students, students
        assert n_core == len(core) * councils, (students, "every council needs every core card")
        assert n_invited <= len(invited) * councils, students
        assert 2 <= russians <= 4, (students, "the Russian card is for 2 to 4 students")


PROCEDURE = "## Procedure (75 minutes, with slack)"


def test_run_sheet_blocks_sum_to_the_length():
    text = (ROOT / "coursework" / "roleplay.md").read_text(encoding="utf-8")
    steps = roleplay.procedure(text, PROCEDURE)
    assert sum(steps.values()) == 75 and "Slack" in steps
    mini = (ROOT / "short" / "mini_roleplay.md").read_text(encoding="utf-8")
    length = int(re.search(r"## How it runs \((\d+) minutes", mini).group(1))
    assert sum(roleplay.procedure(mini, "## How it runs").values()) == length


def test_openings_fit_their_slot():
    """One minute for each adviser (the core cards but the President) and each invited voice."""
    text = (ROOT / "coursework" / "roleplay.md").read_text(encoding="utf-8")
    steps = roleplay.procedure(text, PROCEDURE)
    cards = _cards((ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8"))
    speakers = [c for c in cards if not c.startswith("The President") and "Russian" not in c]
    assert "one minute each" in text.split(PROCEDURE)[1].split("**Debate**")[0]
    assert steps["Opening statements"] == len(speakers) * 1
    mini = (ROOT / "short" / "mini_roleplay.md").read_text(encoding="utf-8")
    advisers = [c for c in _cards(mini) if not c.startswith("The President") and "Russia" not in c]
    assert roleplay.procedure(mini, "## How it runs")["Opening"] == len(advisers) * 1


def test_every_duration_on_a_card_equals_the_run_sheet():
    text = (ROOT / "coursework" / "roleplay.md").read_text(encoding="utf-8")
    steps = roleplay.procedure(text, PROCEDURE)
    durations = roleplay.card_durations((ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8"))
    russian = next(v for k, v in durations.items() if k.startswith("Russian"))
    assert russian and set(russian) == {steps["The Russian answer"]}
    for card, stated in durations.items():
        # an opening is one minute; any other duration is a step of the run-sheet
        assert set(stated) <= {1, *steps.values()}, (card, stated)
    mini = (ROOT / "short" / "mini_roleplay.md").read_text(encoding="utf-8")
    msteps = roleplay.procedure(mini, "## How it runs")
    mdur = roleplay.card_durations(mini)
    assert set(next(v for k, v in mdur.items() if k.startswith("Russia"))) == {msteps["Russia answers"]}


def test_duration_parser_reads_words_digits_and_hyphens():
    assert roleplay.minutes_in("reply in five minutes; (3 min); a one-minute opening; minute one") == [5, 3, 1]


def test_no_card_text_uses_a_fact_learned_later(facts):
    for rel in ("coursework/role_cards.md", "short/mini_roleplay.md"):
        for block in roleplay.card_blocks((ROOT / rel).read_text(encoding="utf-8")):
            if block.card is None:
                continue
            late = [f for f in block.facts if facts.loc[f, "learned_later"] == "yes"]
            assert not late, f"{rel}, line {block.line} ({block.card}): {late}"
            assert "*Later" not in block.text, f"{rel}, line {block.line}: a 'Later' line on a card"


def test_a_late_fact_on_a_card_is_an_error_even_when_marked(tmp_path, facts):
    page = tmp_path / "cards.md"
    page.write_text(":::{div} role-card\n## A role\n\n- *Later:* a veto {cite:p}`unpress2017sc12791`. "
                    "<!-- facts: veto_april -->\n- A ghost. <!-- facts: ghost_fact -->\n:::\n")
    problems = roleplay.check_page(page, "before", facts, roleplay.bib_entry_types(ROOT), "cards.md")
    assert any("line 4" in p and "'A role'" in p and "veto_april" in p for p in problems), problems
    assert any("line 5" in p and "ghost_fact" in p for p in problems), problems


def test_an_unclosed_card_is_an_error():
    with pytest.raises(ValueError, match="line 1"):
        roleplay.card_spans(":::{div} role-card\n## A role\ntext\n")


def test_every_card_carries_a_computed_number_its_assumption_and_a_task():
    from syrialev.chapters import N

    text = (ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    known = set(dir(N))
    for lo, hi, title in roleplay.card_spans(text):
        body = "\n".join(lines[lo - 1:hi])
        assert "**Your number.**" in body and "*Assumption:*" in body, title
        assert "**Your task from minute one.**" in body, title
        names = re.findall(r"\{eval\}`N\.(\w+)`", body.split("**Your number.**")[1])
        assert names and set(names) <= known, (title, set(names) - known)
        assert not re.search(r"\b0\.\d", body.split("**Your number.**")[1].split("**Your task")[0]), \
            f"{title}: a model number typed by hand"


def test_fact_row_without_a_date_names_the_row(tmp_path):
    d = _copy_data(tmp_path)
    path = d / "roleplay_facts.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[3, "public_date"] = ""
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as err:
        data.load("roleplay_facts", d)
    message = str(err.value)
    assert "roleplay_facts.csv" in message and "public_date" in message and "5" in message, message


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


def test_card_numbers_agree_with_each_other_and_with_the_models():
    """The cards' numbers, as printed, keep the models' properties: a strike never lowers the belief,
    a costlier strike (lower r) tells more, the verdict matches the threshold, twice the force
    risks more."""
    from syrialev.chapters import N

    assert float(N.card_prior) < float(N.card_posterior) < 1
    assert float(N.card_posterior_r_low) > float(N.card_posterior) > float(N.card_posterior_r_high)
    assert float(N.card_posterior_r_high) >= float(N.card_prior)
    assert (float(N.card_threshold_break) > 1) == ("no belief compels" in N.card_break_verdict)
    assert float(N.card_threshold_small) < float(N.card_threshold_break)
    assert float(N.card_prior_no_audience) < float(N.card_prior)
    best, double = (int(x.split()[0]) for x in (N.card_clash_best, N.card_clash_double))
    assert 0 < best < double < 100
    assert float(N.card_p0) < float(N.card_p_best) <= 1
    assert N.card_winset_common.startswith("only the status quo") == (
        N.card_winset_washington.split(" to ")[0] == N.card_winset_moscow.split(" to ")[1])


def test_participation_rubric_grades_what_every_card_gives():
    """Every card carries a number, its assumption and a task; the rubric (its CSV, from which the
    page's table is made) grades those, at four levels."""
    import csv
    with open(ROOT / "coursework" / "rubrics" / "participation.csv", encoding="utf-8", newline="") as f:
        rows = {r["criterion"]: [v for k, v in r.items() if k not in ("criterion", "weight")]
                for r in csv.DictReader(f)}
    assert all(len(levels) == 4 and all(levels) for levels in rows.values())
    assert "number" in rows["Preparation"][0] and "assumption" in rows["Preparation"][0]
    assert "Task" in rows and "first minute" in rows["Task"][0]


def test_pages_that_name_a_line_of_the_cards_name_one_the_cards_have():
    cards = (ROOT / "coursework" / "role_cards.md").read_text(encoding="utf-8")
    lines = set(re.findall(r"\*\*(Your [a-z ]+)\.\*\*", cards))
    pages = [p for d in ("coursework", "instructors", "short") for p in (ROOT / d).rglob("*.md")]
    named = {(p.name, m) for p in pages
             for m in re.findall(r'"(Your [a-z ]+)" line', p.read_text(encoding="utf-8"))}
    assert named, "no page names a line of the cards"
    assert not [(page, m) for page, m in named if m not in lines], lines
