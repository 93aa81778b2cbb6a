"""The debate of April 2017: precedents, voices, the 2013 case in the threat game, and Syrians.

Pure functions over the tables ``voices``, ``timeline`` and ``displacement_casualties`` and over
the credibility model (:mod:`syrialev.models.credibility`). Figures are built from the tables, so
a corrected row redraws them; every figure comes with alt text built from the same data.

The coding of each voice on the essay's two questions (would Russia break with Assad? should
Washington push it to?) is the book's reading of the statement, recorded per row in
``data/voices.csv``; it is an interpretation to argue with, not a measurement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .. import data, plots
from ..models import credibility
from ..models import defaults as DF
from .numbers import in_words, number

__all__ = [
    "WINDOW", "SIDE_LABELS", "POSITION_ORDER", "PRECEDENTS", "voices", "in_window", "sides_count",
    "voices_markdown", "position_counts", "positions_figure", "positions_alt", "show_positions",
    "precedents", "precedents_markdown", "Case2013", "CASE_2013_DEFAULTS", "case_2013",
    "case_2013_markdown", "case_2013_knife_edge", "SYRIAN_SERIES", "syrians_table", "syrians_figure", "syrians_alt",
    "show_syrians", "syrians_before_markdown",
]

#: The week of the essay: from the Khan Shaykhun attack to two days after Tillerson's talks.
WINDOW = (pd.Timestamp("2017-04-04"), pd.Timestamp("2017-04-14"))

SIDE_LABELS = {
    "us_administration": "U.S. administration",
    "us_congress": "U.S. Congress",
    "analysts": "analysts and editorials",
    "russia": "Russian government",
    "iran": "Iranian government",
    "syrian_government": "Syrian government",
    "syrian_opposition": "Syrian opposition",
    "syrian_kurds": "Syrian Kurds (SDF)",
    "syrian_civilians": "Syrian civilians",
    "un": "United Nations",
    "turkey": "Turkey",
    "europe": "Europe",
    "france": "France",
    "germany": "Germany",
    "israel": "Israel",
    "saudi_arabia": "Saudi Arabia",
    "uae": "United Arab Emirates",
    "qatar": "Qatar",
    "jordan": "Jordan",
    "china": "China",
    "russian_analysts": "Russian analysts and scholars",
}
#: Answers on the two questions, in the order the figure draws them.
POSITION_ORDER = ("yes", "open", "no")

#: The precedents the chapter teaches, in order: events of ``data/timeline.csv`` (the table
#: holds their dates and sources). The 2012 red line and the 2016 collapse are not rows of that
#: table; the chapter gives them with their own sources.
PRECEDENTS = (
    ("unsc_veto_2011_10", "Russia's first veto, and the shadow of Libya"),
    ("geneva_communique_2012", "A transition on paper"),
    ("ghouta_sarin_2013", "The red line crossed"),
    ("lavrov_cw_proposal_2013", "Moscow's exit from the threat"),
    ("us_russia_cw_framework_2013", "The threat turned into a deal"),
    ("unsc_2118_2013", "The deal made binding"),
    ("cw_removal_complete_2014", "The declared arsenal leaves"),
    ("russian_intervention_2015", "Moscow's own intervention"),
    ("unsc_2254_2015", "The transition framework"),
    ("cessation_hostilities_2016", "A U.S.-Russian truce"),
    ("russia_partial_withdrawal_2016", "Pressure on Damascus, or a victory lap?"),
    ("us_russia_deal_2016_09", "A second truce, and its collapse"),
    ("khan_shaykhun_2017", "The test of 2013's deal"),
)


def _voices(table):
    return data.load("voices") if table is None else table


def voices(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The voices table, sorted by date then side, with a ``when`` timestamp column."""
    v = _voices(table).copy()
    v["when"] = [data.event_start(d, p) for d, p in zip(v["date"], v["date_precision"])]
    order = {s: i for i, s in enumerate(SIDE_LABELS)}
    v["_s"] = v["side"].map(order)
    return v.sort_values(["when", "_s", "voice_id"]).drop(columns="_s").reset_index(drop=True)


def in_window(table: pd.DataFrame | None = None) -> pd.Series:
    """True for each voice dated inside :data:`WINDOW`: a day inside it, or a month or year that
    overlaps it (a month- or year-precise date may mean any of its days)."""
    v = _voices(table)
    lo, hi = WINDOW
    spans = [(data.event_start(d, p), data.event_end(d, p))
             for d, p in zip(v["date"], v["date_precision"])]
    return pd.Series([start <= hi and end >= lo for start, end in spans], index=v.index)


def sides_count(table: pd.DataFrame | None = None) -> pd.Series:
    """Number of voices per side, in :data:`SIDE_LABELS` order (sides without a voice left out)."""
    v = _voices(table)
    counts = v["side"].value_counts()
    return pd.Series({s: int(counts[s]) for s in SIDE_LABELS if s in counts}, name="voices")


@number("voices_total", "How many statements the voices table holds, in words.")
def voices_total() -> str:
    return in_words(len(_voices(None)))


@number("voice_sides_total", "How many sides the voices come from, in words.")
def voice_sides_total() -> str:
    return in_words(_voices(None)["side"].nunique())


def _break_count(answer: str) -> str:
    return in_words(int((_voices(None)["would_break"] == answer).sum()))


@number("voices_break_yes", "Voices coded as expecting (or hoping for) a Russian break, in words.")
def voices_break_yes() -> str:
    return _break_count("yes")


@number("voices_break_no", "Voices coded as expecting no Russian break, in words.")
def voices_break_no() -> str:
    return _break_count("no")


@number("voices_break_open", "Voices that did not say whether Russia would break, in words.")
def voices_break_open() -> str:
    return _break_count("open")


def _cite(keys: str) -> str:
    return "{cite:p}`" + ",".join(k.strip() for k in str(keys).split(";")) + "`"


def _said(row) -> str:
    text = str(row.statement).replace("|", "/")
    if row.statement_kind == "quotation":
        return f'"{text}"'
    return f"*{text.removeprefix('Paraphrase:').strip()}* (paraphrase)"


_STATE_ADJECTIVES = {"russia": "a Russian", "iran": "an Iranian", "syria": "a Syrian", "china": "a Chinese",
                     "turkey": "a Turkish", "united_states": "a U.S.", "qatar": "a Qatari",
                     "saudi_arabia": "a Saudi", "jordan": "a Jordanian", "uae": "an Emirati"}


def voices_markdown(table: pd.DataFrame | None = None, dropdown: str = "") -> str:
    """The voices as a MyST table: date, speaker and office, side, what they said, the two
    codings, sources. A state outlet is named beside the source; a voice from outside the
    window is marked with the reason it is included."""
    v = voices(table)
    inside = in_window(v)
    lines = ["| Date | Who | Side | What they said | Break? | Push? | Sources |",
             "|---|---|---|---|---|---|---|"]
    for ok, r in zip(inside, v.itertuples(index=False)):
        date = r.date if ok else f"{r.date} (outside the week: {r.outside_window})"
        src = _cite(r.source)
        if isinstance(r.state_outlet, str) and r.state_outlet:
            src += f" (via {_STATE_ADJECTIVES.get(r.state_outlet, r.state_outlet)} state outlet)"
        lines.append(f"| {date} | {r.speaker}, {r.office} | {SIDE_LABELS[r.side]} | {_said(r)} | "
                     f"{r.would_break} | {r.should_force} | {src} |")
    table_md = "\n".join(lines)
    if dropdown:
        return f"````{{admonition}} {dropdown}\n:class: dropdown\n\n{table_md}\n````"
    return table_md


def position_counts(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Voices by answer on the two questions: rows would_break, columns should_force."""
    v = _voices(table)
    return pd.crosstab(v["would_break"], v["should_force"]).reindex(
        index=list(POSITION_ORDER), columns=list(POSITION_ORDER), fill_value=0)


_SIDE_MARKERS = {
    "us_administration": "^", "us_congress": "v", "analysts": "o", "russia": "s", "iran": "D",
    "syrian_government": "P", "syrian_opposition": "X", "syrian_kurds": "h", "syrian_civilians": "*",
    "un": "p", "turkey": "<", "europe": ">", "france": "8", "germany": "H", "israel": "d",
    "saudi_arabia": "^", "uae": "v", "qatar": "<", "jordan": ">", "china": "p", "russian_analysts": "s",
}


def _short_name(speaker: str) -> str:
    """A label for the grid: a surname, or a short form for institutions."""
    speaker = re.sub(r"\s*\(.*?\)", "", speaker)
    if speaker.startswith(("Joint ", "Qatari ")):
        return " ".join(speaker.split()[:2])
    if speaker.startswith("The "):
        words = speaker.split()
        return " ".join(words[1:3]) if len(words) > 2 else words[-1]
    first = speaker.split(",")[0]
    names = [n.split()[-1] for n in first.split(" and ")]
    return "+".join(names)


@plots.styled()
def positions_figure(table: pd.DataFrame | None = None):
    """A 3 x 3 grid: would Russia break (rows) against should Washington push (columns); each
    voice a marker (shape and colour by side) with its speaker's short name."""
    v = voices(table)
    fig, ax = plots.new_figure(height=7.0, width=plots.WIDTH)
    colours = dict(zip(SIDE_LABELS, plots.PALETTE * 3))
    xpos = {k: i for i, k in enumerate(("no", "open", "yes"))}
    ypos = {k: i for i, k in enumerate(("yes", "open", "no"))}
    cells: dict = {}
    for r in v.itertuples(index=False):
        cells.setdefault((r.should_force, r.would_break), []).append(r)
    for (sf, wb), rows in cells.items():
        n = len(rows)
        cols = 5 if n > 12 else 3 if n > 4 else 2 if n > 1 else 1
        nrows = math.ceil(n / cols)
        step_x, step_y = min(0.3, 0.9 / cols), min(0.22, 0.88 / nrows)
        for k, r in enumerate(rows):
            dx = ((k % cols) - (cols - 1) / 2) * step_x
            dy = -((k // cols) - (nrows - 1) / 2) * step_y
            x, y = xpos[sf] + dx, ypos[wb] + dy
            ax.scatter([x], [y], marker=_SIDE_MARKERS[r.side], color=colours[r.side], s=55, zorder=3,
                       edgecolor="black", linewidth=0.3)
            above = cols > 1 and k % 2 == 1  # stagger neighbours' labels above and below
            ax.text(x, y + (0.055 if above else -0.055), _short_name(r.speaker), ha="center",
                    va="bottom" if above else "top", fontsize=5.5 if cols > 3 else 6)
    for i in range(4):
        ax.axvline(i - 0.5, color="#cccccc", lw=0.8)
        ax.axhline(i - 0.5, color="#cccccc", lw=0.8)
    ax.set_xticks(range(3), ["no: restraint", "open / not said", "yes: push harder"])
    ax.set_yticks(range(3), ["yes", "open / not said", "no"])
    ax.set_xlabel("Should Washington push Moscow and Assad harder?")
    ax.set_ylabel("Will Russia break with Assad?")
    ax.set_xlim(-0.5, 2.5)
    ax.set_ylim(-0.5, 2.5)
    ax.invert_yaxis()
    present = [s for s in SIDE_LABELS if s in set(v["side"])]
    handles = [ax.scatter([], [], marker=_SIDE_MARKERS[s], color=colours[s], edgecolor="black",
                          linewidth=0.3, label=SIDE_LABELS[s]) for s in present]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7.5)
    ax.set_title("Voices of April 2017 on the essay's two questions", loc="left")
    fig.subplots_adjust(left=0.13, right=0.72, top=0.93, bottom=0.12)
    return fig


def positions_alt(table: pd.DataFrame | None = None) -> str:
    """Alt text of :func:`positions_figure`, built from the table."""
    v = voices(table)
    counts = position_counts(v)
    parts = []
    for wb in POSITION_ORDER:
        for sf in POSITION_ORDER:
            names = v[(v["would_break"] == wb) & (v["should_force"] == sf)]["speaker"].tolist()
            if names:
                parts.append(f"break {wb}, push {sf}: {len(names)} ({'; '.join(names)})")
    return (f"Grid of {len(v)} voices from {v['side'].nunique()} sides, placed by whether they expected "
            f"Russia to break with Assad (rows) and whether they wanted Washington to push harder "
            f"(columns). {_break_summary(counts)} " + ". ".join(parts) + ".")


def _break_summary(counts: pd.DataFrame) -> str:
    yes, no = int(counts.loc["yes"].sum()), int(counts.loc["no"].sum())
    lead = "Nobody expected a break" if yes == 0 else f"{yes} expected a break"
    return f"{lead}; {no} expected none; the rest did not say."


def show_positions(table: pd.DataFrame | None = None) -> plots.Figure:
    v = _voices(table)
    return plots.show(positions_figure(v), positions_alt(v),
                      caption="Each marker is a row of data/voices.csv, placed by the book's reading "
                              "of the statement; 'open' means the speaker did not say.")


# --------------------------------------------------------------------------- precedents


def precedents(timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``timeline`` named in :data:`PRECEDENTS`, in that order, with the lesson."""
    tl = (data.load("timeline") if timeline is None else timeline).set_index("event_id")
    missing = [e for e, _ in PRECEDENTS if e not in tl.index]
    if missing:
        raise KeyError(f"precedent event(s) missing from the timeline: {', '.join(missing)}")
    out = tl.loc[[e for e, _ in PRECEDENTS], ["date", "title", "description", "source", "confidence"]]
    out.insert(0, "step", [s for _, s in PRECEDENTS])
    return out.reset_index()


def precedents_markdown(timeline: pd.DataFrame | None = None) -> str:
    """The precedents as a numbered MyST list with dates, titles and sources."""
    pr = precedents(timeline)
    return "\n".join(f"{i}. **{r.date}, {r.step}{'' if r.step.endswith('?') else '.'}** {r.title}. "
                     f"{_cite(r.source)}"
                     for i, r in enumerate(pr.itertuples(index=False), start=1))


# --------------------------------------------------------------------------- 2013 in the threat game


#: The threat game's defaults, as in the leverage chapter's "Credibility after Shayrat" explorer.
CASE_2013_DEFAULTS = dict(p=DF.P_CAMPAIGN, g=DF.G, a=DF.A, c_bar_us=DF.C_BAR_US, r=DF.R,
                          c_r=DF.C_R_CAMPAIGN)


@dataclass(frozen=True)
class Case2013:
    """One scenario of the threat game: the demand, what Russia believes, and whether it yields."""

    label: str
    demand: str
    s_r: float
    phi: float
    strikes: int
    mu: float
    threshold: float
    complies: bool


def case_2013(**overrides) -> list[Case2013]:
    """Five scenarios: the 2013 demand (give up the declared chemical arsenal) with Moscow's own
    proposal (no face cost) and imposed by Washington; the 2017 demand (a break) before and after
    one strike; and a 2013-sized demand after the strike.

    Belief before any strike: :func:`credibility.resolve_probability`; after one strike:
    :func:`credibility.posterior_after_strike`. Stakes: 0.1 for a narrow, verifiable demand and
    0.5 for a break (the leverage chapter's default); face cost 0 when Russia proposed the deal
    itself, else 0.1 (0.05 for the 2017 narrow demand, as in that chapter's scenario). Stylised
    numbers: only their ordering carries the argument.
    """
    k = {**CASE_2013_DEFAULTS, **overrides}
    mu0 = credibility.resolve_probability(k["p"], k["g"], k["a"], k["c_bar_us"])
    mu1 = credibility.posterior_after_strike(mu0, k["r"])
    specs = [
        ("Sept 2013: declared arsenal, Russia's own proposal", "give up the declared chemical weapons",
         DF.S_R_NARROW, 0.0, 0),
        ("Sept 2013: same demand, imposed by Washington", "give up the declared chemical weapons",
         DF.S_R_NARROW, DF.PHI, 0),
        ("April 2017: break with Assad, before Shayrat", "break with Assad", DF.S_R, DF.PHI, 0),
        ("April 2017: break with Assad, after one strike", "break with Assad", DF.S_R, DF.PHI, 1),
        ("April 2017: restrain chemical use, after one strike", "restrain Assad's chemical use",
         DF.S_R_NARROW, DF.PHI_NARROW, 1),
    ]
    out = []
    for label, demand, s_r, phi, n in specs:
        mu = mu1 if n else mu0
        thr = credibility.compliance_threshold(k["p"], s_r, k["c_r"], phi)
        out.append(Case2013(label, demand, s_r, phi, n, mu, thr,
                            credibility.russia_complies(mu, k["p"], s_r, k["c_r"], phi)))
    return out


def case_2013_knife_edge(**overrides) -> dict:
    """How close the first 2013 scenario (Moscow's own proposal, stake 0.1, no face cost, no
    strike) is to the line: the belief before any strike, the threshold it must reach, and the
    largest face cost and the largest stake at which Russia still complies.

    From the compliance rule mu (p S_R + c_R) >= S_R + phi: phi_max = mu (p S_R + c_R) - S_R and
    S_R,max = mu c_R / (1 - mu p). Returns ``{"mu", "threshold", "margin", "phi_max", "s_r_max"}``.
    """
    k = {**CASE_2013_DEFAULTS, **overrides}
    first = case_2013(**overrides)[0]
    mu, s_r = first.mu, first.s_r
    return {"mu": mu, "threshold": first.threshold, "margin": mu - first.threshold,
            "phi_max": mu * (k["p"] * s_r + k["c_r"]) - s_r - first.phi,
            "s_r_max": mu * k["c_r"] / (1.0 - mu * k["p"])}


@number("case2013_mu", "The belief in U.S. resolve before any strike, in the 2013 reading.")
def case2013_mu() -> str:
    return f"{case_2013_knife_edge()['mu']:.2f}"


@number("case2013_threshold", "The threshold the 2013 demand had to clear.")
def case2013_threshold() -> str:
    return f"{case_2013_knife_edge()['threshold']:.2f}"


@number("case2013_phi_max", "The largest face cost at which Russia still complies in 2013.")
def case2013_phi_max() -> str:
    return f"{case_2013_knife_edge()['phi_max']:.3f}"


@number("case2013_sr_max", "The largest stake at which Russia still complies in 2013.")
def case2013_sr_max() -> str:
    return f"{case_2013_knife_edge()['s_r_max']:.3f}"


@number("scenarios_2013", "How many scenarios the 2013 table compares, in words (capitalised).",
        typed=r"{v} scenarios, computed")
def scenarios_2013() -> str:
    return in_words(len(case_2013())).capitalize()


@number("belief_2013", "Russia's belief that Washington is resolved, with no strike (the 2013 case).",
        typed=r"belief of {v} is enough")
def belief_2013() -> str:
    return f"{case_2013()[0].mu:.2f}"


def case_2013_markdown(**overrides) -> str:
    """The scenarios of :func:`case_2013` as a MyST table."""
    lines = ["| Scenario | Stake $S_R$ | Face cost $\\phi$ | Strikes seen | Belief $\\mu$ | "
             "Threshold | Russia complies? |", "|---|---|---|---|---|---|---|"]
    for c in case_2013(**overrides):
        thr = "none (above 1)" if c.threshold > 1 else f"{c.threshold:.2f}"
        lines.append(f"| {c.label} | {c.s_r:g} | {c.phi:g} | {c.strikes} | {c.mu:.2f} | {thr} | "
                     f"**{'yes' if c.complies else 'no'}** |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- Syrians

#: Series of ``displacement_casualties`` drawn, with labels and the panel they go in.
SYRIAN_SERIES = {
    "refugees_registered_region": ("refugees registered in the region", "displaced"),
    "refugees_worldwide": ("refugees worldwide", "displaced"),
    "idps": ("internally displaced", "displaced"),
    "deaths_documented": ("deaths documented by name or record", "deaths"),
    "deaths_estimate": ("deaths estimated (incl. undocumented)", "deaths"),
}


#: What a death figure counts (the ``counts`` column), in words for the reader.
DEATHS_COUNTED = {
    "all": "all deaths, civilians and combatants",
    "all_incl_indirect": "all deaths, including indirect ones",
    "civilians": "civilians only",
    "battle_related": "battle-related deaths",
    "excluding_regime_side": "excluding government-side deaths",
}


def syrians_table(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The displacement and casualty rows, with a ``when`` timestamp (``as_of`` if given, else
    the middle of the year) and values in millions (displaced) or thousands (deaths)."""
    t = (data.load("displacement_casualties") if table is None else table).copy()
    t = t[t["series"].isin(SYRIAN_SERIES)].copy()
    whens = []
    for y, a in zip(t["year"], t["as_of"]):
        if isinstance(a, str) and a:
            prec = "day" if len(a) == 10 else "month" if len(a) == 7 else "year"
            whens.append(data.event_start(a, prec))
        else:
            whens.append(pd.Timestamp(f"{int(y)}-07-01"))
    t["when"] = whens
    t["panel"] = t["series"].map(lambda s: SYRIAN_SERIES[s][1])
    scale = t["panel"].map({"displaced": 1e6, "deaths": 1e3})
    t["low"], t["high"] = t["value_low"] / scale, t["value_high"] / scale
    return t.sort_values(["series", "when"]).reset_index(drop=True)


@plots.styled()
def syrians_figure(table: pd.DataFrame | None = None):
    """Two panels over time: displacement (millions) and deaths (thousands), one colour and
    marker per series, a vertical bar for each range, and a line at April 2017."""
    t = syrians_table(table)
    fig, (ax, bx) = plots.new_figure(height=4.2, width=plots.WIDTH, ncols=2)
    markers = ["o", "s", "D", "^", "v"]
    for (series, (label, panel)), col, m in zip(SYRIAN_SERIES.items(), plots.PALETTE, markers):
        sub = t[t["series"] == series]
        axis = ax if panel == "displaced" else bx
        axis.vlines(sub["when"], sub["low"], sub["high"], color=col, lw=2.2, alpha=0.8)
        axis.scatter(sub["when"], (sub["low"] + sub["high"]) / 2, marker=m, color=col, s=22,
                     label=label, zorder=3)
    for axis, unit in ((ax, "millions of people"), (bx, "thousands of deaths")):
        axis.axvline(pd.Timestamp("2017-04-07"), color="#555555", ls=":", lw=1)
        axis.text(pd.Timestamp("2017-04-07"), axis.get_ylim()[1] * 0.98, " Shayrat", fontsize=7.5,
                  va="top", color="#333333")
        axis.set_ylabel(unit)
        axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=7.5, ncol=1)
    ax.set_title("Displaced Syrians", loc="left")
    bx.set_title("Deaths in the war", loc="left")
    fig.subplots_adjust(left=0.08, right=0.98, top=0.92, bottom=0.36, wspace=0.3)
    return fig


def syrians_alt(table: pd.DataFrame | None = None) -> str:
    """Alt text of :func:`syrians_figure`: the span and the latest value of each series."""
    t = syrians_table(table)
    parts = []
    for series, (label, panel) in SYRIAN_SERIES.items():
        sub = t[t["series"] == series]
        if sub.empty:
            continue
        last = sub.iloc[-1]
        unit = "million" if panel == "displaced" else "thousand"
        rng = (f"{last['low']:.1f}" if last["low"] == last["high"] else f"{last['low']:.1f}-{last['high']:.1f}")
        parts.append(f"{label}: {len(sub)} estimates {sub['when'].min():%Y}-{sub['when'].max():%Y}, "
                     f"latest {rng} {unit} ({last['estimator']}, {last['when']:%Y})")
    return ("Two panels of sourced estimates over time, each with its range, and a dotted line at the "
            "April 2017 strike. " + "; ".join(parts) + ".")


def show_syrians(table: pd.DataFrame | None = None) -> plots.Figure:
    t = data.load("displacement_casualties") if table is None else table
    return plots.show(syrians_figure(t), syrians_alt(t),
                      caption="Displacement and deaths from data/displacement_casualties.csv: each mark "
                              "is one estimate by the estimator named in the table; bars are ranges. "
                              "Estimators count different things, so series are kept apart.")


def syrians_before_markdown(date: str = "2017-04-07", table: pd.DataFrame | None = None) -> str:
    """Each series' estimates from the twelve months before ``date`` (or its latest one), as a
    MyST list with estimator, whose deaths a death figure counts, date, range and sources: what a
    reader could have known then."""
    t = syrians_table(table)
    t = t[t["when"] <= pd.Timestamp(date)]
    lines = []
    for series, (label, _panel) in SYRIAN_SERIES.items():
        sub = t[t["series"] == series]
        if sub.empty:
            continue
        # every estimate of the last twelve months (rival estimators side by side), else the latest
        recent = sub[sub["when"] > pd.Timestamp(date) - pd.DateOffset(months=12)]
        latest = recent if not recent.empty else sub[sub["when"] == sub["when"].max()]
        for r in latest.itertuples(index=False):
            lo, hi = int(r.value_low), int(r.value_high)
            val = f"{lo:,}" if lo == hi else f"{lo:,} to {hi:,}"
            when = r.as_of if isinstance(r.as_of, str) and r.as_of else str(int(r.year))
            counts = getattr(r, "counts", "")
            whose = f", {DEATHS_COUNTED[counts]}" if isinstance(counts, str) and counts else ""
            lines.append(f"- **{label}**: {val} ({r.estimator}{whose}, as of {when}) {_cite(r.source)}")
    return "\n".join(lines)
