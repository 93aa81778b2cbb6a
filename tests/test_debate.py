"""The debate chapter: voices, rival forecasts, the 2013 case, Syrians, and their tables."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from syrialev import data
from syrialev.chapters import debate, held_up
from syrialev.classroom import selfcheck
from syrialev.data import DataError
from syrialev.models import credibility

from conftest import essay_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def voices():
    return data.load("voices", ROOT / "data")


@pytest.fixture(scope="module")
def forecasts():
    return data.load("forecasts", ROOT / "data")


# ----------------------------------------------------------------------------- the voices table


def test_enough_voices_from_enough_sides(voices):
    assert len(voices) >= 15
    assert voices["side"].nunique() >= 7
    assert debate.sides_count(voices).sum() == len(voices)


def test_voices_outside_the_week_say_why_and_only_they_do(voices):
    v = debate.voices(voices)
    inside = debate.in_window(v)
    reasons = v["outside_window"].fillna("")
    assert (reasons[~inside] != "").all(), "a voice outside 4-14 April 2017 must say why it is there"
    assert (reasons[inside] == "").all(), "a voice inside the window needs no reason"
    assert inside.sum() >= 15, "at least 15 voices must come from the week itself"


def test_in_window_uses_the_dates():
    fake = pd.DataFrame({"voice_id": ["a", "b", "c", "d"],
                         "date": ["2017-04-03", "2017-04-04", "2017-04-14", "2017-04"],
                         "date_precision": ["day", "day", "day", "month"], "side": ["un"] * 4})
    assert debate.in_window(fake).tolist() == [False, True, True, True]


def test_in_window_reads_a_year_as_the_whole_year():
    """A year-precise date may mean any day of that year: 2017 overlaps April 2017, 2016 does not."""
    fake = pd.DataFrame({"voice_id": ["a", "b", "c", "d"],
                         "date": ["2017", "2016", "2018", "2017-03"],
                         "date_precision": ["year", "year", "year", "month"], "side": ["un"] * 4})
    assert debate.in_window(fake).tolist() == [True, False, False, False]


def test_quotations_are_short_and_paraphrases_are_marked(voices):
    for r in voices.itertuples(index=False):
        if r.statement_kind == "quotation":
            assert len(r.statement.split()) <= 30, r.voice_id
            assert not r.statement.startswith("Paraphrase"), r.voice_id
        else:
            assert r.statement.startswith("Paraphrase:"), f"{r.voice_id}: a paraphrase must say so"


def test_state_outlets_are_explained_in_the_notes(voices):
    for r in voices.itertuples(index=False):
        if isinstance(r.state_outlet, str) and r.state_outlet:
            assert "state" in str(r.notes).lower(), f"{r.voice_id}: say what the state outlet is a source for"


def test_voices_markdown_marks_quotes_paraphrases_state_outlets_and_the_window(voices):
    md = debate.voices_markdown(voices)
    assert md.count("\n| 2017") + md.count("\n| 2011") >= len(voices) - 1
    assert "(paraphrase)" in md and "state outlet" in md and "outside the week" in md
    for r in voices.itertuples(index=False):
        for key in r.source.split(";"):
            assert key in md


def test_position_counts_and_alt_text_follow_the_table(voices):
    counts = debate.position_counts(voices)
    assert counts.values.sum() == len(voices)
    alt = debate.positions_alt(voices)
    assert f"{len(voices)} voices" in alt and f"{voices['side'].nunique()} sides" in alt
    yes = int((voices["would_break"] == "yes").sum())
    changed = voices.copy()
    first_not_yes = changed.index[changed["would_break"] != "yes"][0]
    changed.loc[first_not_yes, "would_break"] = "yes"
    assert f"{yes + 1} expected a break" in debate.positions_alt(changed)
    assert "Nobody expected a break" not in debate.positions_alt(changed)
    nobody = voices.assign(would_break=voices["would_break"].replace("yes", "open"))
    assert "Nobody expected a break" in debate.positions_alt(nobody)


def test_positions_figure_draws_every_voice(voices):
    fig = debate.positions_figure(voices)
    ax = fig.axes[0]
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == len(voices)


# ----------------------------------------------------------------------------- precedents and 2013


def test_precedents_are_timeline_rows_in_date_order():
    pr = debate.precedents()
    assert len(pr) == len(debate.PRECEDENTS)
    starts = [data.event_start(d, "day" if len(d) == 10 else "month" if len(d) == 7 else "year")
              for d in pr["date"]]
    assert starts == sorted(starts)
    assert {"unsc_veto_2011_10", "us_russia_cw_framework_2013", "russia_partial_withdrawal_2016"} <= set(pr["event_id"])


def test_precedents_refuse_a_missing_event():
    tl = data.load("timeline").query("event_id != 'unsc_2118_2013'")
    with pytest.raises(KeyError, match="unsc_2118_2013"):
        debate.precedents(tl)


def test_case_2013_follows_the_model():
    cases = debate.case_2013()
    k = debate.CASE_2013_DEFAULTS
    mu0 = credibility.resolve_probability(k["p"], k["g"], k["a"], k["c_bar_us"])
    assert math.isclose(cases[0].mu, mu0) and cases[0].strikes == 0
    assert math.isclose(cases[3].mu, credibility.posterior_after_strike(mu0, k["r"]))
    for c in cases:
        assert c.complies == (c.mu * (k["p"] * c.s_r + k["c_r"]) >= c.s_r + c.phi)
    # the lesson: a narrow demand Russia proposed itself compels without a strike; a break never does
    assert cases[0].complies and not cases[1].complies
    assert not cases[2].complies and not cases[3].complies and cases[3].threshold > 1
    assert cases[4].complies


def test_case_2013_responds_to_its_parameters():
    # a Washington whose threat was less credible (high cost of acting) loses even the 2013 deal
    assert not debate.case_2013(c_bar_us=5.0)[0].complies
    md = debate.case_2013_markdown()
    assert md.count("**yes**") == 2 and "none (above 1)" in md


# ----------------------------------------------------------------------------- Syrians


def test_syrians_table_keeps_series_apart_and_ranges_ordered():
    t = debate.syrians_table()
    assert set(t["series"]) == set(debate.SYRIAN_SERIES)
    assert (t["low"] <= t["high"]).all()
    alt = debate.syrians_alt()
    for label, _ in debate.SYRIAN_SERIES.values():
        assert label in alt


def test_syrians_alt_changes_with_the_data():
    raw = data.load("displacement_casualties")
    fewer = raw[raw["series"] != "idps"]
    assert "internally displaced" not in debate.syrians_alt(fewer)


def test_every_death_figure_says_whose_deaths_it_counts_and_displacement_rows_do_not():
    raw = data.load("displacement_casualties")
    deaths = raw["series"].str.startswith("deaths")
    counts = raw["counts"].fillna("")
    assert (counts[deaths] != "").all(), raw[deaths & (counts == "")][["series", "year", "estimator"]]
    assert (counts[~deaths] == "").all()
    assert set(counts[deaths]) <= set(debate.DEATHS_COUNTED)


def test_estimates_before_the_strike_fall_in_its_twelve_months_and_say_what_they_count():
    text = debate.syrians_before_markdown("2017-04-07")
    dates = re.findall(r"as of (\d{4}(?:-\d{2}){0,2})\)", text)
    assert dates and all(d >= "2016-04-07" for d in dates if len(d) > 4), dates
    assert "SCPR" not in text  # its estimate of February 2016 is older than twelve months
    snhr = next(line for line in text.splitlines() if "(SNHR" in line)
    assert "civilians only" in snhr
    sohr = next(line for line in text.splitlines() if "(SOHR" in line and "documented" in line)
    assert "civilians and combatants" in sohr


# ----------------------------------------------------------------------------- rival forecasts


def test_brier_score_by_hand():
    assert held_up.brier_score([0.5, 0.5], [0, 1]) == 0.25
    assert math.isclose(held_up.brier_score([0.07, 0.75], [0, 1]), (0.07 ** 2 + 0.25 ** 2) / 2)
    for bad in (([], []), ([0.5], [0, 1]), ([1.2], [1]), ([0.5], [2])):
        with pytest.raises(ValueError):
            held_up.brier_score(*bad)


def test_at_least_three_outside_forecasters_and_the_administration(forecasts):
    others = forecasts[forecasts["role"].isin(["analyst", "syrian_opposition"])]["forecaster"].nunique()
    assert others >= 3
    assert (forecasts["role"] == "administration").any() and (forecasts["role"] == "essay").any()


def test_scores_are_computed_from_the_rows(forecasts):
    sc = held_up.forecast_scores(forecasts).set_index("forecaster")
    for name, grp in forecasts.groupby("forecaster"):
        ps = [held_up.KENT_WORDS[w] for w in grp["words"]]
        os_ = [int(held_up.happened(o, "2020")) for o in grp["outcome"]]
        assert math.isclose(sc.loc[name, "brier"], sum((p - o) ** 2 for p, o in zip(ps, os_)) / len(ps))
        assert sc.loc[name, "n"] == len(grp)
    # persistence before the strike says "almost certainly not" to every change; after the
    # strike it says "almost certain" to a second strike, the one state the strike changed
    essay_outs = sc.loc["the essay", "outcomes"].split(";")
    k = held_up.KENT_WORDS
    pers = [(k["almost_certainly_not"] - int(held_up.happened(o, "2020"))) ** 2 for o in essay_outs]
    assert math.isclose(sc.loc["the essay", "persistence"], sum(pers) / len(pers))
    after = [((k["almost_certain"] if o == "strikes_again" else k["almost_certainly_not"])
              - int(held_up.happened(o, "2020"))) ** 2 for o in essay_outs]
    assert math.isclose(sc.loc["the essay", "persistence_after"], sum(after) / len(after))


def test_changing_a_forecast_changes_its_score(forecasts):
    before = held_up.forecast_scores(forecasts).set_index("forecaster").loc["Michael Kofman", "brier"]
    changed = forecasts.copy()
    changed.loc[changed["forecaster"] == "Michael Kofman", "words"] = "almost_certain"
    after = held_up.forecast_scores(changed).set_index("forecaster").loc["Michael Kofman", "brier"]
    assert after > before


def test_horizon_matters_for_the_fall_of_assad(forecasts):
    a = held_up.forecast_scores(forecasts, "2020").set_index("forecaster")
    b = held_up.forecast_scores(forecasts, "record").set_index("forecaster")
    assert b.loc["Rex Tillerson", "brier"] < a.loc["Rex Tillerson", "brier"]
    with pytest.raises(ValueError, match="horizon"):
        held_up.forecast_scores(forecasts, "2030")


def test_unknown_outcome_or_word_is_refused(forecasts):
    bad = forecasts.copy()
    bad.loc[bad.index[0], "outcome"] = "nato_joins"
    with pytest.raises(KeyError, match="nato_joins"):
        held_up.forecast_probabilities(bad)


def test_forecast_tables_and_alt_text(forecasts):
    md = held_up.forecast_scores_markdown(forecasts)
    assert md.count("\n|") == held_up.forecast_scores(forecasts).shape[0] + 1
    alt = held_up.forecast_alt(forecasts)
    assert "the essay" in alt and "persistence" in alt
    assert "U.S. strikes again if tested" in alt
    listing = held_up.forecasts_markdown(forecasts)
    assert "(paraphrase)" in listing and "almost certainly not (0.07)" in listing


def test_essay_words_quoted_in_forecasts_are_verbatim(forecasts):
    text = essay_text().replace("’", "'")
    for w in forecasts[forecasts["role"] == "essay"]["wording"]:
        for quoted in re.findall(r"'([^']+)'", w):
            assert quoted in text, quoted


# ----------------------------------------------------------------------------- self-check keys


def test_self_check_keys_follow_the_data_and_models(forecasts):
    sc = held_up.forecast_scores(forecasts).set_index("forecaster")
    essay = sc.loc["the essay", "brier"]
    assert selfcheck.check("ex-debate-brier:essay", essay)
    assert selfcheck.check("ex-debate-brier:persistence", sc.loc["the essay", "persistence"])
    assert not selfcheck.check("ex-debate-brier:essay", essay + 0.1)
    k = debate.CASE_2013_DEFAULTS
    threshold = credibility.compliance_threshold(k["p"], 0.1, k["c_r"], 0.0)
    assert selfcheck.check("ex-debate-2013:threshold", threshold)
    assert not selfcheck.check("ex-debate-2013:threshold", threshold + 0.2)


# ----------------------------------------------------------------------------- broken fixtures


@pytest.fixture
def copy(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    for name in ("datapackage.json", "voices.csv", "forecasts.csv", "outcomes.csv", "scorecard.csv",
                 "timeline_after_2017.csv"):
        shutil.copy(ROOT / "data" / name, d / name)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return d


def _break(d: Path, table: str, old: str, new: str, line: int, column, *fragments):
    path = d / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert old in lines[line - 1], f"fixture: {old!r} not on line {line}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        data.load(table, d)
    err = info.value
    assert err.file.endswith(f"{table}.csv") and err.line == line and err.column == column, str(err)
    for frag in fragments:
        assert frag in str(err), str(err)


def test_voices_unknown_side(copy):
    _break(copy, "voices", ",us_administration,", ",nato,", 2, "side", "'nato' is not an allowed value")


def test_voices_unknown_source_key(copy):
    _break(copy, "voices", "tpm2017haley;", "nosuchkey2017;", 2, "source", "'nosuchkey2017' is not a source key")


def test_voices_bad_coding(copy):
    _break(copy, "voices", ",open,yes,", ",maybe,yes,", 2, "would_break", "'maybe' is not an allowed value")


def test_voices_date_against_its_precision(copy):
    _break(copy, "voices", "2017-04-09,day", "2017-04,day", 2, "date", "precision 'day'")


def test_voices_duplicate_id(copy):
    first = (copy / "voices.csv").read_text().split("\n")[1].split(",")[0]
    _break(copy, "voices", "tillerson_2017_04_06,", f"{first},", 3, "voice_id", f"duplicate key '{first}'")


def test_voices_statement_too_long(copy):
    _break(copy, "voices", "Regime change is something", "Regime change " + "very " * 60 + "is something", 2,
           "statement", "more than 260")


def test_forecasts_unknown_word(copy):
    _break(copy, "forecasts", ",almost_certainly_not,", ",surely_not,", 2, "words",
           "'surely_not' is not an allowed value")


def test_forecasts_unknown_outcome(copy):
    _break(copy, "forecasts", ",russia_breaks,", ",russia_folds,", 2, "outcome",
           '"russia_folds" not found in the lookup table "outcomes"')


def test_forecasts_missing_source(copy):
    _break(copy, "forecasts", ",essay2017,high,", ",,high,", 2, "source", "empty but required")


# ----------------------------------------------------------------------------- the sample of forecasts


def test_forecasts_sample_size_and_window(forecasts):
    assert len(forecasts) >= 12
    assert forecasts["forecaster"].nunique() >= 9
    for r in forecasts.itertuples(index=False):
        if r.date_precision == "day":
            assert "2017-04-07" <= r.date <= "2017-04-14", r.forecast_id
        else:
            # known only to the month: April 2017, and the row says why
            assert r.date == "2017-04" and (r.role == "essay" or len(str(r.notes)) > 20), r.forecast_id


def test_at_least_two_dissents_and_one_outside_the_administration(forecasts):
    d = held_up.dissents(forecasts)
    assert len(d) >= 2
    assert (d["role"] != "administration").any()
    assert (d["steps"] >= 2).all()
    # the rule by hand: Doran's "about even" against the essay's "almost certainly not" is two steps
    row = d.set_index("forecast_id").loc["doran_breaks"]
    assert row["essay_words"] == "almost_certainly_not" and row["steps"] == 2


def test_nobody_expected_a_break_is_computed_from_the_sample(forecasts):
    from syrialev.chapters import N

    b = held_up.break_forecasts(forecasts)
    assert "the essay" not in set(b["forecaster"])
    assert str(N.break_forecasters) == numbers_in_words(b["forecaster"].nunique())
    changed = forecasts.copy()
    changed.loc[changed["forecast_id"] == "kofman_breaks", "words"] = "probable"
    assert (held_up.break_forecasts(changed)["p"] > 0.5).sum() == (b["p"] > 0.5).sum() + 1


def numbers_in_words(n):
    from syrialev.chapters.numbers import in_words

    return in_words(n)


def test_sampling_rule_is_stated_in_the_descriptor():
    desc = next(r for r in data.descriptor()["resources"] if r["name"] == "forecasts")["description"]
    assert "How the sample was drawn" in desc and "7-14 April 2017" in desc


# ----------------------------------------------------------------------------- the widened voices


def test_voices_cover_the_sides_a_scholar_expects(voices):
    assert len(voices) >= 35
    assert voices["side"].nunique() >= 16
    needed = {"israel", "saudi_arabia", "uae", "qatar", "jordan", "china", "france", "germany",
              "russian_analysts", "iran", "us_administration"}
    assert needed <= set(voices["side"])
    # China's abstention of 12 April, Iran's statements of 9 April, Tillerson on 6 and 9 April
    v = voices.set_index("voice_id")
    assert v.loc["liu_2017_04_12", "date"] == "2017-04-12"
    iran_week = voices[(voices["side"] == "iran") & (voices["date"] >= "2017-04-04")]
    assert len(iran_week) >= 3
    tillerson = set(voices.loc[voices["speaker"] == "Rex Tillerson", "date"])
    assert {"2017-04-06", "2017-04-09"} <= tillerson


def test_quotations_are_short_and_paraphrases_marked(voices):
    for r in voices.itertuples(index=False):
        if r.statement_kind == "quotation":
            assert len(r.statement.split()) <= 30, r.voice_id
        else:
            assert r.statement.startswith("Paraphrase:"), r.voice_id


def test_restraint_and_peel_away_voices_are_present(voices):
    analysts = voices[voices["side"] == "analysts"]
    assert (analysts["should_force"] == "no").sum() >= 2, "at least two restraint voices"
    assert (voices["would_break"] == "yes").any(), "someone who thought Moscow could be peeled away"


def test_haley_is_cited_from_the_broadcast_transcript(voices):
    src = voices.set_index("voice_id").loc["haley_2017_04_09", "source"]
    assert "cnn2017sotuhaley" in src and "theweek2017haley" not in src
