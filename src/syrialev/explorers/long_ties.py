"""Explorers of the chapter "Russia and Syria, the long ties".

- ``timeline``: filter the sourced timeline by years, category and actor, and see what is left.
- ``syria_worth``: "What is Syria worth to Moscow?" The student scores the parts of Russia's stake
  (:mod:`syrialev.models.stake`), gets a valuation v_R on a stylised 0-1 scale, and compares it with
  stylised values of the prizes the essay names. In a live notebook every change is saved for the
  leverage chapter (``choices.save_valuation``); ``update()`` itself never writes anything.
"""

from __future__ import annotations

import html

import numpy as np

from .. import data, plots
from ..chapters import long_ties as chapter
from ..models import stake
from . import choices
from .explorer import Explorer, register
from .params import Param

__all__ = ["TimelineExplorer", "SyriaWorthExplorer"]

#: Short labels for the figure (fewer glyphs to draw on every update; the controls keep the long ones).
_SHORT = {"prestige": "Prestige, status", "mediterranean": "Bases (Tartus, Hmeimim)",
          "counter_extremism": "Counter-extremism", "iran_partnership": "Iran partnership",
          "arms_economy": "Arms, economy", "church_culture": "Church, culture"}

_OI = plots.OKABE_ITO

#: Actor filter options: "moscow" stands for the Russian Empire, the USSR and Russia together.
ACTOR_OPTIONS = ("all", "moscow", "united_states", "iran", "turkey", "china", "assad_government",
                 "syrian_opposition", "islamic_state", "patriarchate_of_antioch", "un_security_council")
ACTOR_LABELS = {
    "all": "any actor", "moscow": "Moscow (Russian Empire, USSR or Russia)",
    "united_states": "the United States", "iran": "Iran", "turkey": "Turkey", "china": "China",
    "assad_government": "the Assad government", "syrian_opposition": "the Syrian opposition",
    "islamic_state": "the Islamic State", "patriarchate_of_antioch": "the Orthodox Patriarchate of Antioch",
    "un_security_council": "the UN Security Council",
}


@register
class TimelineExplorer(Explorer):
    """Filter the timeline table (data/timeline.csv) by era, category and actor."""

    name = "timeline"
    title = "Russia and Syria, 1847-2017: filter the timeline"
    size = (8.0, 3.6)
    params = (
        Param("start_year", "From year", 1840, 1840, 2017, 1, "year", kind="int",
              doc="first year shown; events from 1 January of this year"),
        Param("end_year", "To year", 2017, 1840, 2017, 1, "year", kind="int",
              doc="last year shown (inclusive; the table ends in April 2017). If it is before the first "
                  "year, the two are swapped"),
        Param("category", "Category", "all", kind="choice", options=("all", *chapter.CATEGORIES),
              doc="show only events of one category of the table, or all"),
        Param("actor", "Actor", "all", kind="choice", options=ACTOR_OPTIONS,
              doc="show only events involving this actor ('moscow' = the Russian Empire, the USSR or "
                  "Russia), or all"),
    )
    #: In the built book: filter by category, from three starting points.
    explore = {"category": None, "start_year": (1840, 1944, 1991)}
    scenarios = {
        "The Soviet era, 1944-1991": {"start_year": 1944, "end_year": 1991},
        "The war at the United Nations, 2011-2017": {"start_year": 2011, "category": "united_nations"},
        "Church ties before 1917": {"end_year": 1917, "category": "religion_culture"},
    }

    def build(self):
        self.tl = chapter.prepare(data.load("timeline"))
        self.fig.delaxes(self.axes)
        self.ax, self.bx = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.3, 1]})
        rows = {c: i for i, c in enumerate(chapter.CATEGORIES)}
        self.y = np.array([rows[c] for c in self.tl["category"]], dtype=float)
        self.x = self.tl["year"].to_numpy(dtype=float)
        self.colours = [chapter.CATEGORY_STYLE[c][0] for c in self.tl["category"]]
        self.all_points = self.ax.scatter(self.x, self.y, s=14, color="#dddddd", zorder=1)
        self.points = self.ax.scatter(self.x, self.y, s=30, color=self.colours, edgecolor="black",
                                      linewidth=0.4, zorder=3)
        self.ax.set_yticks(range(len(chapter.CATEGORIES)),
                           [chapter.CATEGORY_LABELS[c] for c in chapter.CATEGORIES], fontsize=8)
        self.ax.set_ylim(len(chapter.CATEGORIES) - 0.5, -0.5)
        self.ax.grid(axis="y", color="#f0f0f0")
        self.ax.tick_params(axis="x", labelsize=8)
        self.heading = self.ax.text(0, 1.03, "", transform=self.ax.transAxes, fontsize=9, weight="bold")
        self.bars = self.bx.barh(range(len(chapter.CATEGORIES)), [0] * len(chapter.CATEGORIES),
                                 color=[chapter.CATEGORY_STYLE[c][0] for c in chapter.CATEGORIES], edgecolor="black",
                                 linewidth=0.4)
        self.bx.set_ylim(len(chapter.CATEGORIES) - 0.5, -0.5)
        self.bx.set_yticks([])
        self.bx.set_xlim(0, 14)
        self.bx.set_xticks([0, 5, 10])
        self.bx.set_xlabel("events shown", fontsize=8)
        self.bx.tick_params(axis="x", labelsize=8)
        self.count_labels = [self.bx.text(0, i, "", va="center", fontsize=7) for i in range(len(chapter.CATEGORIES))]
        self.fig.subplots_adjust(left=0.2, right=0.98, bottom=0.12, top=0.9, wspace=0.1)
        # what draw() changes, drawn over a cached background on live updates (see base.py): a change
        # of years moves the left panel's x-axis, so that axis and everything placed on it are listed
        self._dynamic = [self.all_points, self.points, self.ax.xaxis, *self.bars, *self.count_labels,
                         self.heading]

    def _axes_signature(self) -> tuple:
        """As the base class, without the left panel's x-axis, which is redrawn at every update."""
        sig = list(super()._axes_signature())
        # the base signature holds, per axes: view limits, x-axis ticks, y-axis ticks, titles (and a
        # legend); drop the left panel's view limits and x-ticks (drawn as dynamic artists)
        return tuple(sig[2:])

    def compute(self, start_year, end_year, category, actor):
        lo, hi = sorted((start_year, end_year))
        shown = chapter.filter_events(self.tl, lo, hi, category, actor)
        return {"lo": lo, "hi": hi, "swapped": start_year > end_year, "category": category, "actor": actor,
                "mask": self.tl.index.isin(shown.index), "events": shown,
                "counts": chapter.category_counts(shown)}

    def draw(self, r):
        mask = r["mask"]
        self.points.set_offsets(np.column_stack([self.x[mask], self.y[mask]]) if mask.any()
                                else np.empty((0, 2)))
        self.points.set_facecolor([c for c, m in zip(self.colours, mask) if m] or ["none"])
        pad = max(1.0, (r["hi"] + 1 - r["lo"]) * 0.03)
        self.ax.set_xlim(r["lo"] - pad, r["hi"] + 1 + pad)
        for bar, label, n in zip(self.bars, self.count_labels, r["counts"]):
            bar.set_width(n)
            label.set_x(n + 0.3)
            label.set_text(str(n) if n else "")
        self.heading.set_text(f"{len(r['events'])} of {len(self.tl)} events, {r['lo']}-{r['hi']}"
                              + ("" if r["category"] == "all" else f", {chapter.CATEGORY_PHRASES[r['category']]}")
                              + ("" if r["actor"] == "all" else f", involving {ACTOR_LABELS[r['actor']]}"))

    def _filters(self, r) -> str:
        parts = []
        if r["category"] != "all":
            parts.append(f"in the category {chapter.CATEGORY_PHRASES[r['category']]}")
        if r["actor"] != "all":
            parts.append(f"involving {ACTOR_LABELS[r['actor']]}")
        return (" " + " and ".join(parts)) if parts else ""

    def verdict(self, r) -> str:
        n = len(r["events"])
        swap = " (years swapped: the first year was after the last)" if r["swapped"] else ""
        if n == 0:
            return f"No event in the table from {r['lo']} to {r['hi']}{self._filters(r)}{swap}."
        ev = r["events"]
        first, last = ev.iloc[0], ev.iloc[-1]
        top = r["counts"].idxmax()
        return (f"{n} event{'s' if n != 1 else ''} from {r['lo']} to {r['hi']}{self._filters(r)}{swap}: "
                f"the first is '{first['title']}' ({first['date']}), the last '{last['title']}' ({last['date']}). "
                f"Most common category: {chapter.CATEGORY_PHRASES[top]} ({r['counts'][top]}).")

    def alt(self, r) -> str:
        n = len(r["events"])
        nonzero = [f"{chapter.CATEGORY_PHRASES[c]} {k}" for c, k in r["counts"].items() if k]
        return (f"Strip chart of the timeline from {r['lo']} to {r['hi']}, one row per category, with "
                f"{n} of {len(self.tl)} events highlighted{self._filters(r)} and the rest in light grey; a bar "
                f"chart beside it counts the highlighted events by category"
                + (": " + ", ".join(nonzero) if nonzero else ": none") + ".")


@register
class SyriaWorthExplorer(Explorer):
    """What is Syria worth to Moscow? Score the parts of Russia's stake; compare v_R with the prizes."""

    name = "syria_worth"
    title = "What is Syria worth to Moscow?"
    size = (8.0, 3.6)
    params = (
        *(Param(c, stake.COMPONENT_LABELS[c], stake.DEFAULT_SCORES[c], 0.0, 10.0, 0.5, "stylised 0-10",
                doc=stake.COMPONENT_DOCS[c] + " (0 = not at all, 10 = entirely)")
          for c in stake.COMPONENTS),
        Param("weighting", "Weighting", "equal", kind="choice", options=tuple(stake.WEIGHTINGS),
              doc="how the parts are weighed: 'equal'; 'status' (prestige and counter-extremism count "
                  "double, the essay's emphasis); 'material' (bases and arms double, church ties half)"),
        Param("prize_crimea", "Prize: recognition of Crimea", stake.DEFAULT_PRIZES["crimea"], 0.0, 1.0, 0.05,
              "stylised 0-1", doc="value to Russia of U.S. recognition of Crimea as Russian, on the "
                                  "same stylised scale as v_R"),
        Param("prize_ukraine", "Prize: sphere in Ukraine", stake.DEFAULT_PRIZES["ukraine"], 0.0, 1.0, 0.05,
              "stylised 0-1", doc="value to Russia of a recognised sphere of influence in Ukraine, same scale"),
        Param("prize_nato", "Prize: halt to NATO/EU enlargement", stake.DEFAULT_PRIZES["nato_halt"], 0.0, 1.0,
              0.05, "stylised 0-1", doc="value to Russia of a halt to NATO and EU enlargement in Eastern "
                                        "Europe, same scale"),
    )
    #: In the built book: the essay's main claim (prestige) under each weighting.
    explore = {"prestige": (0.0, 2.0, 4.0, 6.0, 8.0, 10.0), "weighting": None}
    scenarios = {
        "A Moscow that lives on its bases": {
            "prestige": 4.0, "mediterranean": 10.0, "counter_extremism": 3.0, "iran_partnership": 4.0,
            "arms_economy": 9.0, "church_culture": 1.0, "weighting": "material"},
        "Prestige is everything": {
            "prestige": 10.0, "mediterranean": 8.0, "counter_extremism": 9.0, "iran_partnership": 7.0,
            "arms_economy": 5.0, "church_culture": 3.0, "weighting": "status"},
        "A thin stake": {
            "prestige": 3.0, "mediterranean": 4.0, "counter_extremism": 2.0, "iran_partnership": 2.0,
            "arms_economy": 2.0, "church_culture": 0.0},
    }
    _PRIZES = (("prize_crimea", "crimea"), ("prize_ukraine", "ukraine"), ("prize_nato", "nato_halt"))

    def build(self):
        self.fig.delaxes(self.axes)
        self.ax, self.bx = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        n = len(stake.COMPONENTS)
        colours = plots.PALETTE[:n]
        self.cbars = self.ax.barh(range(n), [0] * n, color=colours, edgecolor="black", linewidth=0.4)
        self.clabels = [self.ax.text(0, i, "", va="center", fontsize=7) for i in range(n)]
        self.ax.set_yticks(range(n), [_SHORT[c] for c in stake.COMPONENTS], fontsize=8)
        self.ax.set_ylim(n - 0.5, -0.5)
        self.ax.set_xlim(0, 0.3)
        self.ax.set_xticks([0, 0.1, 0.2, 0.3])
        self.ax.set_xlabel("contribution to v_R (label: score)", fontsize=8)
        self.ax.tick_params(axis="x", labelsize=8)
        self.ax.text(0, 1.03, "Parts of Russia's stake", transform=self.ax.transAxes, fontsize=9, weight="bold")
        names = ["Syria", "Crimea", "Ukraine", "NATO/EU"]
        self.pbars = self.bx.bar(range(4), [0] * 4, color=[_OI["vermillion"]] + [_OI["grey"]] * 3,
                                 edgecolor="black", linewidth=0.4)
        self.plabels = [self.bx.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(4)]
        self.vline = self.bx.axhline(0.5, color=_OI["vermillion"], ls="--", lw=1)
        self.bx.set_xticks(range(4), names, fontsize=7)
        self.bx.set_ylim(0, 1.12)
        self.bx.set_yticks([0, 0.25, 0.5, 0.75, 1])
        self.bx.set_ylabel("value to Russia (0-1)", fontsize=8)
        self.bx.tick_params(axis="y", labelsize=8)
        self.ptitle = self.bx.text(0, 1.03, "", transform=self.bx.transAxes, fontsize=9, weight="bold")
        self.fig.subplots_adjust(left=0.22, right=0.99, bottom=0.14, top=0.9, wspace=0.3)
        # what draw() changes, drawn over a cached background on live updates (see base.py)
        self._dynamic = [*self.cbars, *self.clabels, *self.pbars, *self.plabels, self.vline, self.ptitle]

    def compute(self, weighting, prize_crimea, prize_ukraine, prize_nato, **scores):
        result = stake.assess(weighting, **scores)
        prizes = {"crimea": prize_crimea, "ukraine": prize_ukraine, "nato_halt": prize_nato}
        bigger = {k: stake.bigger_than_syria(v, result.value) for k, v in prizes.items()}
        return {"val": result, "prizes": prizes, "bigger": bigger, "weighting": weighting}

    def draw(self, r):
        val = r["val"]
        for bar, label, c in zip(self.cbars, self.clabels, stake.COMPONENTS):
            x = val.contributions[c]
            bar.set_width(x)
            label.set_x(x + 0.005)
            label.set_text(f"{val.scores[c]:g}")
        heights = [val.value, *r["prizes"].values()]
        for i, (bar, label, h) in enumerate(zip(self.pbars, self.plabels, heights)):
            bar.set_height(h)
            label.set_y(h + 0.01)
            label.set_text(f"{h:.2f}")
            if i:
                key = list(r["prizes"])[i - 1]
                bar.set_color(_OI["bluish_green"] if r["bigger"][key] else _OI["grey"])
                bar.set_edgecolor("black")
        self.vline.set_ydata([val.value, val.value])
        k = sum(r["bigger"].values())
        self.ptitle.set_text(f"v_R = {val.value:.2f}; {k} of 3 prizes bigger")

    def _bigger_names(self, r, flag=True):
        return [stake.PRIZE_PHRASES[k] for k, b in r["bigger"].items() if b is flag]

    def verdict(self, r) -> str:
        v = r["val"].value
        big, small = self._bigger_names(r, True), self._bigger_names(r, False)
        head = f"Syria is worth v_R = {v:.2f} to Moscow (stylised, {r['weighting']} weighting). "
        if not big:
            return head + ("No prize the essay names is bigger than Syria: on these values no linked deal "
                           "could buy a Russian break with Assad.")
        tail = (f" The others ({', '.join(small)}) are too small." if small else
                " Every prize is bigger: Russia's side of a grand bargain is easy; the question becomes "
                "whether Washington would pay.")
        return head + f"Bigger than Syria: {', '.join(big)}." + tail

    def alt(self, r) -> str:
        val = r["val"]
        parts = "; ".join(f"{stake.COMPONENT_LABELS[c]} {val.contributions[c]:.3f}"
                          for c in stake.COMPONENTS)
        prizes = ", ".join(f"{stake.PRIZE_PHRASES[k]} {p:.2f}"
                           + (" (bigger)" if r["bigger"][k] else " (smaller)") for k, p in r["prizes"].items())
        return (f"Left, horizontal bars of each part's contribution to Russia's valuation of Syria with "
                f"{r['weighting']} weighting: {parts}. Right, bars comparing v_R = {val.value:.2f} with the "
                f"stylised prizes: {prizes}; prizes bigger than Syria are green.")

    # ------------------------------------------------------------------ saved for the leverage chapter
    def save(self) -> float:
        """Save the current v_R for the leverage chapter; return it."""
        v = self.result["val"].value
        choices.save_valuation(v)
        return v

    def widget(self):
        """The base widget, plus: every change saves v_R for the leverage chapter
        (:func:`syrialev.explorers.choices.save_valuation`), with a line saying what was saved.

        Only the live widget saves; ``update()`` (tests, the book's build) never writes. A test session
        that has not set ``SYRIALEV_STATE`` to a scratch file does not save either, so tests never
        overwrite a student's own choice.
        """
        import ipywidgets as w

        box = super().widget()
        note = w.HTML(self._saved_html(None))

        def on_change(change):
            try:
                note.value = self._saved_html(self.save())
            except (OSError, ValueError) as exc:  # an unwritable or corrupt state file
                note.value = self._verdict_html(f"Could not save the valuation: {exc}", error=True)

        for ctl in box.children:
            if hasattr(ctl, "_syrialev_name"):
                ctl.observe(on_change, names="value")  # runs after the base observer has updated
        box.children = (*box.children, note)
        return box

    def _saved_html(self, v) -> str:
        if v is None:
            try:
                saved = f"{choices.load_valuation():.2f}"
            except ValueError as exc:  # unreadable state file: say so rather than fail
                saved = f"unreadable ({exc})"
            text = (f"Move any control to save your valuation for the leverage chapter (now "
                    f"v_R = {self.result['val'].value:.2f}; saved so far: {saved}).")
        else:
            text = f"Saved for the leverage chapter: v_R = {v:.2f}."
        return f'<p style="font-size:0.95em;color:#444">{html.escape(text)}</p>'
