"""`held_up.claim_event_links` pairs every event with its own date, whatever the timeline's index.

A timeline that callers filter (a subset of rows, so labels have gaps) or sort (labels out of
order) must give the same links, each dated by its own row.
"""

from __future__ import annotations

import pandas as pd

from syrialev import data
from syrialev.chapters import held_up


def _own_dates(timeline: pd.DataFrame) -> dict:
    """Each event's first possible day, computed row by row from its own date and precision."""
    return {r.event_id: data.event_start(r.date, r.date_precision) for r in timeline.itertuples()}


def _as_set(links: pd.DataFrame) -> set:
    return set(zip(links["claim_id"], links["event_id"], links["date"], links["shared"]))


def _check_dates(links: pd.DataFrame, timeline: pd.DataFrame):
    own = _own_dates(timeline)
    wrong = [(r.claim_id, r.event_id, r.date, own[r.event_id]) for r in links.itertuples()
             if r.date != own[r.event_id]]
    assert not wrong, f"{len(wrong)} of {len(links)} links carry another event's date, e.g. {wrong[:3]}"


def test_full_timeline_links_carry_their_own_dates(scorecard, timeline):
    links = held_up.claim_event_links(scorecard, timeline)
    assert len(links) > 0
    _check_dates(links, timeline)


def test_filtered_timeline(scorecard, timeline):
    """Every other event, index labels kept (0, 2, 4, ...): the links of those events only."""
    subset = timeline.iloc[1::2]
    assert list(subset.index) != list(range(len(subset)))  # labels really have gaps
    links = held_up.claim_event_links(scorecard, subset)
    full = held_up.claim_event_links(scorecard, timeline)
    assert len(links) > 0
    assert set(links["event_id"]) <= set(subset["event_id"])
    _check_dates(links, subset)
    assert _as_set(links) == {t for t in _as_set(full) if t[1] in set(subset["event_id"])}


def test_reordered_timeline(scorecard, timeline):
    """The same rows newest first (labels reversed): the same links with the same dates."""
    reordered = timeline.iloc[::-1]
    links = held_up.claim_event_links(scorecard, reordered)
    _check_dates(links, reordered)
    assert _as_set(links) == _as_set(held_up.claim_event_links(scorecard, timeline))


def test_timeline_with_a_text_index(scorecard, timeline):
    """An index of event ids (no integer labels at all) works the same."""
    by_id = timeline.set_index("event_id", drop=False)
    links = held_up.claim_event_links(scorecard, by_id)
    _check_dates(links, by_id)
    assert _as_set(links) == _as_set(held_up.claim_event_links(scorecard, timeline))
