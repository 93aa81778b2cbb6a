"""Figures and summaries for the chapter "Russia and Syria, the long ties".

Pure functions over the loaded tables (``syrialev.data.load``): ``timeline``, ``unsc_vetoes``,
``arms_share`` and ``fighters_fsu``. Each figure function returns a :class:`syrialev.plots.Figure`
(a PNG with alt text that states what the figure shows, numbers included), so a notebook cell is
one call. Nothing here reads files or draws on screen by itself.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import data, plots
from .numbers import in_words, number

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "CATEGORY_PHRASES",
    "CATEGORY_STYLE",
    "ERAS",
    "MOSCOW",
    "prepare",
    "era_of",
    "filter_events",
    "category_counts",
    "era_table",
    "dating_disputes",
    "veto_counts",
    "cumulative_vetoes",
    "timeline_figure",
    "vetoes_figure",
    "arms_share_figure",
    "fighters_figure",
]

#: Categories of the timeline table, in the order the figures list them (oldest themes first).
CATEGORIES = (
    "religion_culture", "diplomacy", "economy", "arms_trade", "military_cooperation", "naval_base",
    "united_nations", "negotiations", "civil_war", "intervention", "chemical_weapons",
)
CATEGORY_LABELS = {
    "religion_culture": "Church and culture",
    "diplomacy": "Diplomacy",
    "economy": "Economy and debt",
    "arms_trade": "Arms trade",
    "military_cooperation": "Military cooperation",
    "naval_base": "Tartus naval facility",
    "united_nations": "United Nations",
    "negotiations": "Negotiations",
    "civil_war": "Civil war",
    "intervention": "Military intervention",
    "chemical_weapons": "Chemical weapons",
}
#: The same labels for use inside a sentence (lower case except proper names).
CATEGORY_PHRASES = {
    "religion_culture": "church and culture", "diplomacy": "diplomacy", "economy": "economy and debt",
    "arms_trade": "arms trade", "military_cooperation": "military cooperation",
    "naval_base": "Tartus naval facility", "united_nations": "United Nations", "negotiations": "negotiations",
    "civil_war": "civil war", "intervention": "military intervention", "chemical_weapons": "chemical weapons",
}
_OI = plots.OKABE_ITO
#: Colour and marker per category: 11 categories share 8 Okabe-Ito colours, so markers differ too.
CATEGORY_STYLE = {
    "religion_culture": (_OI["reddish_purple"], "o"),
    "diplomacy": (_OI["blue"], "o"),
    "economy": (_OI["bluish_green"], "s"),
    "arms_trade": (_OI["orange"], "s"),
    "military_cooperation": (_OI["vermillion"], "^"),
    "naval_base": (_OI["sky_blue"], "D"),
    "united_nations": (_OI["black"], "v"),
    "negotiations": (_OI["bluish_green"], "o"),
    "civil_war": (_OI["grey"], "^"),
    "intervention": (_OI["vermillion"], "D"),
    "chemical_weapons": (_OI["yellow"], "s"),
}

#: Eras used to group events: (name, first year, last year).
ERAS = (
    ("Imperial Russia and the Ottoman Levant", 1800, 1917),
    ("Soviet Union", 1918, 1991),
    ("Russia before the war", 1992, 2010),
    ("Syrian war to April 2017", 2011, 2017),
)

#: Actor ids that stand for the state in Moscow (empire, Soviet Union, federation).
MOSCOW = ("russian_empire", "ussr", "russia")


def era_of(year: float) -> str:
    """The name of the era a year falls in (see :data:`ERAS`)."""
    for name, first, last in ERAS:
        if first <= year < last + 1:
            return name
    raise ValueError(f"year {year} is outside the eras {ERAS[0][1]}-{ERAS[-1][2]}")


def prepare(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with ``start`` (first day the date can mean), ``year`` (fractional, for plotting),
    ``era`` and ``actor_list`` (a tuple) added; sorted by start. The date itself is never made more
    precise than the table says: ``start`` is only a position on the axis."""
    out = timeline.copy()
    out["start"] = [data.event_start(d, p) for d, p in zip(out["date"], out["date_precision"])]
    out["year"] = [s.year + (s.day_of_year - 1) / 366.0 for s in out["start"]]
    out["era"] = [era_of(y) for y in out["year"]]
    out["actor_list"] = [tuple(a) if isinstance(a, (list, tuple)) else tuple(str(a).split(";"))
                         for a in out["actors"]]
    return out.sort_values("start", kind="stable").reset_index(drop=True)


def _involves(actors: tuple, actor: str) -> bool:
    if actor == "all":
        return True
    if actor == "moscow":
        return any(a in MOSCOW for a in actors)
    return actor in actors


def filter_events(tl: pd.DataFrame, start_year: int, end_year: int, category: str = "all",
                  actor: str = "all") -> pd.DataFrame:
    """Events of a prepared timeline from ``start_year`` to ``end_year`` (inclusive; swapped if given
    in the wrong order), in ``category`` (or ``"all"``), involving ``actor`` (an actor id, ``"moscow"``
    for the Russian Empire, USSR or Russia, or ``"all"``)."""
    lo, hi = sorted((start_year, end_year))
    keep = (tl["year"] >= lo) & (tl["year"] < hi + 1)
    if category != "all":
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        keep &= tl["category"] == category
    keep &= tl["actor_list"].map(lambda a: _involves(a, actor)).astype(bool)
    return tl[keep]


def category_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events per category, in :data:`CATEGORIES` order (zeros kept)."""
    return events["category"].value_counts().reindex(list(CATEGORIES), fill_value=0)


def era_table(tl: pd.DataFrame) -> pd.DataFrame:
    """Events per category (rows) and era (columns), with a total row and column."""
    table = pd.crosstab(tl["category"], tl["era"]).reindex(
        index=list(CATEGORIES), columns=[e[0] for e in ERAS], fill_value=0)
    table.index = [CATEGORY_LABELS[c] for c in table.index]
    table.columns = ["Empire, to 1917", "Soviet, 1918-1991", "Russia, 1992-2010", "War, 2011-2017"]
    table.loc["Total"] = table.sum(axis=0)
    table["All"] = table.sum(axis=1)
    table.index.name = "Category"
    return table


def dating_disputes(tl: pd.DataFrame, ids=("ussr_syria_relations_1944", "ussr_syria_agreement_1946",
                                             "tartus_facility_1971", "tartus_support_ships_1977")) -> str:
    """Markdown list of the rows whose dates sources dispute, with the table's own notes and sources
    (cited with MyST's ``{cite:p}`` role)."""
    rows = tl.set_index("event_id").loc[list(ids)]
    lines = []
    for event_id, r in rows.iterrows():
        keys = r["source"] if isinstance(r["source"], str) else ",".join(r["source"])
        keys = keys.replace(";", ",")
        lines.append(f"- **{r['date']}** ({r['date_precision']} precision), {r['title']}. "
                     f"*Notes in the table:* {r['notes']} {{cite:p}}`{keys}`")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ vetoes

def _members(value) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else tuple(str(value).split(";"))


def veto_counts(vetoes: pd.DataFrame) -> dict:
    """Vetoes per permanent member, plus ``joint`` (drafts vetoed by more than one member)."""
    members = [_members(v) for v in vetoes["vetoed_by"]]
    counts = {}
    for ms in members:
        for m in ms:
            counts[m] = counts.get(m, 0) + 1
    counts["joint"] = sum(len(ms) > 1 for ms in members)
    return counts


def cumulative_vetoes(vetoes: pd.DataFrame) -> pd.DataFrame:
    """One row per vetoed draft in date order with the running count of vetoes by each member."""
    v = vetoes.copy()
    v["date"] = pd.to_datetime(v["date"])
    v = v.sort_values("date", kind="stable").reset_index(drop=True)
    members = [_members(x) for x in v["vetoed_by"]]
    for m in ("russia", "china"):
        v[m] = pd.Series([m in ms for ms in members]).cumsum().astype(int)
    return v


@plots.styled()
def vetoes_figure(vetoes: pd.DataFrame) -> plots.Figure:
    """Cumulative vetoes on Syria drafts by Russia and China, with each draft's subject marked."""
    cum = cumulative_vetoes(vetoes)
    counts = veto_counts(vetoes)
    fig, ax = plots.new_figure(height=3.8)
    colours = {"russia": _OI["vermillion"], "china": _OI["blue"]}
    labels = {"russia": "Russia", "china": "China"}
    t0 = pd.Timestamp("2011-03-15")
    for m in ("russia", "china"):
        xs = [t0, *cum["date"], pd.Timestamp("2024-01-01")]
        ys = [0, *cum[m], cum[m].iloc[-1]]
        ax.step(xs, ys, where="post", color=colours[m], lw=2, label=f"{labels[m]}: {counts.get(m, 0)} vetoes")
    joint = cum[[len(_members(x)) > 1 for x in cum["vetoed_by"]]]
    alone = cum[[len(_members(x)) == 1 for x in cum["vetoed_by"]]]
    ax.plot(joint["date"], joint["russia"], "o", color=_OI["black"], ms=5, label="joint Russia-China veto")
    ax.plot(alone["date"], alone["russia"], "o", mfc="white", mec=_OI["vermillion"], ms=6,
            label="vetoed by Russia alone")
    ax.axvline(pd.Timestamp("2015-09-30"), color=_OI["grey"], ls=":", lw=1)
    ax.text(pd.Timestamp("2015-10-15"), 0.5, "Russian air strikes\nbegin", fontsize=8, color="#555555")
    ax.axvline(pd.Timestamp("2017-04-12"), color=_OI["grey"], ls="--", lw=1)
    ax.text(pd.Timestamp("2017-05-01"), 14.5, "Tillerson in Moscow,\n12 April 2017", fontsize=8, color="#555555")
    ax.set_ylabel("Vetoes on Syria drafts (running total)")
    ax.set_ylim(0, max(cum["russia"]) + 2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Security Council vetoes on Syria, by permanent member")
    ax.legend(loc="upper left", fontsize=8)
    before = int((cum["date"] <= pd.Timestamp("2017-04-12")).sum())
    subj = cum["subject"].str.contains("cross-border").sum()
    cw = cum["subject"].str.contains("chemical").sum()
    alt = (f"Step chart of the running total of Security Council vetoes on Syria drafts from October 2011 to "
           f"July 2023. Russia vetoed {counts.get('russia', 0)} drafts and China {counts.get('china', 0)}; "
           f"{counts['joint']} were joint Russia-China vetoes and the rest Russia's alone. {before} of the "
           f"Russian vetoes came on or before the essay's date (12 April 2017). By subject, {cw} concerned "
           f"chemical weapons and {subj} cross-border humanitarian aid.")
    return plots.show(fig, alt)


# ------------------------------------------------------------------------------------ timeline

@plots.styled()
def timeline_figure(tl: pd.DataFrame) -> plots.Figure:
    """All events as a strip chart by category, with the time axis broken in two: 1840-2010 and
    2011-2017 (most events fall in the war years, which would otherwise be a smudge)."""
    fig, (a1, a2) = plots.new_figure(height=4.6, ncols=2, sharey=True,
                                     gridspec_kw={"width_ratios": [1.15, 1], "wspace": 0.05})
    rows = {c: i for i, c in enumerate(CATEGORIES)}
    for ax, (lo, hi) in ((a1, (1840, 2010.999)), (a2, (2011, 2017.5))):
        part = tl[(tl["year"] >= lo) & (tl["year"] <= hi)]
        for cat, g in part.groupby("category"):
            colour, marker = CATEGORY_STYLE[cat]
            ax.scatter(g["year"], [rows[cat]] * len(g), color=colour, marker=marker, s=34,
                       edgecolor="black", linewidth=0.4, zorder=3)
        ax.set_xlim(lo - (5 if lo < 2000 else 0.2), hi + (3 if lo < 2000 else 0))
        ax.grid(axis="y", color="#eeeeee")
    a1.set_yticks(range(len(CATEGORIES)), [CATEGORY_LABELS[c] for c in CATEGORIES])
    a2.tick_params(axis="y", left=False)
    a2.spines["left"].set_visible(False)
    for year, label, y, ha in ((1944, "relations 1944 ", -1.7, "right"), (1971, "Tartus 1971 ", -0.8, "right"),
                               (1980, " treaty 1980", -1.7, "left"), (1991, " USSR ends", -0.8, "left")):
        a1.axvline(year, color=_OI["grey"], lw=0.6, ls=":")
        a1.text(year, y, label, ha=ha, fontsize=7, color="#555555")
    a2.axvline(2015.75, color=_OI["grey"], lw=0.6, ls=":")
    a2.text(2015.75, -0.8, "intervention Sept 2015", ha="center", fontsize=7, color="#555555")
    a1.set_ylim(len(CATEGORIES) - 0.5, -2.2)
    a1.set_xlabel("Year, 1840-2010")
    a2.set_xlabel("2011 to April 2017 (stretched)")
    fig.suptitle("Russia and Syria: events in the timeline table, by category", fontsize=11, weight="bold")
    fig.subplots_adjust(left=0.2, right=0.98, bottom=0.12, top=0.9)
    n_before = int((tl["year"] < 2011).sum())
    counts = category_counts(tl)
    top = counts.sort_values(ascending=False).head(3)
    tops = ", ".join(f"{CATEGORY_PHRASES[c]} ({n})" for c, n in top.items())
    alt = (f"Strip chart of the {len(tl)} events in the timeline table, one row per category, with a broken "
           f"time axis: 1840-2010 on the left and 2011 to April 2017, stretched, on the right. {n_before} "
           f"events fall before 2011 and {len(tl) - n_before} in the six war years. Before 2011 the rows for "
           f"church and culture (1847-1913), diplomacy, economy and arms trade carry most points, with "
           f"Tartus events in 1971 and 1977; after 2011 the United Nations, intervention and negotiation rows "
           f"fill up. Most frequent categories: {tops}.")
    return plots.show(fig, alt)


# ------------------------------------------------------------------------------------ arms share

@plots.styled()
def arms_share_figure(arms: pd.DataFrame) -> plots.Figure:
    """Russia's reported share of Syria's imports of major arms, as low-high ranges per period."""
    fig, ax = plots.new_figure(height=2.4)
    arms = arms.reset_index(drop=True)
    for i, r in arms.iterrows():
        lo, hi = r["share_low_pct"], r["share_high_pct"]
        ax.barh(i, 100, color="#eeeeee", height=0.5)
        ax.barh(i, lo, color=_OI["vermillion"], height=0.5)
        if hi > lo:
            ax.barh(i, hi - lo, left=lo, color=_OI["vermillion"], alpha=0.45, height=0.5, hatch="///",
                    edgecolor="white")
        text = f"{lo:.0f}%" if hi == lo else f"{lo:.0f}-{hi:.0f}% (reports differ)"
        ax.text(hi + 1.5, i, text, va="center", fontsize=9)
    ax.set_yticks(range(len(arms)), [f"{p}" for p in arms["period"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Russia's share of Syria's imports of major conventional weapons (%, SIPRI TIV, as reported)")
    ax.set_title("Russia supplied most of Syria's major arms on the eve of and early in the war")
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.28, top=0.84)
    parts = []
    for _, r in arms.iterrows():
        lo, hi = r["share_low_pct"], r["share_high_pct"]
        parts.append(f"{r['period']}: {lo:.0f}%" if lo == hi else f"{r['period']}: {lo:.0f} to {hi:.0f}%")
    alt = ("Horizontal bar chart of Russia's share of Syria's imports of major conventional weapons over "
           "five-year periods, SIPRI trend-indicator values as reported in the press: " + "; ".join(parts)
           + ". The hatched part of a bar marks where two reports of the same release disagree. The rest of "
           "each bar, to 100%, is other suppliers.")
    return plots.show(fig, alt)


# ------------------------------------------------------------------------------------ fighters

@plots.styled()
def fighters_figure(fighters: pd.DataFrame) -> plots.Figure:
    """Attributed estimates of fighters from Russia and the former USSR, by date and who said it."""
    f = fighters.copy()
    f["start"] = [data.event_start(d, p) for d, p in zip(f["date"], f["date_precision"])]
    fig, axes = plots.new_figure(height=3.6, ncols=2, sharey=True)
    style = {"russian_official": (_OI["vermillion"], "o", "Russian officials"),
             "independent_research": (_OI["blue"], "s", "Independent research (Soufan Group, CSIS)")}
    scopes = (("russia", "From Russia alone"), ("russia_and_former_ussr", "From Russia and other former Soviet states"))
    for ax, (scope, title) in zip(axes, scopes):
        part = f[f["scope"] == scope]
        for kind, (colour, marker, label) in style.items():
            g = part[part["attributor_type"] == kind]
            ax.vlines(g["start"], g["low"], g["high"], color=colour, lw=3)
            ax.scatter(g["start"], (g["low"] + g["high"]) / 2, color=colour, marker=marker, s=40,
                       edgecolor="black", linewidth=0.4, zorder=3, label=label)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(pd.Timestamp("2015-07-01"), pd.Timestamp("2018-03-01"))
        ax.axvline(pd.Timestamp("2017-04-12"), color=_OI["grey"], ls="--", lw=1)
        ticks = [pd.Timestamp(f"{y}-01-01") for y in (2016, 2017, 2018)]
        ax.set_xticks(ticks, [str(t.year) for t in ticks])
        ax.grid(axis="y", color="#eeeeee")
        ax.text(pd.Timestamp("2017-04-25"), 10300, "essay", fontsize=8, color="#555555")
    axes[0].set_ylabel("People (estimate; bars show ranges)")
    axes[0].set_ylim(0, 11000)
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
    axes[0].legend(loc="upper left", fontsize=8)
    fig.suptitle("Fighters from Russia and the former USSR in Syria (and Iraq): who says how many",
                 fontsize=11, weight="bold")
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.12, top=0.8, wspace=0.08)
    ru = f[f["scope"] == "russia"]
    fsu = f[f["scope"] == "russia_and_former_ussr"]
    alt = (f"Two dot-and-range charts of {len(f)} attributed estimates dated October 2015 to December 2017. "
           f"Left, people from Russia alone: from {ru['low'].min():,} (Soufan Group, 2015) to "
           f"{ru['high'].max():,} (Putin, February 2017). Right, Russia and other former Soviet states: from "
           f"{fsu['low'].min():,} to {fsu['high'].max():,}, Putin's October 2015 range of 5,000-7,000 being the "
           f"lowest and his April 2017 'almost 10,000' the highest. Red circles are Russian officials, blue "
           f"squares independent research; the figures count different things (one group or all, Syria "
           f"alone or with Iraq, at one time or cumulatively).")
    return plots.show(fig, alt)


# --------------------------------------------------------------------------- numbers in the prose

#: The essay's date: counts "by April 2017" stop at the end of that month.
_ESSAY_MONTH_END = pd.Timestamp("2017-04-30")


@number("timeline_events", "How many events the timeline table holds.", typed=r"{v} events from")
def timeline_events() -> str:
    return str(len(data.load("timeline")))


@number("timeline_first_year", "The year of the timeline's first event.", typed=r"events from {v}")
def timeline_first_year() -> str:
    return str(int(pd.to_datetime(data.load("timeline")["date"].astype(str).str[:4]).dt.year.min()))


def _vetoes() -> pd.DataFrame:
    v = data.load("unsc_vetoes").copy()
    v["when"] = pd.to_datetime(v["date"])
    return v


@number("vetoes_total", "How many vetoed Syria drafts the vetoes table holds, in words.",
        typed=r"of the {v} vetoes")
def vetoes_total() -> str:
    return in_words(len(_vetoes()))


@number("vetoes_china_joined", "In how many of them China vetoed with Russia, in words.",
        typed=r"in {v} of the")
def vetoes_china_joined() -> str:
    return in_words(int(_vetoes()["vetoed_by"].str.contains("china").sum()))


@number("vetoes_by_april_2017", "How many Russian vetoes on Syria were cast by the end of April 2017, in words.",
        typed=r"lease, {v} vetoes")
def vetoes_by_april_2017() -> str:
    v = _vetoes()
    return in_words(int(((v["when"] <= _ESSAY_MONTH_END) & v["vetoed_by"].str.contains("russia")).sum()))
