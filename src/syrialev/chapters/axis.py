"""The armed actors of Syria's war as a network, and the arithmetic of the pro-government coalition.

The graph is built from two validated tables: ``actors`` (one node per actor, with its side,
sponsors and estimated strength in Syria as an attributed low/high range) and ``actor_relations``
(one directed edge per relation: commands, funds, trains, arms, fights alongside, coordinates
with, opposes). Nothing is typed in by hand except the positions that make the drawing readable
and the short labels; an actor added to the tables is placed by networkx's spring layout.

**Caveat on sums.** The strength estimates come from different years (2014 to 2017), different
counting conventions (men in Syria at one time versus all who ever served; total versus
deployable) and sometimes from interested parties. A sum of such ranges is a rough order of
magnitude, not an estimate. Every function that sums them returns the years it mixes, and the
book says so wherever a sum is shown.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import FuncFormatter

from .. import data, plots

__all__ = [
    "RELATION_CLASSES", "RELATION_CLASS", "SIDE_COLOURS", "SIDE_LABELS", "SHORT", "ANCHORS",
    "REMOVABLE", "GROUPS", "build_graph", "layout", "draw_network", "network_alt",
    "with_strength", "CoalitionStrength", "coalition_strength", "broken_links", "orphans",
    "share_range", "sum_caveat", "draw_strengths", "strengths_alt", "strength_table_markdown",
    "fmt", "coalition_summary_markdown",
]

C = plots.OKABE_ITO

#: Relations grouped into five drawn classes: (legend label, colour, line style, width, arrow?).
RELATION_CLASSES = {
    "command": ("commands", C["black"], "solid", 1.8, True),
    "support": ("funds, trains or arms", C["orange"], "solid", 1.2, True),
    "alongside": ("fights alongside", C["bluish_green"], "solid", 1.2, False),
    "coordinates": ("coordinates with", C["blue"], (0, (1, 1.5)), 1.4, False),
    "opposes": ("opposes (fights)", C["grey"], (0, (4, 2)), 1.0, False),
}
RELATION_CLASS = {
    "commands": "command", "funds": "support", "trains": "support", "arms": "support",
    "fights_alongside": "alongside", "coordinates_with": "coordinates", "opposes": "opposes",
}
#: Node fill colour by side (Okabe-Ito); node outline is black for all.
SIDE_COLOURS = {
    "pro_government": C["sky_blue"],
    "opposition": C["yellow"],
    "jihadist": C["vermillion"],
    "kurdish_led": C["bluish_green"],
    "external_adversary": C["reddish_purple"],
}
SIDE_LABELS = {
    "pro_government": "pro-government",
    "opposition": "armed opposition",
    "jihadist": "jihadist",
    "kurdish_led": "Kurdish-led",
    "external_adversary": "U.S.-led coalition, Turkey",
}
#: Short labels for the drawing (full names are in the table).
SHORT = {
    "irgc_quds_force": "IRGC / Quds Force",
    "iran": "Iran (state)",
    "iran_regular_army": "Iranian Army",
    "hezbollah": "Hezbollah",
    "fatemiyoun": "Fatemiyoun\n(Afghan)",
    "zainabiyoun": "Zainabiyoun\n(Pakistani)",
    "iraqi_shia_militias": "Iraqi Shia\nmilitias",
    "ndf": "National Defence\nForces",
    "syrian_arab_army": "Syrian Arab Army",
    "russian_forces": "Russian forces",
    "russian_pmc_wagner": "Wagner",
    "liwa_al_quds": "Liwa al-Quds",
    "us_led_coalition": "U.S.-led coalition",
    "turkey": "Turkey",
    "sdf": "SDF",
    "syrian_opposition_armed": "Armed opposition",
    "hts_nusra": "Nusra / HTS",
    "islamic_state": "Islamic State",
}
#: Hand-tuned positions (x in [0, 10], y in [0, 6]): pro-government actors on the left, with
#: Iran's network in the west and Russia's in the centre; adversaries on the right.
ANCHORS = {
    "iran": (0.9, 5.6),
    "irgc_quds_force": (2.3, 4.55),
    "iran_regular_army": (0.35, 4.3),
    "hezbollah": (0.3, 2.85),
    "fatemiyoun": (1.75, 2.3),
    "zainabiyoun": (1.2, 3.75),
    "iraqi_shia_militias": (0.45, 1.2),
    "ndf": (3.85, 2.05),
    "liwa_al_quds": (1.9, 0.35),
    "syrian_arab_army": (4.0, 0.55),
    "russian_forces": (5.0, 5.0),
    "russian_pmc_wagner": (5.6, 2.75),
    "turkey": (7.3, 5.6),
    "us_led_coalition": (9.3, 4.8),
    "syrian_opposition_armed": (7.0, 2.9),
    "sdf": (9.5, 2.6),
    "hts_nusra": (6.3, 0.45),
    "islamic_state": (8.7, 0.6),
}
#: Pro-government actors that the "take an actor away" explorer can remove.
REMOVABLE = (
    "irgc_quds_force", "hezbollah", "fatemiyoun", "zainabiyoun", "iraqi_shia_militias", "ndf",
    "russian_forces", "russian_pmc_wagner",
)
#: Groups of the pro-government coalition for the stacked bars: (label, colour, members).
GROUPS = (
    ("Syrian Arab Army", C["blue"], ("syrian_arab_army",)),
    ("Syrian militias (NDF)", C["sky_blue"], ("ndf",)),
    ("Iran-led foreign forces", C["bluish_green"],
     ("irgc_quds_force", "hezbollah", "fatemiyoun", "zainabiyoun", "iraqi_shia_militias")),
    ("Russian forces and Wagner", C["reddish_purple"], ("russian_forces", "russian_pmc_wagner")),
)


def fmt(n: float) -> str:
    """A head-count with a thousands separator: 197400 -> '197,400'."""
    return f"{int(round(n)):,}"


def _split(cell) -> list[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)) or pd.isna(cell):
        return []
    return [p.strip() for p in str(cell).split(";") if p.strip()]


# --------------------------------------------------------------------------- the graph


def build_graph(actors: pd.DataFrame | None = None,
                relations: pd.DataFrame | None = None) -> nx.MultiDiGraph:
    """A directed multigraph: one node per actor, one edge per relation (parallel edges allowed).

    Node attributes are the actor's columns (``sponsor`` as a list); edge attributes are
    ``relation``, ``kind`` (the drawn class of :data:`RELATION_CLASS`), ``period``, ``source``,
    ``confidence`` and ``notes``. Raises ValueError if a relation names an unknown actor.
    """
    actors = data.load("actors") if actors is None else actors
    relations = data.load("actor_relations") if relations is None else relations
    g = nx.MultiDiGraph()
    for row in actors.to_dict("records"):
        attrs = {k: (None if (not isinstance(v, (list, tuple)) and pd.isna(v)) else v)
                 for k, v in row.items()}
        attrs["sponsor"] = _split(row.get("sponsor"))
        g.add_node(row["actor_id"], **attrs)
    for row in relations.to_dict("records"):
        u, v = row["from_actor"], row["to_actor"]
        for end in (u, v):
            if end not in g:
                raise ValueError(f"relation {u} -{row['relation']}-> {v} names unknown actor {end!r}")
        g.add_edge(u, v, key=row["relation"], relation=row["relation"],
                   kind=RELATION_CLASS[row["relation"]], period=row.get("period"),
                   source=row.get("source"), confidence=row.get("confidence"),
                   notes=row.get("notes"))
    return g


def layout(g: nx.Graph, seed: int = 7) -> dict[str, np.ndarray]:
    """Positions: :data:`ANCHORS` for the known actors, spring layout for any others.

    Known actors are fixed so that the drawing stays readable and stable between builds; an actor
    added to the data is placed by networkx's force-directed layout among them.
    """
    fixed = [n for n in g if n in ANCHORS]
    init = {n: np.array(ANCHORS[n], dtype=float) for n in fixed}
    if len(fixed) == len(g):
        return init
    simple = nx.Graph(g.to_undirected()) if g.is_multigraph() else g.to_undirected()
    if not fixed:
        return nx.spring_layout(simple, seed=seed, scale=3.0, center=(5.0, 3.0))
    return nx.spring_layout(simple, pos=init, fixed=fixed, seed=seed, k=1.2)


def _node_size(attrs) -> float:
    """Marker area (points^2) growing with the log of the high estimate; a small fixed size without one."""
    high = attrs.get("strength_high")
    if high is None or pd.isna(high):
        return 140.0
    return 90.0 + 90.0 * max(0.0, np.log10(float(high)) - 2.0) ** 1.6


@plots.styled()
def draw_network(g: nx.MultiDiGraph | None = None, pos: dict | None = None):
    """Draw the whole network at book width; returns the matplotlib figure.

    Node colour = side; node size grows with the high strength estimate (log scale; grey ring =
    no sourced estimate); edge colour and line style = kind of relation (colour and dash both
    encode it, so the figure survives greyscale printing and colour blindness). Parallel
    relations between the same pair of actors are drawn as separate arcs.
    """
    g = build_graph() if g is None else g
    pos = layout(g) if pos is None else pos
    fig, ax = plots.new_figure(height=6.4, width=plots.WIDTH)
    ax.set_xlim(-0.7, 10.3)
    ax.set_ylim(-0.45, 6.2)
    ax.axis("off")
    # edges: one arc per (pair, drawn class), bent apart when a pair has several classes
    pairs: dict[tuple, list[str]] = {}
    for u, v, d in g.edges(data=True):
        kinds = pairs.setdefault((u, v), [])
        if d["kind"] not in kinds:
            kinds.append(d["kind"])
    sizes = {n: _node_size(g.nodes[n]) for n in g}
    for (u, v), kinds in pairs.items():
        for i, kind in enumerate(kinds):
            _, colour, style, width, arrow = RELATION_CLASSES[kind]
            rad = 0.0 if len(kinds) == 1 else 0.28 * (i - (len(kinds) - 1) / 2)
            ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], arrowstyle="-|>" if arrow else "-", mutation_scale=11,
                color=colour, linestyle=style, linewidth=width, zorder=1,
                connectionstyle=f"arc3,rad={rad + 0.06:.3f}",
                shrinkA=np.sqrt(sizes[u]) / 2 + 1, shrinkB=np.sqrt(sizes[v]) / 2 + 2))
    for n in g:
        attrs = g.nodes[n]
        has = attrs.get("strength_high") is not None and not pd.isna(attrs.get("strength_high"))
        ax.scatter(*pos[n], s=sizes[n], color=SIDE_COLOURS.get(attrs["side"], C["grey"]),
                   edgecolor="black" if has else C["grey"], linewidth=1.0 if has else 2.2,
                   linestyle="solid" if has else (0, (2, 1)), zorder=3)
        label = SHORT.get(n) or "\n".join(textwrap.wrap(str(attrs["name"]), 18))
        dy = -(np.sqrt(sizes[n]) / 2 + 3)
        ax.annotate(label, pos[n], xytext=(0, dy), textcoords="offset points", ha="center",
                    va="top", fontsize=8, zorder=4,
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none",
                              alpha=0.8))
    rel_handles = [Line2D([], [], color=c, linestyle=s, linewidth=w + 0.4, label=lab)
                   for lab, c, s, w, _ in RELATION_CLASSES.values()]
    side_handles = [Line2D([], [], marker="o", linestyle="none", markersize=8,
                           markerfacecolor=SIDE_COLOURS[s], markeredgecolor="black", label=lab)
                    for s, lab in SIDE_LABELS.items() if any(g.nodes[n]["side"] == s for n in g)]
    side_handles.append(Line2D([], [], marker="o", linestyle="none", markersize=8,
                               markerfacecolor="white", markeredgecolor=C["grey"],
                               markeredgewidth=2, label="no sourced strength"))
    leg1 = ax.legend(handles=rel_handles, title="Relation (arrow: from -> to)", loc="upper left",
                     bbox_to_anchor=(0.0, -0.01), ncol=3, fontsize=8, title_fontsize=8)
    ax.add_artist(leg1)
    ax.legend(handles=side_handles, title="Side (size: high strength estimate, log scale)",
              loc="upper right", bbox_to_anchor=(1.0, -0.01), ncol=2, fontsize=8,
              title_fontsize=8)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.17)
    return fig


def network_alt(g: nx.MultiDiGraph | None = None) -> str:
    """Alt text for :func:`draw_network`: what the figure shows, with counts from the data."""
    g = build_graph() if g is None else g
    counts = pd.Series([d["relation"] for _, _, d in g.edges(data=True)]).value_counts()
    by_rel = ", ".join(f"{n} {r.replace('_', ' ')}" for r, n in counts.items())
    pro = [n for n in g if g.nodes[n]["side"] == "pro_government"]
    irgc_out = sorted({v for _, v, d in g.out_edges("irgc_quds_force", data=True)
                       if d["relation"] == "commands"}) if "irgc_quds_force" in g else []
    names = [SHORT.get(n, n).replace("\n", " ") for n in irgc_out]
    commanded = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + (names[-1] if names else "")
    return (f"Network diagram of {g.number_of_nodes()} armed actors in Syria's war and "
            f"{g.number_of_edges()} sourced relations between them ({by_rel}). The "
            f"{len(pro)} pro-government actors sit on the left: the IRGC and Quds Force at the "
            f"hub of Iran's network, with command arrows to {commanded} and support arrows to "
            f"Hezbollah and the National Defence Forces; Russian forces, in the centre, "
            f"coordinate with the IRGC and Iran and fight alongside the Syrian Arab Army. "
            f"Opposition, jihadist and Kurdish-led forces and the U.S.-led coalition and Turkey "
            f"are on the right, linked to the pro-government side mostly by dashed 'opposes' "
            f"lines; Turkey's dotted 'coordinates with' lines to Russia and Iran are the Astana "
            f"process of 2017.")


# --------------------------------------------------------------------------- strengths


def with_strength(actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """The actors that have a sourced low and high estimate, as plain integers."""
    actors = data.load("actors") if actors is None else actors
    out = actors.dropna(subset=["strength_low", "strength_high"]).copy()
    out["strength_low"] = out["strength_low"].astype(int)
    out["strength_high"] = out["strength_high"].astype(int)
    out["strength_year"] = out["strength_year"].astype(int)
    return out


@dataclass(frozen=True)
class CoalitionStrength:
    """The summed strength range of a coalition after some actors are removed.

    ``low`` and ``high`` sum the low and the high bounds of the members that remain (so the true
    total, if the inputs were right, would lie between them); ``full_low`` / ``full_high`` are the
    same sums before any removal. ``orphans`` are remaining members that have lost every sponsor
    listed in the data; ``orphan_low`` / ``orphan_high`` is their part of the sum (the part at
    risk if they could not fight on without their sponsor: an assumption, not a finding).
    ``years`` are the distinct years of the estimates summed, ``unestimated`` the members left
    out for want of a sourced estimate, and ``broken`` the relations that lose an end.
    """

    low: int
    high: int
    full_low: int
    full_high: int
    members: tuple
    removed: tuple
    orphans: tuple
    orphan_low: int
    orphan_high: int
    years: tuple
    unestimated: tuple
    broken: tuple

    @property
    def share_low(self) -> float:
        """Remaining low sum as a share of the full low sum."""
        return self.low / self.full_low if self.full_low else 0.0

    @property
    def share_high(self) -> float:
        return self.high / self.full_high if self.full_high else 0.0


def broken_links(g: nx.MultiDiGraph, removed) -> list[tuple[str, str, str]]:
    """Relations (from, to, relation) that lose an end when the ``removed`` actors are taken away."""
    removed = set(removed)
    return [(u, v, d["relation"]) for u, v, d in g.edges(data=True)
            if u in removed or v in removed]


def orphans(actors: pd.DataFrame, removed) -> list[str]:
    """Actors still present whose every listed sponsor is removed (actors without sponsors never are)."""
    removed = set(removed)
    out = []
    for row in actors.itertuples(index=False):
        sponsors = _split(row.sponsor)
        if row.actor_id not in removed and sponsors and set(sponsors) <= removed:
            out.append(row.actor_id)
    return out


def coalition_strength(actors: pd.DataFrame | None = None, relations: pd.DataFrame | None = None,
                       removed=(), side: str = "pro_government",
                       graph: nx.MultiDiGraph | None = None) -> CoalitionStrength:
    """Sum the strength ranges of one side's actors, with some actors removed.

    Low bounds are summed with low bounds and high with high: if every input range held, the
    true total would lie in [low, high]. The inputs do not all hold for the same year or the same
    counting convention (see the module docstring), so read the result as an order of magnitude.
    Raises ValueError if ``removed`` names an actor that is not in the table.
    """
    actors = data.load("actors") if actors is None else actors
    removed = tuple(removed)
    unknown = [a for a in removed if a not in set(actors["actor_id"])]
    if unknown:
        raise ValueError(f"removed names unknown actor(s): {', '.join(unknown)}")
    g = build_graph(actors, relations) if graph is None else graph
    side_rows = actors[actors["side"] == side]
    est = with_strength(side_rows)
    keep = est[~est["actor_id"].isin(removed)]
    orph = [a for a in orphans(side_rows, removed) if a in set(keep["actor_id"])]
    orph_rows = keep[keep["actor_id"].isin(orph)]
    return CoalitionStrength(
        low=int(keep["strength_low"].sum()), high=int(keep["strength_high"].sum()),
        full_low=int(est["strength_low"].sum()), full_high=int(est["strength_high"].sum()),
        members=tuple(keep["actor_id"]), removed=removed, orphans=tuple(orph),
        orphan_low=int(orph_rows["strength_low"].sum()),
        orphan_high=int(orph_rows["strength_high"].sum()),
        years=tuple(sorted(set(keep["strength_year"]))),
        unestimated=tuple(a for a in side_rows["actor_id"]
                          if a not in set(est["actor_id"]) and a not in removed),
        broken=tuple(broken_links(g, removed)),
    )


def share_range(part, actors: pd.DataFrame | None = None,
                side: str = "pro_government") -> tuple[float, float]:
    """The range of the share that the actors ``part`` make of their side's summed strength.

    Smallest share: the part at its low bounds, everyone else at their high bounds; largest share:
    the reverse. Both bounds assume every input range holds (an order-of-magnitude reading).
    """
    est = with_strength(data.load("actors") if actors is None else actors)
    est = est[est["side"] == side]
    inside = est["actor_id"].isin(list(part))
    p_lo, p_hi = est.loc[inside, "strength_low"].sum(), est.loc[inside, "strength_high"].sum()
    o_lo, o_hi = est.loc[~inside, "strength_low"].sum(), est.loc[~inside, "strength_high"].sum()
    lo = p_lo / (p_lo + o_hi) if p_lo + o_hi else 0.0
    hi = p_hi / (p_hi + o_lo) if p_hi + o_lo else 0.0
    return float(lo), float(hi)


def sum_caveat(years) -> str:
    """The sentence that goes with every sum of strength ranges."""
    years = sorted(set(int(y) for y in years))
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return (f"This sums ranges estimated for different years ({span}) by different sources with "
            f"different counting rules: it is a rough order of magnitude, not an estimate.")


@plots.styled()
def draw_strengths(actors: pd.DataFrame | None = None):
    """Each actor's estimated strength in Syria as a range bar (log scale), with year and caveats."""
    est = with_strength(data.load("actors") if actors is None else actors)
    order = ["pro_government", "opposition", "kurdish_led", "jihadist", "external_adversary"]
    est = est.assign(_o=est["side"].map(order.index)).sort_values(
        ["_o", "strength_high"], ascending=[False, True])
    fig, ax = plots.new_figure(height=5.6, width=plots.WIDTH)
    y = np.arange(len(est))
    for yi, row in zip(y, est.itertuples(index=False)):
        colour = SIDE_COLOURS[row.side]
        lo, hi = row.strength_low, row.strength_high
        ax.plot([lo, hi], [yi, yi], color=colour, linewidth=7, solid_capstyle="butt", zorder=2)
        ax.plot([lo, hi], [yi, yi], linestyle="none", marker="|", markersize=11,
                color="black", zorder=3)
        flag = _flag(row.actor_id)
        ax.text(hi * 1.18, yi, f"{fmt(lo)}-{fmt(hi)} ({row.strength_year}){flag}",
                va="center", fontsize=7.5)
    ax.set_yticks(y, [SHORT.get(a, a).replace("\n", " ") for a in est["actor_id"]], fontsize=8)
    ax.set_xscale("log")
    ax.set_xlim(150, 2_000_000)
    ax.set_xlabel("Estimated personnel in Syria (log scale); bar = low to high estimate; "
                  "year of the estimates in brackets")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    handles = [Patch(color=SIDE_COLOURS[s], label=SIDE_LABELS[s]) for s in order
               if s in set(est["side"])]
    ax.legend(handles=handles, loc="center right", bbox_to_anchor=(1.0, 0.55), fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    ax.text(-0.2, -0.15, "(a) Islamic State: Syria and Iraq together.  (b) Iraqi militias: one "
            "militia's claims for itself.  (c) NDF: high bound from an IRGC general\n(an "
            "interested party).  (d) Zainabiyoun: low bound is the book's reading of 'hundreds'.\n"
            "(e) Hezbollah: low bound from 2015, high bound an undated peak reported in 2018.  "
            "Years differ: the bars are not a snapshot of one moment.",
            transform=ax.transAxes, fontsize=7, va="top")
    fig.subplots_adjust(left=0.2, right=0.98, top=0.98, bottom=0.2)
    return fig


_FLAGS = {"islamic_state": " (a)", "iraqi_shia_militias": " (b)", "ndf": " (c)",
          "zainabiyoun": " (d)", "hezbollah": " (e)"}


def _flag(actor_id: str) -> str:
    return _FLAGS.get(actor_id, "")


def strengths_alt(actors: pd.DataFrame | None = None) -> str:
    """Alt text for :func:`draw_strengths`, with the numbers."""
    est = with_strength(data.load("actors") if actors is None else actors)
    parts = [f"{SHORT.get(r.actor_id, r.actor_id).replace(chr(10), ' ')} {fmt(r.strength_low)} to "
             f"{fmt(r.strength_high)} ({r.strength_year})" for r in est.itertuples(index=False)]
    return ("Range chart on a logarithmic scale of estimated personnel in Syria for "
            f"{len(est)} armed actors, each a bar from the low to the high estimate: "
            + "; ".join(parts) + ". The Islamic State figure covers Syria and Iraq together; the "
            "Iraqi militia figure is one militia's claim for itself; the years differ, so the "
            "bars are not a snapshot of one moment.")


def strength_table_markdown(actors: pd.DataFrame | None = None, side: str | None = None) -> str:
    """A Markdown table of the estimates with their year and cited sources (MyST citations)."""
    est = with_strength(data.load("actors") if actors is None else actors)
    if side:
        est = est[est["side"] == side]
    lines = ["| Actor | Estimate (low to high) | Year | Sources: low bound; high bound | Confidence |",
             "|---|---:|---:|---|---|"]
    for r in est.sort_values("strength_high", ascending=False).itertuples(index=False):
        lo_src = ",".join(_split(r.strength_low_source))
        hi_src = ",".join(_split(r.strength_high_source))
        cites = (f"{{cite:p}}`{lo_src}`" if lo_src == hi_src
                 else f"{{cite:p}}`{lo_src}`; {{cite:p}}`{hi_src}`")
        name = SHORT.get(r.actor_id, r.actor_id).replace("\n", " ") + _flag(r.actor_id)
        lines.append(f"| {name} | {fmt(r.strength_low)}–{fmt(r.strength_high)} | "
                     f"{r.strength_year} | {cites} | {r.confidence} |")
    return "\n".join(lines)


def coalition_summary_markdown(actors: pd.DataFrame | None = None, cite: bool = True) -> str:
    """A paragraph (MyST Markdown) with the coalition's summed range, shares and citations.

    Generated from the data so that the prose and the table cannot disagree. ``cite=False``
    refers the reader to the table of estimates (printed just before) instead of repeating every
    source key.
    """
    actors = data.load("actors") if actors is None else actors
    full = coalition_strength(actors)
    est = with_strength(actors)
    est = est[est["side"] == "pro_government"]
    keys = sorted({k for col in ("strength_low_source", "strength_high_source")
                   for cell in est[col] for k in _split(cell)})
    iran_led = GROUPS[2][2]
    lo, hi = share_range(iran_led, actors)
    lo2, hi2 = share_range((*iran_led, "ndf"), actors)
    names = ", ".join(SHORT.get(a, a).replace("\n", " ") for a in full.unestimated)
    return (
        f"Summing the low bounds of the {len(est)} pro-government actors that have a sourced "
        f"estimate gives **{fmt(full.full_low)}** personnel, and summing the high bounds "
        f"**{fmt(full.full_high)}** "
        + (f"{{cite:p}}`{','.join(keys)}`" if cite else "(the sources of each bound are in the "
           "table of estimates above)")
        + f". {sum_caveat(full.years)} "
        f"On the same reading, Iran's foreign contingents (the IRGC, Hezbollah, the Afghan, "
        f"Pakistani and Iraqi units) make up between **{lo:.0%} and {hi:.0%}** of the total "
        f"(their low bounds against everyone else's high bounds, and the reverse), and between "
        f"**{lo2:.0%} and {hi2:.0%}** if the Iran-built National Defence Forces are counted "
        f"with them. Actors without a sourced estimate ({names}) count as zero, so in that "
        f"respect the sums are too low."
    )
