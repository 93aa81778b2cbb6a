"""The essay against the record: the scorecard and the timeline after April 2017.

Pure functions over two tables, ``scorecard`` (the essay's claims with a verdict each) and
``timeline_after_2017`` (the sourced record). The figures are built from the tables alone, so
correcting a verdict or adding an event in ``data/`` redraws them.

How an event is tied to a claim: an event *bears on* a claim when the two rows cite at least one
source in common (the scorecard's evidence was written from those same reports). The link is
therefore as good as the citations, no more; it is not a judgement made in code.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from .. import data, plots
from .numbers import in_words, number

__all__ = [
    "VERDICTS", "VERDICT_LABELS", "VERDICT_COLOURS", "CLAIM_TYPES", "SHORT_LABELS",
    "BACKTEST_OUTCOMES", "HORIZONS", "outcome_table", "outcome", "happened", "tests_of",
    "short_label", "verdict_counts", "verdict_shares", "record_end",
    "claim_event_links", "scorecard_markdown", "outcomes_markdown", "outcomes_rules_markdown",
    "scorecard_figure", "scorecard_alt", "show_scorecard", "timeline_figure", "timeline_alt", "show_timeline",
    "events_markdown",
    "KENT_WORDS", "PERSISTENCE", "PERSISTENCE_WORDS", "brier_score", "is_scored",
    "forecast_probabilities", "forecast_scores", "forecasts_markdown", "forecast_scores_markdown",
    "forecast_figure", "forecast_alt", "show_forecasts",
    "KENT_ORDER", "dissents", "break_forecasts",
    "coding_ids", "apply_codings", "recoded", "codings_markdown", "codings_effects_markdown",
]

#: Verdicts in the order the figures use, from best to worst for the essay, then "open".
VERDICTS = ("held", "partly_held", "failed", "cannot_be_judged")
VERDICT_LABELS = {
    "held": "held",
    "partly_held": "partly held",
    "failed": "failed",
    "cannot_be_judged": "cannot be judged",
}
VERDICT_COLOURS = {
    "held": plots.OKABE_ITO["bluish_green"],
    "partly_held": plots.OKABE_ITO["orange"],
    "failed": plots.OKABE_ITO["vermillion"],
    "cannot_be_judged": plots.OKABE_ITO["grey"],
}
#: Marker shape per verdict, so the figure does not rely on colour alone.
_VERDICT_MARKERS = {"held": "o", "partly_held": "D", "failed": "X", "cannot_be_judged": "s"}
CLAIM_TYPES = ("description", "prediction", "prescription")
_HORIZONS = ("short", "medium", "long")

#: Short labels for the figures (the table holds the full wording). Unknown ids fall back to
#: the first words of the claim, so a new row still draws.
SHORT_LABELS = {
    "c01": "Tillerson's demand fails; no break with Assad",
    "c02": "Balance unchanged; Assad keeps winning",
    "c03": "Putin's prestige tied to Assad's survival",
    "c04": "Putin would resist a U.S. regime-change push",
    "c05": "A deal needs a prize bigger than Syria",
    "c06": "Unwise to bet on a Putin-Assad split",
    "c07": "No drastic U.S. build-up",
    "c08": "A big build-up could force a break",
    "c09": "Russia and Assad will test U.S. resolve",
    "c10": "Washington will have to use force again",
    "c11": "Russia no longer assumes impunity",
    "c12": "Strikes as bedrock of U.S.-led diplomacy",
    "c13": "A settlement would cost Assad, not Russia",
    "c14": "Iran's Shia force serves Russia; no split",
    "c15": "Assad as a bulwark against jihadism",
    "c16": "Russia keeps Mediterranean access (Tartus)",
    "c17": "Not a larger U.S. war; maybe the end begins",
}

#: The outcomes the back-test's models predict (what happened is read from ``data/outcomes.csv``).
BACKTEST_OUTCOMES = ("grand_bargain", "russia_breaks", "strikes_again", "buildup")
#: The two horizons on which forecasts are scored: the essay's own (through 2020) and the whole
#: record; each is a column ``happened_<horizon>`` of ``data/outcomes.csv``.
HORIZONS = ("2020", "record")


def _outcomes(outcomes):
    return data.load("outcomes") if outcomes is None else outcomes


def outcome_table(outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """``data/outcomes.csv`` indexed by outcome_id, with ``happened_2020``, ``happened_record``,
    ``before_strike`` and ``after_strike`` as booleans."""
    oc = _outcomes(outcomes).set_index("outcome_id")
    oc["part_of"] = oc["part_of"].fillna("").astype(str)
    for col in ("happened_2020", "happened_record", "before_strike", "after_strike"):
        bad = sorted(set(oc[col]) - {"yes", "no"})
        if bad:
            raise ValueError(f"outcomes.csv, column {col}: values must be yes or no, not {', '.join(bad)}")
        oc[col] = oc[col] == "yes"
    return oc


def outcome(outcome_id: str, outcomes: pd.DataFrame | None = None) -> dict:
    """One outcome as a dict (question, short, rule, happened_2020, happened_record, record, ...)."""
    oc = outcome_table(outcomes)
    if outcome_id not in oc.index:
        raise KeyError(f"no outcome {outcome_id!r} in outcomes.csv; the outcomes are {', '.join(oc.index)}")
    return {"outcome_id": outcome_id, **oc.loc[outcome_id].to_dict()}


def happened(outcome_id: str, horizon: str = "2020", outcomes: pd.DataFrame | None = None) -> bool:
    """Whether the outcome happened on ``horizon`` ("2020" or "record"), as data/outcomes.csv says."""
    if horizon not in HORIZONS:
        raise ValueError(f"horizon must be one of {HORIZONS}, not {horizon!r}")
    return bool(outcome(outcome_id, outcomes)[f"happened_{horizon}"])


def tests_of(outcome_id: str, outcomes: pd.DataFrame | None = None) -> list:
    """The outcome_ids of the rows that are ``part_of`` the given outcome, in table order."""
    oc = outcome_table(outcomes)
    return [o for o, part in zip(oc.index, oc["part_of"]) if part == outcome_id]


def short_label(claim_id: str, claim: str = "") -> str:
    """The figure label of a claim: :data:`SHORT_LABELS` or the claim's first words."""
    if claim_id in SHORT_LABELS:
        return SHORT_LABELS[claim_id]
    return textwrap.shorten(claim, width=44, placeholder="...") if claim else claim_id


def _scorecard(scorecard):
    return data.load("scorecard") if scorecard is None else scorecard


def _timeline(timeline):
    return data.load("timeline_after_2017") if timeline is None else timeline


def verdict_counts(scorecard: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims by type (rows) and verdict (columns), every category present, with totals."""
    sc = _scorecard(scorecard)
    counts = pd.crosstab(sc["claim_type"], sc["verdict"]).reindex(
        index=list(CLAIM_TYPES), columns=list(VERDICTS), fill_value=0)
    counts.columns = [VERDICT_LABELS[v] for v in counts.columns]
    counts["total"] = counts.sum(axis=1)
    counts.loc["all claims"] = counts.sum(axis=0)
    counts.index.name = "kind of claim"
    return counts.astype(int)


def verdict_shares(scorecard: pd.DataFrame | None = None, judged_only: bool = True) -> dict:
    """Share of claims per verdict; ``judged_only`` leaves out those that cannot be judged."""
    sc = _scorecard(scorecard)
    v = sc["verdict"]
    if judged_only:
        v = v[v != "cannot_be_judged"]
    n = len(v)
    keys = [k for k in VERDICTS if not (judged_only and k == "cannot_be_judged")]
    return {k: (float((v == k).sum()) / n if n else 0.0) for k in keys}


def _starts(timeline: pd.DataFrame) -> pd.Series:
    return pd.Series([data.event_start(d, p) for d, p in zip(timeline["date"], timeline["date_precision"])],
                     index=timeline.index)


def record_end(timeline: pd.DataFrame | None = None) -> dict:
    """The latest sourced event: the day the record ends.

    Events dated only to a month or year are placed at their first day, so an event dated
    ``2026-01`` never moves the end past a later day-precise event of that month.
    Returns ``{"event_id", "date", "precision", "title", "source", "timestamp"}``.
    """
    tl = _timeline(timeline)
    starts = _starts(tl)
    i = starts.idxmax()
    row = tl.loc[i]
    return {"event_id": row["event_id"], "date": row["date"], "precision": row["date_precision"],
            "title": row["title"], "source": row["source"], "timestamp": starts[i]}


def _end_text(fmt_day: str, fmt_month: str) -> str:
    end = record_end()
    ts = end["timestamp"]
    return f"{ts.day} {ts:{fmt_day}}" if end["precision"] == "day" else f"{ts:{fmt_month}}"


@number("record_end_date", "The day the sourced record ends (its latest event), as prose shows it.")
def record_end_date() -> str:
    return _end_text("%B %Y", "%B %Y")


@number("record_end_month", "The month the sourced record ends, as the chapter's title gives it.")
def record_end_month() -> str:
    return f"{record_end()['timestamp']:%B %Y}"


def claim_event_links(scorecard: pd.DataFrame | None = None,
                      timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs (claim, event) whose rows cite at least one source in common.

    Columns: claim_id, event_id, date (the first day the event's date can mean), shared (the
    common source keys, ';'-separated).
    """
    sc, tl = _scorecard(scorecard), _timeline(timeline)
    # Each event's date travels with its own row (by position, whatever the frame's index), so a
    # filtered or reordered timeline pairs every event with its own date.
    starts = _starts(tl)
    ev_sources = [(e, set(s.split(";")), when)
                  for e, s, when in zip(tl["event_id"], tl["source"], starts, strict=True)]
    rows = []
    for cid, src in zip(sc["claim_id"], sc["source"]):
        keys = set(src.split(";"))
        for eid, esrc, when in ev_sources:
            shared = keys & esrc
            if shared:
                rows.append((cid, eid, when, ";".join(sorted(shared))))
    return pd.DataFrame(rows, columns=["claim_id", "event_id", "date", "shared"])


def _cite(keys: str) -> str:
    return "{cite:p}`" + ",".join(k.strip() for k in keys.split(";")) + "`"


def scorecard_markdown(scorecard: pd.DataFrame | None = None, dropdown: str = "") -> str:
    """The scorecard as a MyST table with each row's sources cited.

    ``dropdown``: if given, the table is wrapped in a collapsed admonition with this title
    (sphinx-togglebutton), so a long table does not interrupt the page.
    """
    sc = _scorecard(scorecard)
    lines = ["| Claim | Kind, horizon | Verdict | Why | Sources |", "|---|---|---|---|---|"]
    for r in sc.itertuples(index=False):
        why = str(r.reasoning).replace("|", "/")
        lines.append(f"| **{r.claim_id}.** {r.claim} | {r.claim_type}, {r.horizon} | "
                     f"**{VERDICT_LABELS[r.verdict]}** | {why} | {_cite(r.source)} |")
    table = "\n".join(lines)
    if dropdown:
        return f"````{{admonition}} {dropdown}\n:class: dropdown\n\n{table}\n````"
    return table


def events_markdown(event_ids, timeline: pd.DataFrame | None = None) -> str:
    """A short list of events (date, title, sources cited) for prose sections."""
    tl = _timeline(timeline).set_index("event_id")
    missing = [e for e in event_ids if e not in tl.index]
    if missing:
        raise KeyError(f"no such event(s) in timeline_after_2017: {', '.join(missing)}")
    out = []
    for e in event_ids:
        r = tl.loc[e]
        out.append(f"- **{r['date']}**: {r['title']}. {_cite(r['source'])}")
    return "\n".join(out)


def outcomes_markdown(scorecard: pd.DataFrame | None = None, outcomes: pd.DataFrame | None = None) -> str:
    """The record the back-test compares against: outcome, what happened, claim and its verdict."""
    sc = _scorecard(scorecard).set_index("claim_id")
    oc = outcome_table(outcomes)
    lines = ["| Outcome | What happened | Claim and its verdict | Sources |", "|---|---|---|---|"]
    for key in BACKTEST_OUTCOMES:
        o = oc.loc[key]
        row = sc.loc[o["claim_id"]]
        lines.append(f"| {o['question']} | {o['record']} | {o['claim_id']} "
                     f"({VERDICT_LABELS[row['verdict']]}) | {_cite(o['source'])} |")
    return "\n".join(lines)


def outcomes_rules_markdown(outcomes: pd.DataFrame | None = None) -> str:
    """Every outcome of ``data/outcomes.csv``: the rule that decides it, the deciding date, the
    answer on both horizons and the sources. Tests of a broader outcome are marked as such."""
    oc = outcome_table(outcomes)
    yn = {True: "yes", False: "no"}
    lines = ["| Outcome | Rule (what counts as yes) | Date | By 2020 | By the end of the record | Sources |",
             "|---|---|---|---|---|---|"]
    for _, o in oc.iterrows():
        q = f"{o['question']} (a test of *{oc.loc[o['part_of'], 'short']}*)" if o["part_of"] else o["question"]
        lines.append(f"| {q} | {str(o['rule']).replace('|', '/')} | {o['date']} | {yn[o['happened_2020']]} | "
                     f"{yn[o['happened_record']]} | {_cite(o['source'])} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- figures


@number("claims_total", "How many claims of the essay the scorecard judges, in words.",
        typed=r"essay's {v} claims")
def claims_total() -> str:
    return in_words(len(_scorecard(None)))


@number("backtest_belief", "The back-test's belief, after one strike, that Washington is resolved "
        "(the defaults).", typed=r"belief of {v} that it is resolved")
def backtest_belief() -> str:
    from ..models import credibility
    from ..models import defaults as DF

    mu = credibility.resolve_probability(DF.P_CAMPAIGN, DF.V_US, DF.A, DF.C_BAR_US)
    return f"{credibility.posterior_after_strike(mu, DF.R):.2f}"


def _ordered(sc: pd.DataFrame) -> pd.DataFrame:
    vord = {v: i for i, v in enumerate(VERDICTS)}
    tord = {t: i for i, t in enumerate(CLAIM_TYPES)}
    return sc.assign(_v=sc["verdict"].map(vord), _t=sc["claim_type"].map(tord)).sort_values(
        ["_v", "_t", "claim_id"]).reset_index(drop=True)


@plots.styled()
def scorecard_figure(scorecard: pd.DataFrame | None = None):
    """Left: each claim as a tile coloured and shaped by its verdict, grouped by verdict, with its
    kind and horizon. Right: verdicts by kind of claim (stacked bars). Returns the figure."""
    sc = _ordered(_scorecard(scorecard))
    n = len(sc)
    fig, (ax, bx) = plots.new_figure(height=0.27 * n + 1.6, width=plots.WIDTH, ncols=2,
                                     gridspec_kw={"width_ratios": [2.3, 1]})
    ys = list(range(n))[::-1]
    for y, r in zip(ys, sc.itertuples(index=False)):
        col = VERDICT_COLOURS[r.verdict]
        ax.barh(y, 1, left=0, color=col, alpha=0.18, height=0.9, edgecolor="none")
        ax.scatter([0.04], [y], marker=_VERDICT_MARKERS[r.verdict], color=col, s=46, zorder=3)
        ax.text(0.09, y, f"{r.claim_id}  {short_label(r.claim_id, r.claim)}", va="center", fontsize=8.5)
        ax.text(0.99, y, f"{r.claim_type[:5]}. / {r.horizon}", va="center", ha="right",
                fontsize=7.5, color="#444444")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, n - 0.4)
    ax.axis("off")
    ax.set_title(f"{in_words(len(sc)).capitalize()} claims of April 2017, judged against the record", loc="left")
    # right panel: stacked counts by kind
    counts = pd.crosstab(sc["claim_type"], sc["verdict"]).reindex(
        index=list(CLAIM_TYPES), columns=list(VERDICTS), fill_value=0)
    left = [0] * len(CLAIM_TYPES)
    yk = list(range(len(CLAIM_TYPES)))[::-1]
    for v in VERDICTS:
        vals = counts[v].tolist()
        bx.barh(yk, vals, left=left, color=VERDICT_COLOURS[v], label=VERDICT_LABELS[v],
                edgecolor="white", height=0.6)
        for y, l, w in zip(yk, left, vals):
            if w:
                bx.text(l + w / 2, y, str(w), ha="center", va="center", fontsize=8, color="white",
                        fontweight="bold")
        left = [a + b for a, b in zip(left, vals)]
    bx.set_yticks(yk, [f"{t}s" for t in CLAIM_TYPES])
    bx.set_xlabel("number of claims")
    bx.set_title("By kind of claim", loc="left")
    bx.legend(loc="upper center", bbox_to_anchor=(0.4, -0.13), ncol=2, fontsize=8)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.94, bottom=0.16, wspace=0.35)
    return fig


def scorecard_alt(scorecard: pd.DataFrame | None = None) -> str:
    """Alt text of :func:`scorecard_figure`, built from the table."""
    sc = _scorecard(scorecard)
    parts = []
    for v in VERDICTS:
        ids = sc.loc[sc["verdict"] == v, "claim_id"].tolist()
        parts.append(f"{VERDICT_LABELS[v]}: {len(ids)} ({', '.join(ids) if ids else 'none'})")
    counts = verdict_counts(sc)
    kinds = "; ".join(
        f"{t}s: " + ", ".join(f"{counts.loc[t, VERDICT_LABELS[v]]} {VERDICT_LABELS[v]}" for v in VERDICTS)
        for t in CLAIM_TYPES)
    return (f"Scorecard of the essay's {len(sc)} claims, each a coloured tile grouped by verdict. "
            f"{'; '.join(parts)}. Bar chart by kind of claim: {kinds}.")


def show_scorecard(scorecard: pd.DataFrame | None = None) -> plots.Figure:
    sc = _scorecard(scorecard)
    return plots.show(scorecard_figure(sc), scorecard_alt(sc),
                      caption="The scorecard, drawn from data/scorecard.csv: colour and marker give "
                              "the verdict; the bars count verdicts by kind of claim.")


@plots.styled()
def timeline_figure(scorecard: pd.DataFrame | None = None, timeline: pd.DataFrame | None = None):
    """One lane per claim (coloured by its verdict); a dot for every event that bears on it
    (shared source); the essay's date, the fall of Assad and the end of the record marked."""
    sc, tl = _ordered(_scorecard(scorecard)), _timeline(timeline)
    links = claim_event_links(sc, tl)
    end = record_end(tl)
    n = len(sc)
    fig, ax = plots.new_figure(height=0.27 * n + 1.5, width=plots.WIDTH)
    lane = {cid: y for cid, y in zip(sc["claim_id"], range(n)[::-1])}
    start = pd.Timestamp("2017-04-12")
    for r in sc.itertuples(index=False):
        y = lane[r.claim_id]
        col = VERDICT_COLOURS[r.verdict]
        ax.axhspan(y - 0.42, y + 0.42, color=col, alpha=0.12, lw=0)
        sub = links[links["claim_id"] == r.claim_id]
        ax.scatter(sub["date"], [y] * len(sub), marker=_VERDICT_MARKERS[r.verdict], color=col,
                   s=30, zorder=3, edgecolor="white", linewidth=0.5)
    ax.set_yticks([lane[c] for c in sc["claim_id"]],
                  [f"{c} {short_label(c, t)}" for c, t in zip(sc["claim_id"], sc["claim"])], fontsize=7.5)
    marks = [(start, "essay, Apr 2017"), (pd.Timestamp("2018-04-14"), "second strike"),
             (pd.Timestamp("2022-02-24"), "Ukraine invaded"), (pd.Timestamp("2024-12-08"), "Assad falls"),
             (end["timestamp"], "record ends")]
    for i, (when, label) in enumerate(marks):
        ax.axvline(when, color="#555555", lw=0.8, ls=":" if label != "record ends" else "-")
        ax.text(when, n - 0.45 + 0.55 * (i % 2), label, ha="center", va="bottom", fontsize=7.5,
                color="#333333", bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    ax.set_xlim(pd.Timestamp("2017-01-01"), end["timestamp"] + pd.Timedelta(days=150))
    ax.set_ylim(-0.7, n + 0.75)
    ax.set_xlabel("date of the event (events known only to the month placed at its first day)")
    handles = [ax.scatter([], [], marker=_VERDICT_MARKERS[v], color=VERDICT_COLOURS[v],
                          label=VERDICT_LABELS[v]) for v in VERDICTS]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.14), ncol=4, fontsize=8)
    fig.subplots_adjust(left=0.36, right=0.98, top=0.93, bottom=0.17)
    return fig


def timeline_alt(scorecard: pd.DataFrame | None = None, timeline: pd.DataFrame | None = None) -> str:
    sc, tl = _scorecard(scorecard), _timeline(timeline)
    links = claim_event_links(sc, tl)
    end = record_end(tl)
    per = links.groupby("claim_id")["event_id"].count().reindex(sc["claim_id"], fill_value=0)
    busiest = per.sort_values(ascending=False).head(3)
    unlinked = per[per == 0].index.tolist()
    first, last = links["date"].min(), links["date"].max()
    return (f"Timeline from April 2017 to {end['date']}: one lane per claim ({len(sc)} lanes) "
            f"coloured by verdict, with a dot for each of the {links['event_id'].nunique()} events "
            f"(of {len(tl)}) that cite a source the claim's evidence also cites; dots run from "
            f"{first:%B %Y} to {last:%B %Y}. Most events: "
            + ", ".join(f"{c} ({k})" for c, k in busiest.items())
            + (f"; no linked event: {', '.join(unlinked)}" if unlinked else "")
            + ". Vertical lines mark the essay, the April 2018 strike, the invasion of Ukraine, "
              f"the fall of Assad on 8 December 2024 and the end of the record ({end['title']}).")


def show_timeline(scorecard: pd.DataFrame | None = None, timeline: pd.DataFrame | None = None) -> plots.Figure:
    sc, tl = _scorecard(scorecard), _timeline(timeline)
    return plots.show(timeline_figure(sc, tl), timeline_alt(sc, tl),
                      caption="The record against the claims: each dot is an event from "
                              "data/timeline_after_2017.csv that shares a source with the claim's "
                              "evidence in data/scorecard.csv.")


# --------------------------------------------------------------------------- rival forecasts

#: Sherman Kent's words of estimative probability and the probability each stands for (the
#: centre of his ranges; Kent 1964). Forecasts in words are translated through this table.
KENT_WORDS = {
    "almost_certain": 0.93,
    "probable": 0.75,
    "about_even": 0.50,
    "probably_not": 0.30,
    "almost_certainly_not": 0.07,
}
KENT_LABELS = {k: k.replace("_", " ") for k in KENT_WORDS}

#: The two persistence ("nothing changes") forecasters. Each carries forward the state of the
#: world at one moment: just before the strike of 7 April 2017 (the six years of no bargain, no
#: break, no U.S. strike on the government, no build-up, Assad in power) or just after it (the
#: same, except that Washington had now struck). The states are columns of ``data/outcomes.csv``.
PERSISTENCE = {
    "persistence (before the strike)": "before_strike",
    "persistence (after the strike)": "after_strike",
}
#: A persistence forecaster says a state that holds is "almost certain" to hold, and a change
#: "almost certainly not" (Kent's words).
PERSISTENCE_WORDS = {True: "almost_certain", False: "almost_certainly_not"}


def brier_score(probabilities, outcomes) -> float:
    """Mean squared difference between forecast probabilities and outcomes (1 happened, 0 not).

    Brier (1950): 0 is perfect, 1 is the worst possible; a forecaster who always says 0.5 scores
    0.25. Raises ``ValueError`` for empty or unequal inputs and probabilities outside [0, 1].
    """
    ps, os_ = [float(p) for p in probabilities], [float(o) for o in outcomes]
    if not ps or len(ps) != len(os_):
        raise ValueError(f"need as many outcomes as forecasts (got {len(ps)} and {len(os_)}), at least one")
    if any(not 0.0 <= p <= 1.0 for p in ps):
        raise ValueError("probabilities must lie in [0, 1]")
    if any(o not in (0.0, 1.0) for o in os_):
        raise ValueError("outcomes must be 0 or 1")
    return sum((p - o) ** 2 for p, o in zip(ps, os_)) / len(ps)


def _forecasts(forecasts):
    return data.load("forecasts") if forecasts is None else forecasts


def is_scored(forecasts: pd.DataFrame | None = None) -> pd.Series:
    """True for each forecast that is scored: read from a prediction, with a horizon to score it on."""
    fc = _forecasts(forecasts)
    return (fc["claim_class"] == "prediction") & (fc["scored_horizon"] == "common")


def _expand(outcome_id: str, oc: pd.DataFrame) -> list:
    """The outcomes a forecast on ``outcome_id`` is scored against: itself, or each of its tests."""
    if oc.loc[outcome_id, "scored_as"] != "per_test":
        return [outcome_id]
    parts = [o for o, part in zip(oc.index, oc["part_of"]) if part == outcome_id]
    if not parts:
        raise ValueError(f"outcomes.csv: {outcome_id} is scored per test but no row is part_of it")
    return parts


def forecast_probabilities(forecasts: pd.DataFrame | None = None, horizon: str = "2020",
                           outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each scored forecast with its probability (Kent's table) and the outcome on ``horizon``.

    Only forecasts read from predictions and with a horizon are scored (:func:`is_scored`). A
    forecast on an outcome scored per test counts once per test. The two persistence forecasters
    (:data:`PERSISTENCE`) are added for every outcome scored. Columns: forecaster, role, outcome,
    words, p, happened.
    """
    if horizon not in HORIZONS:
        raise ValueError(f"horizon must be one of {HORIZONS}, not {horizon!r}")
    fc = _forecasts(forecasts)
    oc = outcome_table(outcomes)
    unknown = sorted(set(fc["outcome"]) - set(oc.index))
    if unknown:
        raise KeyError(f"forecasts name outcomes not in outcomes.csv: {', '.join(unknown)}")
    bad = sorted(set(fc["words"]) - set(KENT_WORDS))
    if bad:
        raise KeyError(f"words without a probability in KENT_WORDS: {', '.join(bad)}")
    rows = [(r.forecaster, r.role, o, r.words)
            for r in fc[is_scored(fc)].itertuples(index=False) for o in _expand(r.outcome, oc)]
    used = list(dict.fromkeys(o for _, _, o, _ in rows))
    for name, state in PERSISTENCE.items():
        rows += [(name, "baseline", o, PERSISTENCE_WORDS[bool(oc.loc[o, state])]) for o in used]
    out = pd.DataFrame(rows, columns=["forecaster", "role", "outcome", "words"])
    out["p"] = out["words"].map(KENT_WORDS)
    out["happened"] = [int(oc.loc[o, f"happened_{horizon}"]) for o in out["outcome"]]
    return out


def forecast_scores(forecasts: pd.DataFrame | None = None, horizon: str = "2020",
                    reference: str = "the essay", outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Brier score of every scored forecaster, next to the essay's and both persistence
    forecasters' on the *same* outcomes (a forecaster is only compared where both spoke).

    Columns: forecaster, role, outcomes (names, ';'-separated), n, brier, essay (the reference's
    score on those outcomes, NaN where it made no scored forecast on all of them), persistence
    (before the strike), persistence_after. Sorted by role then forecaster, the reference first.
    """
    pr = forecast_probabilities(forecasts, horizon, outcomes)
    before, after = (pr[pr["forecaster"] == name].set_index("outcome") for name in PERSISTENCE)
    ref = pr[pr["forecaster"] == reference].set_index("outcome")
    rows = []
    for name, grp in pr[pr["role"] != "baseline"].groupby("forecaster", sort=False):
        outs = list(grp["outcome"])
        brier = brier_score(grp["p"], grp["happened"])
        ess = (brier_score(ref.loc[outs, "p"], ref.loc[outs, "happened"])
               if set(outs) <= set(ref.index) else float("nan"))
        pers = [brier_score(b.loc[outs, "p"], b.loc[outs, "happened"]) for b in (before, after)]
        rows.append((name, grp["role"].iloc[0], ";".join(outs), len(outs), brier, ess, *pers))
    out = pd.DataFrame(rows, columns=["forecaster", "role", "outcomes", "n", "brier", "essay", "persistence",
                                      "persistence_after"])
    order = {"essay": 0, "administration": 1, "analyst": 2, "syrian_opposition": 3}
    out["_o"] = out["role"].map(order).fillna(9)
    return out.sort_values(["_o", "forecaster"]).drop(columns="_o").reset_index(drop=True)


def _short(outcome_id: str, oc: pd.DataFrame) -> str:
    return oc.loc[outcome_id, "short"]


def forecasts_markdown(forecasts: pd.DataFrame | None = None, outcomes: pd.DataFrame | None = None) -> str:
    """The forecasts as a MyST table: who, when, about what, in their words, Kent's word, the kind
    of statement it is read from, and sources."""
    fc = _forecasts(forecasts)
    oc = outcome_table(outcomes)
    lines = ["| Forecaster | Date | Outcome | What they said | Read as | Scored? | Sources |",
             "|---|---|---|---|---|---|---|"]
    for r, ok in zip(fc.itertuples(index=False), is_scored(fc)):
        said = str(r.wording).replace("|", "/")
        said = f'"{said}"' if r.wording_kind == "quotation" else f"*{said}* (paraphrase)"
        why = "yes" if ok else ("no: no horizon" if r.scored_horizon == "none" else f"no: a {r.claim_class}")
        lines.append(f"| {r.forecaster} | {r.date} | {_short(r.outcome, oc)} | {said} | "
                     f"{KENT_LABELS[r.words]} ({KENT_WORDS[r.words]:.2f}) | {why} | {_cite(r.source)} |")
    return "\n".join(lines)


def _f3(x) -> str:
    return "n/a" if pd.isna(x) else f"{x:.3f}"


def forecast_scores_markdown(forecasts: pd.DataFrame | None = None, outcomes: pd.DataFrame | None = None) -> str:
    """Scores on both horizons as a MyST table (computed by :func:`forecast_scores`), with both
    persistence forecasters on the same outcomes."""
    oc = outcome_table(outcomes)
    a, b = (forecast_scores(forecasts, h, outcomes=outcomes) for h in HORIZONS)
    lines = ["| Forecaster | Outcomes scored | Brier, to 2020 | essay, same outcomes | persistence before "
             "the strike | persistence after the strike | Brier, whole record |", "|---|---|---|---|---|---|---|"]
    for r, r2 in zip(a.itertuples(index=False), b.itertuples(index=False)):
        outs = ", ".join(_short(o, oc) for o in r.outcomes.split(";"))
        lines.append(f"| {r.forecaster} | {outs} | **{r.brier:.3f}** | {_f3(r.essay)} | {r.persistence:.3f} | "
                     f"{r.persistence_after:.3f} | {r2.brier:.3f} |")
    return "\n".join(lines)


@plots.styled()
def forecast_figure(forecasts: pd.DataFrame | None = None, horizon: str = "2020",
                    outcomes: pd.DataFrame | None = None):
    """Left: each forecaster's Brier score beside the essay's and both persistence forecasters' on
    the same outcomes. Right: every forecast probability by outcome, against what happened."""
    oc = outcome_table(outcomes)
    sc = forecast_scores(forecasts, horizon, outcomes=outcomes)
    pr = forecast_probabilities(forecasts, horizon, outcomes)
    fig, (ax, bx) = plots.new_figure(height=0.42 * max(len(sc), 5) + 1.9, width=plots.WIDTH, ncols=2,
                                     gridspec_kw={"width_ratios": [1.25, 1]})
    ys = list(range(len(sc)))[::-1]
    c = plots.OKABE_ITO
    for y, r in zip(ys, sc.itertuples(index=False)):
        ax.plot([0, 1], [y, y], color="#dddddd", lw=0.6, zorder=0)
        ax.scatter([r.persistence], [y], marker="s", color=c["grey"], s=42, zorder=2)
        ax.scatter([r.persistence_after], [y], marker="P", color=c["black"], s=40, zorder=2)
        if not pd.isna(r.essay):
            ax.scatter([r.essay], [y], marker="D", color=c["blue"], s=40, zorder=3)
        ax.scatter([r.brier], [y], marker="o", color=c["vermillion"], s=48, zorder=4,
                   edgecolor="white", linewidth=0.6)
    ax.set_yticks(ys, [f"{r.forecaster} ({r.n})" for r in sc.itertuples(index=False)], fontsize=8)
    ax.set_xlim(-0.02, 1.0)
    ax.set_xlabel("Brier score (0 best, 1 worst)")
    ax.set_title("Scores on the same outcomes", loc="left")
    handles = [ax.scatter([], [], marker="o", color=c["vermillion"], label="forecaster"),
               ax.scatter([], [], marker="D", color=c["blue"], label="the essay"),
               ax.scatter([], [], marker="s", color=c["grey"], label="persistence, before"),
               ax.scatter([], [], marker="P", color=c["black"], label="persistence, after")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.16), ncol=2, fontsize=8)
    outs = list(dict.fromkeys(pr["outcome"]))
    yo = {o: i for o, i in zip(outs, range(len(outs))[::-1])}
    for o in outs:
        hap = oc.loc[o, f"happened_{horizon}"]
        bx.scatter([1.0 if hap else 0.0], [yo[o]], marker="*", s=140, color=c["bluish_green"], zorder=4)
    markers = {"essay": ("D", c["blue"]), "administration": ("^", c["orange"]),
               "analyst": ("o", c["reddish_purple"]), "syrian_opposition": ("v", c["sky_blue"]),
               "baseline": ("s", c["grey"])}
    for role, (m, col) in markers.items():
        sub = pr[pr["role"] == role]
        jitter = {"essay": 0.18, "administration": 0.09, "analyst": 0.0, "syrian_opposition": -0.09,
                  "baseline": -0.18}[role]
        bx.scatter(sub["p"], [yo[o] + jitter for o in sub["outcome"]], marker=m, color=col, s=30,
                   zorder=3, label=role.replace("_", " "))
    bx.set_yticks(list(yo.values()), [_short(o, oc) for o in outs], fontsize=8)
    bx.set_xlim(-0.05, 1.05)
    bx.set_xlabel("probability given (star: what happened)")
    bx.set_title("Forecasts by outcome", loc="left")
    bx.legend(loc="upper center", bbox_to_anchor=(0.4, -0.16), ncol=3, fontsize=7.5)
    fig.subplots_adjust(left=0.25, right=0.98, top=0.92, bottom=0.28, wspace=0.65)
    return fig


def forecast_alt(forecasts: pd.DataFrame | None = None, horizon: str = "2020",
                 outcomes: pd.DataFrame | None = None) -> str:
    """Alt text of :func:`forecast_figure`, built from the computed scores."""
    oc = outcome_table(outcomes)
    sc = forecast_scores(forecasts, horizon, outcomes=outcomes)
    pr = forecast_probabilities(forecasts, horizon, outcomes)
    outs = list(dict.fromkeys(pr["outcome"]))
    parts = []
    for r in sc.itertuples(index=False):
        ess = "" if pd.isna(r.essay) or r.forecaster == "the essay" else f", essay {r.essay:.2f}"
        parts.append(f"{r.forecaster} {r.brier:.2f} on {r.n} outcome{'s' if r.n > 1 else ''}"
                     f"{ess}, persistence before the strike {r.persistence:.2f}, after {r.persistence_after:.2f}")
    hap = [_short(o, oc).rstrip("?") for o in outs if oc.loc[o, f"happened_{horizon}"]]
    end = "the end of 2020" if horizon == "2020" else "the end of the record"
    return (f"Two panels. Left, Brier scores (0 best) of each April 2017 forecaster with the essay's "
            f"and the two persistence forecasters' on the same outcomes: {'; '.join(parts)}. Right, the "
            f"probability each forecaster gave to each of {len(outs)} outcomes; by "
            f"{end} only {', '.join(hap) or 'none'} happened.")


def show_forecasts(forecasts: pd.DataFrame | None = None, horizon: str = "2020") -> plots.Figure:
    fc = _forecasts(forecasts)
    return plots.show(forecast_figure(fc, horizon), forecast_alt(fc, horizon),
                      caption="Rival forecasts of April 2017 scored on the same outcomes, computed from "
                              "data/forecasts.csv and data/outcomes.csv with Kent's words translated "
                              "into probabilities.")


#: Kent's words from most to least likely: a dissent is two or more steps from the essay.
KENT_ORDER = tuple(KENT_WORDS)


def dissents(forecasts: pd.DataFrame | None = None, reference: str = "the essay") -> pd.DataFrame:
    """The forecasts that dissent from the essay: on an outcome the essay also forecast, at least
    two steps away from the essay's word on Kent's five-word scale (so "about even" against "almost
    certainly not" dissents, "probably not" against it does not). Columns as in forecasts.csv plus
    ``essay_words`` and ``steps``."""
    fc = _forecasts(forecasts)
    ref = fc[fc["forecaster"] == reference].set_index("outcome")["words"]
    others = fc[(fc["forecaster"] != reference) & fc["outcome"].isin(ref.index)].copy()
    others["essay_words"] = others["outcome"].map(ref)
    others["steps"] = [abs(KENT_ORDER.index(a) - KENT_ORDER.index(b))
                       for a, b in zip(others["words"], others["essay_words"])]
    return others[others["steps"] >= 2].reset_index(drop=True)


def break_forecasts(forecasts: pd.DataFrame | None = None, reference: str = "the essay") -> pd.DataFrame:
    """The forecasts other than the essay's on a Russian break with Assad, with their probability."""
    fc = _forecasts(forecasts)
    out = fc[(fc["outcome"] == "russia_breaks") & (fc["forecaster"] != reference)].copy()
    out["p"] = out["words"].map(KENT_WORDS)
    return out.reset_index(drop=True)


@number("forecasts_total", "How many forecasts of the week the table holds, in words.")
def forecasts_total() -> str:
    return in_words(len(_forecasts(None)))


@number("forecasters_total", "How many forecasters (the essay included), in words.")
def forecasters_total() -> str:
    return in_words(_forecasts(None)["forecaster"].nunique())


@number("break_forecasters", "How many forecasters other than the essay spoke to a Russian break, in words.")
def break_forecasters() -> str:
    return in_words(break_forecasts()["forecaster"].nunique())


@number("break_even_or_more", "How many of them gave a break at least even odds, in words.")
def break_even_or_more() -> str:
    return in_words(int((break_forecasts()["p"] >= 0.5).sum()))


@number("break_probable", "How many of them called a break probable or better, in words.")
def break_probable() -> str:
    return in_words(int((break_forecasts()["p"] > 0.5).sum()))


@number("dissents_total", "How many forecasts dissent from the essay's (two or more of Kent's steps), in words.")
def dissents_total() -> str:
    return in_words(len(dissents()))


@number("dissenters", "Who dissents from the essay, by name.")
def dissenters() -> str:
    names = list(dict.fromkeys(dissents()["forecaster"]))
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else "nobody"


# --------------------------------------------------------------------------- contested codings


def _codings(codings):
    return data.load("codings") if codings is None else codings


_KEYS = {"scorecard": "claim_id", "forecasts": "forecast_id", "outcomes": "outcome_id"}


def coding_ids(codings: pd.DataFrame | None = None) -> tuple:
    """The contested codings of ``data/codings.csv``, in table order."""
    return tuple(dict.fromkeys(_codings(codings)["coding_id"]))


def apply_codings(other=(), *, scorecard: pd.DataFrame | None = None, forecasts: pd.DataFrame | None = None,
                  outcomes: pd.DataFrame | None = None, codings: pd.DataFrame | None = None) -> dict:
    """The scorecard, forecasts and outcomes with the *other* reading of each coding in ``other``.

    Returns copies ``{"scorecard", "forecasts", "outcomes"}``; the tables passed in are not changed.
    Every cell a coding names must hold the book's value (so a table edited without its coding is
    caught); an unknown coding, row or column raises ``KeyError`` naming it.
    """
    tables = {"scorecard": _scorecard(scorecard).copy(), "forecasts": _forecasts(forecasts).copy(),
              "outcomes": _outcomes(outcomes).copy()}
    cd = _codings(codings)
    other = set(other)
    unknown = sorted(other - set(cd["coding_id"]))
    if unknown:
        raise KeyError(f"no contested coding {', '.join(map(repr, unknown))} in codings.csv; "
                       f"the codings are {', '.join(coding_ids(cd))}")
    for r in cd.itertuples(index=False):
        where = f"codings.csv, coding {r.coding_id}: {r.table} row {r.row_id!r}, column {r.column!r}"
        if r.table not in tables:
            raise KeyError(f"{where}: no such table")
        t = tables[r.table]
        mask = t[_KEYS[r.table]] == r.row_id
        if not mask.any() or r.column not in t.columns:
            raise KeyError(f"{where}: no such row or column")
        current = t.loc[mask, r.column].iloc[0]
        if current != r.book_value:
            raise ValueError(f"{where} holds {current!r}, not the book's value {r.book_value!r}")
        if r.coding_id in other:
            t.loc[mask, r.column] = r.other_value
    return tables


def recoded(other=(), horizon: str = "2020", **tables) -> dict:
    """The tally of verdicts and the Brier scores under the other reading of the codings in ``other``.

    Returns ``{"counts": {verdict: n}, "classes": {claim_type: n}, "scores": forecast_scores(...),
    "essay": {"brier", "persistence", "persistence_after", "n"} or None}``; the essay's row compares
    it with both persistence forecasters on the outcomes it is scored on.
    """
    t = apply_codings(other, **tables)
    sc = t["scorecard"]
    counts = {v: int((sc["verdict"] == v).sum()) for v in VERDICTS}
    classes = {k: int((sc["claim_type"] == k).sum()) for k in CLAIM_TYPES}
    scores = forecast_scores(t["forecasts"], horizon, outcomes=t["outcomes"])
    ess = scores[scores["forecaster"] == "the essay"]
    essay = None if ess.empty else {k: ess.iloc[0][k] for k in ("brier", "persistence", "persistence_after", "n")}
    return {"counts": counts, "classes": classes, "scores": scores, "essay": essay}


def _tally(counts: dict) -> str:
    return " / ".join(str(counts[v]) for v in VERDICTS)


def _essay_cells(res: dict) -> str:
    e = res["essay"]
    if e is None:
        return "n/a | n/a | n/a"
    return f"{e['brier']:.3f} ({e['n']}) | {e['persistence']:.3f} | {e['persistence_after']:.3f}"


def codings_markdown(codings: pd.DataFrame | None = None) -> str:
    """Each contested item: the book's reading and the other, with the case for each and sources."""
    cd = _codings(codings)
    lines = ["| Contested item | The book's coding | The other coding | Sources |", "|---|---|---|---|"]
    for cid in coding_ids(cd):
        grp = cd[cd["coding_id"] == cid]
        first = grp.iloc[0]
        book = "; ".join(f"{r.row_id} {r.column.replace('_', ' ')}: *{r.book_value.replace('_', ' ')}*"
                         for r in grp.itertuples(index=False))
        alt = "; ".join(f"{r.row_id} {r.column.replace('_', ' ')}: *{r.other_value.replace('_', ' ')}*"
                        for r in grp.itertuples(index=False))
        lines.append(f"| **{first['item']}** | {book}. {first['case_for_book']} | {alt}. "
                     f"{first['case_for_other']} | {_cite(first['source'])} |")
    return "\n".join(lines)


def codings_effects_markdown(codings: pd.DataFrame | None = None, horizon: str = "2020") -> str:
    """The tally and the essay's Brier score (with both persistence forecasters on the same
    outcomes) under the book's codings, under each other coding alone, and under all of them."""
    cd = _codings(codings)
    ids = coding_ids(cd)
    head = ("| Codings | Claims: " + " / ".join(VERDICT_LABELS[v] for v in VERDICTS) +
            " | Essay's Brier (outcomes) | Persistence before the strike | Persistence after the strike |")
    lines = [head, "|---|---|---|---|---|"]
    items = {cid: cd.loc[cd["coding_id"] == cid, "item"].iloc[0] for cid in ids}
    for label, other in [("all as in the book", ()),
                         *[(f"other reading of: {items[c]}", (c,)) for c in ids],
                         ("every other reading at once", ids)]:
        res = recoded(other, horizon, codings=cd)
        lines.append(f"| {label} | {_tally(res['counts'])} | {_essay_cells(res)} |")
    return "\n".join(lines)


def _essay_number(other: str, key: str) -> str:
    ids = () if other == "book" else coding_ids()
    e = recoded(ids)["essay"]
    return "n/a" if e is None else f"{e[key]:.3f}"


@number("essay_brier_book", "The essay's Brier score to 2020 under the book's codings.")
def essay_brier_book() -> str:
    return _essay_number("book", "brier")


@number("essay_brier_other", "The essay's Brier score to 2020 under every other coding at once.")
def essay_brier_other() -> str:
    return _essay_number("other", "brier")


@number("persistence_before_book", "Persistence (before the strike) on the essay's outcomes, book's codings.")
def persistence_before_book() -> str:
    return _essay_number("book", "persistence")


@number("persistence_after_book", "Persistence (after the strike) on the essay's outcomes, book's codings.")
def persistence_after_book() -> str:
    return _essay_number("book", "persistence_after")


@number("persistence_before_other", "Persistence (before the strike) on the essay's outcomes, other codings.")
def persistence_before_other() -> str:
    return _essay_number("other", "persistence")


@number("persistence_after_other", "Persistence (after the strike) on the essay's outcomes, other codings.")
def persistence_after_other() -> str:
    return _essay_number("other", "persistence_after")


def _count(other: str, verdict: str) -> str:
    ids = () if other == "book" else coding_ids()
    return in_words(recoded(ids)["counts"][verdict])


@number("failed_book", "Claims judged failed under the book's codings, in words.")
def failed_book() -> str:
    return _count("book", "failed")


@number("failed_other", "Claims judged failed under every other coding at once, in words.")
def failed_other() -> str:
    return _count("other", "failed")


@number("held_book", "Claims judged held under the book's codings, in words.")
def held_book() -> str:
    return _count("book", "held")


@number("unjudged_book", "Claims that cannot be judged under the book's codings, in words.")
def unjudged_book() -> str:
    return _count("book", "cannot_be_judged")


@number("contested_total", "How many contested codings the chapter shows both ways, in words.")
def contested_total() -> str:
    return in_words(len(coding_ids()))


def _rule(field: str) -> str:
    fields = next(r for r in data.descriptor()["resources"] if r["name"] == "scorecard")["schema"]["fields"]
    text = next(f for f in fields if f["name"] == field)["description"]
    return text.split(": ", 1)[1] if field == "claim_type" else text.split("; ", 1)[1]


@number("claim_class_rule", "The rule that classes each claim (from the scorecard's descriptor).")
def claim_class_rule() -> str:
    return _rule("claim_type")


@number("prescription_rule", "The rule that judges every prescription (from the scorecard's descriptor).")
def prescription_rule() -> str:
    return _rule("verdict")
