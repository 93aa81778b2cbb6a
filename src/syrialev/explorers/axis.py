"""Explorers of the Iran-Russia axis chapter: "Take an actor away" and "Veto players".

``take_actor_away`` removes pro-government actors from the network built from the ``actors`` and
``actor_relations`` tables and shows which links break and what happens to the coalition's summed
strength range (an order of magnitude: the estimates come from different years and sources).

``veto_players`` is Tsebelis's spatial model of veto players in one dimension (M5; Tsebelis 2002):
three veto players' win-sets on an axis from "Assad fully restored" (0) to "full transition" (1), and
whether any settlement lies inside all of them. Ideal points and the status quo are stylised.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import data, plots
from ..chapters import axis as chapter
from ..models import winsets
from .explorer import Explorer, register
from .params import Param

C = plots.OKABE_ITO

_LABELS = {
    "irgc_quds_force": "IRGC / Quds Force",
    "hezbollah": "Hezbollah",
    "fatemiyoun": "Fatemiyoun (Afghan)",
    "zainabiyoun": "Zainabiyoun (Pakistani)",
    "iraqi_shia_militias": "Iraqi Shia militias",
    "ndf": "National Defence Forces",
    "russian_forces": "Russian forces",
    "russian_pmc_wagner": "Wagner Group",
}
#: Positions and short labels for the explorer's small network panel (pro-government actors).
_PANEL = {
    "iran": ((0.2, 3.9), "Iran (state)"),
    "iran_regular_army": ((0.0, 2.75), "Iranian Army"),
    "irgc_quds_force": ((1.7, 3.3), "IRGC"),
    "russian_forces": ((4.7, 3.9), "Russian forces"),
    "hezbollah": ((0.1, 1.55), "Hezbollah"),
    "zainabiyoun": ((1.35, 2.2), "Zainabiyoun"),
    "fatemiyoun": ((2.65, 2.45), "Fatemiyoun"),
    "iraqi_shia_militias": ((0.55, 0.45), "Iraqi militias"),
    "ndf": ((3.5, 1.45), "NDF"),
    "russian_pmc_wagner": ((5.3, 2.3), "Wagner"),
    "liwa_al_quds": ((2.0, -0.05), "Liwa al-Quds"),
    "syrian_arab_army": ((4.3, 0.15), "Syrian Arab Army"),
}
_RANK = {"command": 0, "support": 1, "alongside": 2, "coordinates": 3, "opposes": 4}


def _name(actor_id: str) -> str:
    return _LABELS.get(actor_id) or chapter.SHORT.get(actor_id, actor_id).replace("\n", " ")


def _join(names) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@register
class TakeActorAway(Explorer):
    """Remove pro-government actors; see broken links and the coalition's summed strength."""

    name = "take_actor_away"
    title = "Take an actor away: what holds Assad's coalition together?"
    size = (plots.WIDTH, 3.7)
    params = tuple(
        Param(f"remove_{a}", f"Remove {_LABELS[a]}", False, kind="bool",
              doc=(f"Take {_LABELS[a]} out of the coalition: its strength range leaves the sum "
                   f"and every recorded relation to or from it breaks."))
        for a in chapter.REMOVABLE
    )
    #: In the built book: the hub, the largest foreign contingent, Russia and the NDF.
    explore = {"remove_irgc_quds_force": None, "remove_hezbollah": None, "remove_russian_forces": None,
               "remove_ndf": None}
    scenarios = {
        "Iran's foreign fighters withdraw (IRGC, Hezbollah, Afghan, Pakistani and Iraqi units)": {
            "remove_irgc_quds_force": True, "remove_hezbollah": True, "remove_fatemiyoun": True,
            "remove_zainabiyoun": True, "remove_iraqi_shia_militias": True},
        "Only the IRGC command layer is removed": {"remove_irgc_quds_force": True},
        "Russia withdraws (its forces and Wagner)": {
            "remove_russian_forces": True, "remove_russian_pmc_wagner": True},
        "The NDF militias dissolve": {"remove_ndf": True},
    }

    # ------------------------------------------------------------------ build once
    def build(self):
        self.actors = data.load("actors")
        self.relations = data.load("actor_relations")
        self.graph = chapter.build_graph(self.actors, self.relations)
        pro = [n for n in self.graph if self.graph.nodes[n]["side"] == "pro_government"]
        self.nodes = pro
        pos = chapter.layout(self.graph)
        # the panel's own positions where known; the full layout (rescaled) for any new actor
        self.pos = {n: np.array(_PANEL[n][0]) if n in _PANEL else pos[n] * 0.6 for n in pro}
        self.full = chapter.coalition_strength(self.actors, graph=self.graph)
        fig = self.fig
        fig.delaxes(self.axes)
        self.ax_net, self.ax_bar = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.25]})
        ax = self.ax_net
        ax.axis("off")
        xs = np.array([p[0] for p in self.pos.values()])
        ys = np.array([p[1] for p in self.pos.values()])
        ax.set_xlim(xs.min() - 0.8, xs.max() + 0.6)
        ax.set_ylim(ys.min() - 0.5, ys.max() + 0.3)
        # one segment per pair of pro-government actors, styled by its strongest relation
        pairs = {}
        for u, v, d in self.graph.edges(data=True):
            if u in self.pos and v in self.pos:
                key = tuple(sorted((u, v)))
                if key not in pairs or _RANK[d["kind"]] < _RANK[pairs[key]]:
                    pairs[key] = d["kind"]
        self.pairs = list(pairs.items())
        segs = [[self.pos[u], self.pos[v]] for (u, v), _ in self.pairs]
        self.base_colours = [chapter.RELATION_CLASSES[k][1] for _, k in self.pairs]
        self.base_widths = [chapter.RELATION_CLASSES[k][3] for _, k in self.pairs]
        self.edges = LineCollection(segs, colors=self.base_colours, linewidths=self.base_widths,
                                    zorder=1)
        ax.add_collection(self.edges)
        pts = np.array([self.pos[n] for n in self.nodes])
        self.node_art = ax.scatter(pts[:, 0], pts[:, 1], s=70, c=[C["sky_blue"]] * len(pts),
                                   edgecolors="black", linewidths=0.8, zorder=3)
        self.cross = ax.scatter([], [], marker="x", s=70, c=C["vermillion"], linewidths=2.2,
                                zorder=4)
        self.labels = {}
        for n in self.nodes:
            x, y = self.pos[n]
            label = _PANEL[n][1] if n in _PANEL else _name(n)
            self.labels[n] = ax.text(x, y - 0.2, label, ha="center", va="top", fontsize=7,
                                     zorder=5)
        self.net_note = ax.text(0.0, 1.02, "", transform=ax.transAxes, fontsize=8.5,
                                fontweight="bold", va="bottom")
        handles = [
            Line2D([], [], color=C["black"], lw=1.6, label="commands"),
            Line2D([], [], color=C["orange"], lw=1.2, label="funds/trains/arms"),
            Line2D([], [], color=C["bluish_green"], lw=1.2, label="fights alongside"),
            Line2D([], [], color=C["blue"], lw=1.2, label="coordinates"),
            Line2D([], [], color=C["vermillion"], lw=1.4, ls=(0, (2, 1.5)), label="link broken"),
            Line2D([], [], marker="o", ls="none", mfc="white", mec=C["orange"], mew=2.2,
                   label="lost every sponsor"),
        ]
        net_handles = handles
        # stacked bars: row 1 = low bounds summed, row 0 = high bounds summed
        bx = self.ax_bar
        self.stack = [a for _, _, members in chapter.GROUPS for a in members
                      if a in set(chapter.with_strength(self.actors)["actor_id"])]
        colour_of = {a: col for _, col, members in chapter.GROUPS for a in members}
        self.rects = {}
        for row in (0, 1):
            for a in self.stack:
                (rect,) = bx.barh(row, 0.0, left=0.0, height=0.55, color=colour_of[a],
                                  edgecolor="white", linewidth=0.6, zorder=2)
                self.rects[(row, a)] = rect
        self.totals = {row: bx.text(0, row, "", va="center", fontsize=8) for row in (0, 1)}
        for row, full in ((1, self.full.full_low), (0, self.full.full_high)):
            bx.plot([full, full], [row - 0.38, row + 0.38], color="black", lw=1.2,
                    ls=(0, (2, 1)), zorder=3)
        bx.set_yticks([1, 0], ["low estimates\nsummed", "high estimates\nsummed"], fontsize=8)
        bx.set_xlim(0, self.full.full_high * 1.36)
        bx.set_ylim(-0.75, 1.55)
        bx.set_xticks([0, 100_000, 200_000, 300_000])
        bx.xaxis.set_major_formatter(plt_formatter())
        bx.tick_params(axis="x", labelsize=7.5)
        bx.set_xlabel("Personnel in Syria (dashed tick: before removal)", fontsize=8)
        group_handles = [Patch(color=col, label=lab) for lab, col, _ in chapter.GROUPS]
        group_handles.append(Patch(facecolor="white", edgecolor="black", hatch="////",
                                   label="lost every sponsor"))
        # Legends and the caveat never change: render them once to an image (updates then draw
        # no legend text, which is most of the cost of a frame).
        caveat = (f"Sums mix estimates from {self.full.years[0]}-{self.full.years[-1]}, "
                  "different sources and counting rules: an order of magnitude, not an estimate.")
        _static_legends(self.fig, net_handles, group_handles, caveat)
        self.fig.subplots_adjust(left=0.01, right=0.98, top=0.9, bottom=0.35, wspace=0.3)
        # Performance: estimates by actor are looked up at every redraw, and the model's result
        # depends only on which actors are removed (memoised per set of removals).
        self._estimates = chapter.with_strength(self.actors).set_index("actor_id")
        self._results = {}
        # What updates change, drawn over a cached picture of the rest (see Explorer.render_png).
        # A removed actor's label is greyed by a white veil (alpha 0.6 over black gives the palette's
        # grey, #999999): a patch costs far less to draw at each update than re-rendering text.
        self.veils = self._label_veils()
        self._dynamic = [self.edges, self.node_art, self.cross, self.net_note, *self.veils.values(),
                         *self.rects.values(), *self.totals.values()]
        # The network panel has no axis: its spines and background are never drawn, so matplotlib
        # would keep them "stale" for ever and force a full redraw at every update.
        for artist in (*self.ax_net.spines.values(), self.ax_net.patch):
            artist.stale = False

    def _label_veils(self) -> dict:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.patches import Rectangle

        renderer = FigureCanvasAgg(self.fig).get_renderer()
        to_data = self.ax_net.transData.inverted()
        veils = {}
        for n, label in self.labels.items():
            (x0, y0), (x1, y1) = to_data.transform(label.get_window_extent(renderer).expanded(1.04, 1.1))
            veils[n] = Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="white", edgecolor="none",
                                 alpha=0.6, zorder=6, visible=False)
            self.ax_net.add_patch(veils[n])
        return veils

    # ------------------------------------------------------------------ model
    def compute(self, **values):
        removed = tuple(a for a in chapter.REMOVABLE if values[f"remove_{a}"])
        if removed not in self._results:
            self._results[removed] = chapter.coalition_strength(self.actors, removed=removed,
                                                                graph=self.graph)
        return self._results[removed]

    # ------------------------------------------------------------------ redraw in place
    def draw(self, r):
        removed, orph = set(r.removed), set(r.orphans)
        colours, styles, widths = [], [], []
        for ((u, v), _), col, w in zip(self.pairs, self.base_colours, self.base_widths):
            broken = u in removed or v in removed
            colours.append(C["vermillion"] if broken else col)
            styles.append((0, (2, 1.5)) if broken else "solid")
            widths.append(1.4 if broken else w)
        self.edges.set_color(colours)
        self.edges.set_linestyle(styles)
        self.edges.set_linewidth(widths)
        faces, edges, lws = [], [], []
        for n in self.nodes:
            faces.append("white" if n in removed else C["sky_blue"])
            edges.append(C["orange"] if n in orph else (C["grey"] if n in removed else "black"))
            lws.append(2.6 if n in orph else 0.8)
            self.veils[n].set_visible(n in removed)
        self.node_art.set_facecolors(faces)
        self.node_art.set_edgecolors(edges)
        self.node_art.set_linewidths(lws)
        pts = [self.pos[n] for n in self.nodes if n in removed]
        self.cross.set_offsets(np.array(pts) if pts else np.empty((0, 2)))
        n_broken = len(r.broken)
        self.net_note.set_text(f"{len(removed)} actor(s) removed, {n_broken} of "
                               f"{self.graph.number_of_edges()} recorded links broken")
        est = self._estimates
        for row, col in ((1, "strength_low"), (0, "strength_high")):
            left = 0.0
            for a in self.stack:
                rect = self.rects[(row, a)]
                width = 0.0 if a in removed else float(est.loc[a, col])
                rect.set_x(left)
                rect.set_width(width)
                rect.set_hatch("////" if a in orph else None)
                left += width
            total = r.low if row == 1 else r.high
            share = r.share_low if row == 1 else r.share_high
            full = self.full.full_low if row == 1 else self.full.full_high
            self.totals[row].set_position((max(left, full) + self.full.full_high * 0.025, row))
            self.totals[row].set_text(f"{chapter.fmt(total)}\n({share:.0%} of full)")

    # ------------------------------------------------------------------ words
    def _full_range(self):
        return f"{chapter.fmt(self.full.full_low)}-{chapter.fmt(self.full.full_high)}"

    def verdict(self, r) -> str:
        span = f"{r.years[0]} to {r.years[-1]}" if r.years else "no years"
        caveat = f"(estimates from {span}: an order of magnitude, not an estimate)"
        if not r.removed:
            return (f"Nothing removed: the pro-government actors with sourced estimates sum to "
                    f"{self._full_range()} personnel {caveat}; all "
                    f"{self.graph.number_of_edges()} recorded links stand.")
        lost_lo, lost_hi = self.full.full_low - r.low, self.full.full_high - r.high
        text = (f"Removing {_join(_name(a) for a in r.removed)} takes away "
                f"{chapter.fmt(lost_lo)}-{chapter.fmt(lost_hi)} of the summed "
                f"{self._full_range()}, leaving {chapter.fmt(r.low)}-{chapter.fmt(r.high)} "
                f"({r.share_low:.0%} and {r.share_high:.0%} of the full low and high sums) {caveat}; {len(r.broken)} recorded "
                f"links break.")
        if r.orphans:
            text += (f" Left without any listed sponsor: {_join(_name(a) for a in r.orphans)} "
                     f"({chapter.fmt(r.orphan_low)}-{chapter.fmt(r.orphan_high)} more at risk if "
                     f"they could not fight on alone).")
        if {"russian_forces"} & set(r.removed):
            text += " Head counts miss what Russia mainly supplied: air power."
        return text

    def alt(self, r) -> str:
        removed = (f"{_join(_name(a) for a in r.removed)} removed (crossed out)" if r.removed
                   else "nothing removed")
        groups = []
        for label, _, members in chapter.GROUPS:
            est = chapter.with_strength(self.actors)
            keep = est[est["actor_id"].isin(members) & ~est["actor_id"].isin(r.removed)]
            groups.append(f"{label} {chapter.fmt(keep['strength_low'].sum())}-"
                          f"{chapter.fmt(keep['strength_high'].sum())}")
        orph = (f"; ringed and hatched as having lost every listed sponsor: "
                f"{_join(_name(a) for a in r.orphans)}") if r.orphans else ""
        return (f"Two panels. Left: network of the {len(self.nodes)} pro-government actors with "
                f"{removed} and {len(r.broken)} recorded links broken (shown dashed){orph}. Right: stacked bars of the remaining summed low and high "
                f"strength estimates, {chapter.fmt(r.low)} and {chapter.fmt(r.high)} personnel "
                f"against {self._full_range()} before removal, by group: " + "; ".join(groups)
                + ". The sums mix estimates from different years and sources: an order of "
                "magnitude, not an estimate.")


def _static_legends(fig, left_handles, right_handles, caveat):
    """Draw two legends and a caveat on a scratch figure once; paste the pixels into ``fig``.

    They never change, so each update then draws no legend text (most of a frame's cost).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    width_px = int(round(fig.get_figwidth() * fig.dpi))
    scratch = MplFigure(figsize=(fig.get_figwidth(), 0.78), dpi=fig.dpi)
    scratch.patch.set_alpha(0.0)
    scratch.legend(handles=left_handles, loc="upper left", bbox_to_anchor=(0.0, 1.02), ncol=3,
                   fontsize=6.5, handlelength=1.6, columnspacing=0.8)
    scratch.legend(handles=right_handles, loc="upper left", bbox_to_anchor=(0.47, 1.02),
                   ncol=3, fontsize=6.5, handlelength=1.4, columnspacing=0.8)
    scratch.text(0.5, 0.03, caveat, ha="center", va="bottom", fontsize=7, color="#333333")
    canvas = FigureCanvasAgg(scratch)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[:, :width_px].copy()
    fig.figimage(pixels, xo=0, yo=0, origin="upper", zorder=0)


def plt_formatter():
    """Tick labels as thousands ('50,000'), short enough for a half-width panel."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f"{int(v / 1000)}k" if v else "0")


VETO_PLAYERS = ("Washington", "Moscow", "Tehran")


@register
class VetoPlayers(Explorer):
    """Veto players' win-sets on one axis (Tsebelis): is there a settlement every one accepts?"""

    name = "veto_players"
    title = "Veto players: is there a settlement all three would accept?"
    size = (plots.WIDTH, 3.5)
    params = (
        Param("washington", "Washington's ideal point", 0.75, 0.0, 1.0, 0.01,
              unit="on the 0-1 axis",
              doc="Stylised ideal outcome of the U.S. public and Congress (who must accept a deal "
                  "at home): 0 = Assad fully restored, 1 = full transition."),
        Param("moscow", "Moscow's ideal point", 0.2, 0.0, 1.0, 0.01, unit="on the 0-1 axis",
              doc="Stylised ideal outcome of the Kremlin on the same axis."),
        Param("tehran", "Tehran's ideal point", 0.05, 0.0, 1.0, 0.01, unit="on the 0-1 axis",
              doc="Stylised ideal outcome of Iran's leadership, whose Iran-led ground forces "
                  "Russia's air campaign depends on."),
        Param("status_quo", "Status quo", 0.35, 0.0, 1.0, 0.01, unit="on the 0-1 axis",
              doc="What happens without a deal: the war's current trajectory, placed on the "
                  "same axis (stylised)."),
    )
    #: In the built book: a deal needs both Moscow and Tehran to move.
    explore = {"moscow": (0.0, 0.2, 0.35, 0.5, 0.65, 0.8), "tehran": (0.05, 0.2, 0.35, 0.45, 0.6)}
    scenarios = {
        "Moscow moves toward a managed transition, Tehran does not": {"moscow": 0.5},
        "Moscow and Tehran both accept some transition": {"moscow": 0.5, "tehran": 0.45},
        "Washington's public would settle for less than the status quo": {"washington": 0.3},
        "Assad has all but won (status quo near 0)": {"status_quo": 0.02},
    }

    def build(self):
        ax = self.axes
        self.rows = {p: 3 - i for i, p in enumerate(VETO_PLAYERS)}
        colours = {"Washington": C["blue"], "Moscow": C["reddish_purple"],
                   "Tehran": C["bluish_green"]}
        self.bars, self.ideal_art, self.row_text = {}, {}, {}
        for p, y in self.rows.items():
            (self.bars[p],) = ax.barh(y, 0.0, left=0.0, height=0.5, color=colours[p], alpha=0.55,
                                      edgecolor=colours[p], linewidth=1.2, zorder=2)
            (self.ideal_art[p],) = ax.plot([0], [y], marker="D", markersize=8, color=colours[p],
                                           markeredgecolor="black", linestyle="none", zorder=4)
            self.row_text[p] = ax.text(1.03, y, "", va="center", fontsize=7.5)
        (self.common,) = ax.barh(0, 0.0, left=0.0, height=0.5, color=C["orange"],
                                 edgecolor="black", linewidth=1.0, zorder=2)
        (self.only_q,) = ax.plot([0], [0], marker="x", markersize=11, mew=2.6,
                                 color=C["vermillion"], linestyle="none", zorder=5)
        self.common_text = ax.text(1.03, 0, "", va="center", fontsize=7.5)
        self.q_line = ax.axvline(0.0, color="black", linestyle=(0, (4, 2)), linewidth=1.2,
                                 zorder=3)
        self.q_label = ax.text(0.0, 3.62, "", ha="center", va="bottom", fontsize=8)
        ax.set_yticks([3, 2, 1, 0], ["Washington", "Moscow", "Tehran", "All three\n(common)"],
                      fontsize=8.5)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.55, 3.95)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0],
                      ["0\nAssad fully\nrestored", "0.25", "0.5", "0.75", "1\nfull\ntransition"],
                      fontsize=8)
        ax.spines["left"].set_visible(False)
        handles = [Line2D([], [], marker="D", ls="none", color="grey", mec="black",
                          label="ideal point"),
                   Patch(color="grey", alpha=0.55, label="win-set (accepted over status quo)"),
                   Line2D([], [], color="black", ls=(0, (4, 2)), label="status quo"),
                   Line2D([], [], marker="x", ls="none", color=C["vermillion"], mew=2.4,
                          label="no deal: only the status quo")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.3), ncol=4,
                  fontsize=7.5)
        self.fig.subplots_adjust(left=0.13, right=0.8, top=0.9, bottom=0.34)
        # what draw() changes, drawn over a cached background on live updates (see base.py)
        self._dynamic = [*self.bars.values(), *self.ideal_art.values(), *self.row_text.values(),
                         self.common, self.only_q, self.common_text, self.q_line, self.q_label]

    def compute(self, **v):
        ideals = {p: v[p.lower()] for p in VETO_PLAYERS}
        q = v["status_quo"]
        return {
            "ideals": ideals, "q": q,
            "sets": {p: winsets.win_set(r, q) for p, r in ideals.items()},
            "common": winsets.common_settlements(ideals, q),
            "deal": winsets.deal_exists(ideals, q),
            "binding": winsets.binding_players(ideals, q),
            "sides": winsets.sides(ideals, q),
        }

    def draw(self, r):
        for p, (lo, hi) in r["sets"].items():
            self.bars[p].set_x(lo)
            self.bars[p].set_width(hi - lo)
            self.ideal_art[p].set_data([r["ideals"][p]], [self.rows[p]])
            self.row_text[p].set_text(f"ideal {r['ideals'][p]:.2f}\naccepts {lo:.2f}-{hi:.2f}")
        lo, hi = r["common"]
        self.common.set_x(lo)
        self.common.set_width(hi - lo)
        self.only_q.set_data([r["q"]], [0])
        self.only_q.set_visible(not r["deal"])
        self.common_text.set_text(f"deal zone\n{lo:.2f}-{hi:.2f}" if r["deal"] else
                                  "no deal:\nonly the status quo")
        self.q_line.set_xdata([r["q"], r["q"]])
        self.q_label.set_x(min(max(r["q"], 0.06), 0.94))
        self.q_label.set_text(f"status quo {r['q']:.2f}")

    def verdict(self, r) -> str:
        q = r["q"]
        lo, hi = r["common"]
        if r["deal"]:
            direction = "toward transition" if hi > q else "toward restoring Assad"
            return (f"A deal exists: every outcome from {lo:.2f} to {hi:.2f} (moving {direction} "
                    f"from the status quo at {q:.2f}) lies inside all three win-sets; its limit "
                    f"is set by {_join(r['binding'])} (the narrowest win-set on that side of the "
                    f"status quo).")
        s = r["sides"]
        if s["content"]:
            return (f"No deal: {_join(s['content'])} sits exactly at the status quo ({q:.2f}) and "
                    f"would veto any change.")
        return (f"No deal: {_join(s['toward_1'])} would move toward transition and "
                f"{_join(s['toward_0'])} toward restoring Assad, so the only point inside every "
                f"win-set is the status quo itself ({q:.2f}).")

    def alt(self, r) -> str:
        parts = [f"{p}'s win-set (ideal point {r['ideals'][p]:.2f}) runs from "
                 f"{r['sets'][p][0]:.2f} to {r['sets'][p][1]:.2f}" for p in VETO_PLAYERS]
        lo, hi = r["common"]
        common = (f"the three overlap from {lo:.2f} to {hi:.2f}, a zone of possible deals"
                  if r["deal"] else "they share only the status quo, marked with a cross: no deal")
        return ("Number line from 0 (Assad fully restored) to 1 (full transition) with the "
                f"status quo at {r['q']:.2f} as a dashed vertical line. " + "; ".join(parts)
                + f"; {common}.")
