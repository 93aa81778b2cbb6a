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
    "RECORD_OUTCOMES", "short_label", "verdict_counts", "verdict_shares", "record_end",
    "claim_event_links", "scorecard_markdown", "outcomes_markdown", "scorecard_figure",
    "scorecard_alt", "show_scorecard", "timeline_figure", "timeline_alt", "show_timeline",
    "events_markdown",
    "KENT_WORDS", "FORECAST_OUTCOMES", "HORIZONS", "PERSISTENCE_WORDS", "brier_score",
    "forecast_probabilities", "forecast_scores", "forecasts_markdown", "forecast_scores_markdown",
    "forecast_figure", "forecast_alt", "show_forecasts",
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

#: What happened, for the outcomes the leverage models predict (used by the back-test explorer).
#: Each entry names the scorecard claim and the timeline events that record it.
RECORD_OUTCOMES = {
    "grand_bargain": {
        "question": "A linked grand bargain (Syria for a bigger prize)?",
        "short": "Grand bargain?",
        "happened": False,
        "claim_id": "c05",
        "event_ids": ("a17_004", "a17_025"),
        "record": "no: U.S.-Russian work on Syria stayed narrow; Russia invaded Ukraine in 2022",
    },
    "russia_breaks": {
        "question": "Russia breaks with Assad under U.S. pressure?",
        "short": "Russia breaks with Assad?",
        "happened": False,
        "claim_id": "c01",
        "event_ids": ("a17_001", "a17_033"),
        "record": "no: backed him until his fall, then gave him asylum",
    },
    "strikes_again": {
        "question": "U.S. strikes again when its line is tested?",
        "short": "U.S. strikes again if tested?",
        "happened": True,
        "claim_id": "c10",
        "event_ids": ("a17_012", "a17_013"),
        "record": "yes: U.S., British and French strikes after Douma, April 2018",
    },
    "buildup": {
        "question": "A large U.S. build-up against Assad?",
        "short": "Large U.S. build-up?",
        "happened": False,
        "claim_id": "c07",
        "event_ids": ("a17_016", "a17_019"),
        "record": "no: withdrawals announced in Dec 2018 and Oct 2019",
    },
}


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


def outcomes_markdown(scorecard: pd.DataFrame | None = None) -> str:
    """The record the back-test compares against: outcome, what happened, claim and its verdict."""
    sc = _scorecard(scorecard).set_index("claim_id")
    lines = ["| Outcome | What happened | Claim and its verdict | Sources |", "|---|---|---|---|"]
    for o in RECORD_OUTCOMES.values():
        row = sc.loc[o["claim_id"]]
        lines.append(f"| {o['question']} | {o['record']} | {o['claim_id']} "
                     f"({VERDICT_LABELS[row['verdict']]}) | {_cite(row['source'])} |")
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

#: The two horizons on which forecasts are scored: the essay's own (through 2020) and the whole
#: record (to January 2026).
HORIZONS = ("2020", "record")

#: What the forecasts of April 2017 are about, and what happened on each horizon. The first four
#: are the outcomes of :data:`RECORD_OUTCOMES`; ``assad_out`` is added for the administration's
#: forecasts. ``claim_id`` and ``event_ids`` point to the scorecard and the timeline.
FORECAST_OUTCOMES = {
    "grand_bargain": {"short": "Grand bargain?", "happened": {"2020": False, "record": False},
                      "claim_id": "c05", "event_ids": ("a17_004", "a17_025")},
    "russia_breaks": {"short": "Russia breaks with Assad?", "happened": {"2020": False, "record": False},
                      "claim_id": "c01", "event_ids": ("a17_001", "a17_033")},
    "strikes_again": {"short": "U.S. strikes again if tested?", "happened": {"2020": True, "record": True},
                      "claim_id": "c10", "event_ids": ("a17_012", "a17_013")},
    "buildup": {"short": "Large U.S. build-up?", "happened": {"2020": False, "record": False},
                "claim_id": "c07", "event_ids": ("a17_016", "a17_019")},
    "assad_out": {"short": "Assad out of power?", "happened": {"2020": False, "record": True},
                  "claim_id": "c02", "event_ids": ("a17_031", "a17_033")},
}

#: The persistence ("nothing changes") forecaster: every outcome above is a change from the six
#: years before April 2017 (no bargain, no break, no U.S. strike on the government, no build-up,
#: Assad in power), so it gives each of them Kent's "almost certainly not".
PERSISTENCE_WORDS = "almost_certainly_not"


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


def forecast_probabilities(forecasts: pd.DataFrame | None = None, horizon: str = "2020") -> pd.DataFrame:
    """Each forecast with its probability (Kent's table) and the outcome on ``horizon`` (0 or 1).

    Adds the persistence forecaster ("nothing changes") for every outcome. Columns: forecaster,
    role, outcome, words, p, happened.
    """
    if horizon not in HORIZONS:
        raise ValueError(f"horizon must be one of {HORIZONS}, not {horizon!r}")
    fc = _forecasts(forecasts)
    unknown = sorted(set(fc["outcome"]) - set(FORECAST_OUTCOMES))
    if unknown:
        raise KeyError(f"forecasts name outcomes not in FORECAST_OUTCOMES: {', '.join(unknown)}")
    bad = sorted(set(fc["words"]) - set(KENT_WORDS))
    if bad:
        raise KeyError(f"words without a probability in KENT_WORDS: {', '.join(bad)}")
    rows = [(r.forecaster, r.role, r.outcome, r.words) for r in fc.itertuples(index=False)]
    rows += [("persistence (nothing changes)", "baseline", o, PERSISTENCE_WORDS) for o in FORECAST_OUTCOMES]
    out = pd.DataFrame(rows, columns=["forecaster", "role", "outcome", "words"])
    out["p"] = out["words"].map(KENT_WORDS)
    out["happened"] = [int(FORECAST_OUTCOMES[o]["happened"][horizon]) for o in out["outcome"]]
    return out


def forecast_scores(forecasts: pd.DataFrame | None = None, horizon: str = "2020",
                    reference: str = "the essay") -> pd.DataFrame:
    """Brier score of every forecaster, next to the essay's and the persistence forecaster's on
    the *same* outcomes (a forecaster is only compared where both spoke).

    Columns: forecaster, role, outcomes (names, ';'-separated), n, brier, essay (the reference's
    score on those outcomes, NaN where it made no forecast on all of them), persistence.
    Sorted by role then forecaster, the reference first.
    """
    pr = forecast_probabilities(forecasts, horizon)
    base = pr[pr["role"] == "baseline"].set_index("outcome")
    ref = pr[pr["forecaster"] == reference].set_index("outcome")
    rows = []
    for name, grp in pr[pr["role"] != "baseline"].groupby("forecaster", sort=False):
        outs = list(grp["outcome"])
        brier = brier_score(grp["p"], grp["happened"])
        ess = (brier_score(ref.loc[outs, "p"], ref.loc[outs, "happened"])
               if set(outs) <= set(ref.index) else float("nan"))
        per = brier_score(base.loc[outs, "p"], base.loc[outs, "happened"])
        rows.append((name, grp["role"].iloc[0], ";".join(outs), len(outs), brier, ess, per))
    out = pd.DataFrame(rows, columns=["forecaster", "role", "outcomes", "n", "brier", "essay", "persistence"])
    order = {"essay": 0, "administration": 1, "analyst": 2, "syrian_opposition": 3}
    out["_o"] = out["role"].map(order).fillna(9)
    return out.sort_values(["_o", "forecaster"]).drop(columns="_o").reset_index(drop=True)


def forecasts_markdown(forecasts: pd.DataFrame | None = None) -> str:
    """The forecasts as a MyST table: who, when, about what, in their words, Kent's word, sources."""
    fc = _forecasts(forecasts)
    lines = ["| Forecaster | Date | Outcome | What they said | Read as | Sources |",
             "|---|---|---|---|---|---|"]
    for r in fc.itertuples(index=False):
        said = str(r.wording).replace("|", "/")
        said = f'"{said}"' if r.wording_kind == "quotation" else f"*{said}* (paraphrase)"
        lines.append(f"| {r.forecaster} | {r.date} | {FORECAST_OUTCOMES[r.outcome]['short']} | {said} | "
                     f"{KENT_LABELS[r.words]} ({KENT_WORDS[r.words]:.2f}) | {_cite(r.source)} |")
    return "\n".join(lines)


def forecast_scores_markdown(forecasts: pd.DataFrame | None = None) -> str:
    """Scores on both horizons as a MyST table (computed by :func:`forecast_scores`)."""
    a, b = forecast_scores(forecasts, "2020"), forecast_scores(forecasts, "record")
    lines = ["| Forecaster | Outcomes scored | Brier, to 2020 | essay, same outcomes | persistence, same "
             "outcomes | Brier, whole record |", "|---|---|---|---|---|---|"]
    for r, r2 in zip(a.itertuples(index=False), b.itertuples(index=False)):
        outs = ", ".join(FORECAST_OUTCOMES[o]["short"] for o in r.outcomes.split(";"))
        ess = "n/a" if pd.isna(r.essay) else f"{r.essay:.3f}"
        lines.append(f"| {r.forecaster} | {outs} | **{r.brier:.3f}** | {ess} | {r.persistence:.3f} | "
                     f"{r2.brier:.3f} |")
    return "\n".join(lines)


def forecast_figure(forecasts: pd.DataFrame | None = None, horizon: str = "2020"):
    """Left: each forecaster's Brier score beside the essay's and persistence's on the same
    outcomes. Right: every forecast probability by outcome, against what happened."""
    sc = forecast_scores(forecasts, horizon)
    pr = forecast_probabilities(forecasts, horizon)
    fig, (ax, bx) = plots.new_figure(height=0.42 * len(sc) + 1.9, width=plots.WIDTH, ncols=2,
                                     gridspec_kw={"width_ratios": [1.25, 1]})
    ys = list(range(len(sc)))[::-1]
    c = plots.OKABE_ITO
    for y, r in zip(ys, sc.itertuples(index=False)):
        ax.plot([0, 1], [y, y], color="#dddddd", lw=0.6, zorder=0)
        ax.scatter([r.persistence], [y], marker="s", color=c["grey"], s=42, zorder=2)
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
               ax.scatter([], [], marker="s", color=c["grey"], label="persistence")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.16), ncol=3, fontsize=8)
    outs = list(FORECAST_OUTCOMES)
    yo = {o: i for o, i in zip(outs, range(len(outs))[::-1])}
    for o in outs:
        hap = FORECAST_OUTCOMES[o]["happened"][horizon]
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
    bx.set_yticks(list(yo.values()), [FORECAST_OUTCOMES[o]["short"] for o in outs], fontsize=8)
    bx.set_xlim(-0.05, 1.05)
    bx.set_xlabel("probability given (star: what happened)")
    bx.set_title("Forecasts by outcome", loc="left")
    bx.legend(loc="upper center", bbox_to_anchor=(0.4, -0.16), ncol=3, fontsize=7.5)
    fig.subplots_adjust(left=0.25, right=0.98, top=0.92, bottom=0.26, wspace=0.65)
    return fig


def forecast_alt(forecasts: pd.DataFrame | None = None, horizon: str = "2020") -> str:
    """Alt text of :func:`forecast_figure`, built from the computed scores."""
    sc = forecast_scores(forecasts, horizon)
    parts = []
    for r in sc.itertuples(index=False):
        ess = "" if pd.isna(r.essay) or r.forecaster == "the essay" else f", essay {r.essay:.2f}"
        parts.append(f"{r.forecaster} {r.brier:.2f} on {r.n} outcome{'s' if r.n > 1 else ''}"
                     f"{ess}, persistence {r.persistence:.2f}")
    happened = [FORECAST_OUTCOMES[o]["short"].rstrip("?") for o in FORECAST_OUTCOMES
                if FORECAST_OUTCOMES[o]["happened"][horizon]]
    end = "the end of 2020" if horizon == "2020" else "the end of the record"
    return (f"Two panels. Left, Brier scores (0 best) of each April 2017 forecaster with the essay's "
            f"and the persistence forecaster's on the same outcomes: {'; '.join(parts)}. Right, the "
            f"probability each forecaster gave to each of {len(FORECAST_OUTCOMES)} outcomes; by "
            f"{end} only {', '.join(happened) or 'none'} happened.")


def show_forecasts(forecasts: pd.DataFrame | None = None, horizon: str = "2020") -> plots.Figure:
    fc = _forecasts(forecasts)
    return plots.show(forecast_figure(fc, horizon), forecast_alt(fc, horizon),
                      caption="Rival forecasts of April 2017 scored on the same outcomes, computed from "
                              "data/forecasts.csv with Kent's words translated into probabilities.")
