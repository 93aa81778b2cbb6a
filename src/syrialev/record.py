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

from . import data, plots

__all__ = [
    "VERDICTS", "VERDICT_LABELS", "VERDICT_COLOURS", "CLAIM_TYPES", "SHORT_LABELS",
    "RECORD_OUTCOMES", "short_label", "verdict_counts", "verdict_shares", "record_end",
    "claim_event_links", "scorecard_markdown", "outcomes_markdown", "scorecard_figure",
    "scorecard_alt", "show_scorecard", "timeline_figure", "timeline_alt", "show_timeline",
    "events_markdown",
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
    ax.set_title("Seventeen claims of April 2017, judged against the record", loc="left")
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
