"""The essay's argument as a map: nodes and "supports" links from ``data/argument_map.csv``.

The map is drawn left to right: evidence, then premises, then claims, then the conclusion, each
node coloured by the pillar of the argument it belongs to. Layout and text come from the data,
never from hand-placed drawing code, so a correction to the table redraws the map.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .. import data, plots

__all__ = ["PILLARS", "KINDS", "graph", "levels", "layout", "draw", "alt_text", "claims_markdown"]

#: Pillars of the argument, in reading order, with a colour and a reader-facing name.
PILLARS = {
    "history": ("Historical ties", plots.OKABE_ITO["blue"]),
    "axis": ("Iran-Russia axis", plots.OKABE_ITO["bluish_green"]),
    "leverage": ("Leverage", plots.OKABE_ITO["orange"]),
    "recommendation": ("Recommendation", plots.OKABE_ITO["reddish_purple"]),
}
#: Kinds of node, from the conclusion outward.
KINDS = ("conclusion", "claim", "premise", "evidence")


def graph(table: pd.DataFrame | None = None) -> nx.DiGraph:
    """A directed graph: an edge u -> v means node u supports node v."""
    table = data.load("argument_map") if table is None else table
    g = nx.DiGraph()
    for row in table.itertuples(index=False):
        g.add_node(row.node_id, **row._asdict())
    for row in table.itertuples(index=False):
        if pd.notna(row.supports):
            for target in str(row.supports).split(";"):
                g.add_edge(row.node_id, target.strip())
    if not nx.is_directed_acyclic_graph(g):
        cycle = nx.find_cycle(g)
        raise ValueError(f"the argument map has a cycle: {cycle}")
    return g


def levels(g: nx.DiGraph) -> dict[str, int]:
    """Distance of each node from the conclusion(s): 0 for a conclusion, 1 for what supports it...

    A node that supports several others takes the shortest distance.
    """
    roots = [n for n in g if g.out_degree(n) == 0]
    dist = {}
    for root in roots:
        for node, d in dict(nx.single_target_shortest_path_length(g, root)).items():
            dist[node] = min(d, dist.get(node, d))
    return dist


def layout(g: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Positions: x by level (conclusion on the right), y by pillar then by the node it supports."""
    lev = levels(g)
    depth = max(lev.values())
    order = list(PILLARS)
    pos: dict[str, tuple[float, float]] = {}
    for level in range(depth + 1):
        nodes = [n for n in g if lev[n] == level]

        def key(n):
            targets = [pos[t][1] for t in g.successors(n) if t in pos]
            anchor = -sum(targets) / len(targets) if targets else 0.0
            return (order.index(g.nodes[n]["pillar"]), anchor, n)

        nodes.sort(key=key)
        count = len(nodes)
        for i, n in enumerate(nodes):
            y = 0.0 if count == 1 else 1.0 - 2.0 * i / (count - 1)
            pos[n] = (float(depth - level), y)
    return pos


def _wrap(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width))


@plots.styled()
def draw(table: pd.DataFrame | None = None):
    """Draw the map; returns the matplotlib figure."""
    g = graph(table)
    pos = layout(g)
    depth = max(x for x, _ in pos.values())
    fig, ax = plots.new_figure(height=7.6, width=9.0)
    ax.set_xlim(-0.55, depth + 0.55)
    ax.set_ylim(-1.12, 1.18)
    ax.axis("off")
    boxes = {}
    for n, (x, y) in pos.items():
        attrs = g.nodes[n]
        colour = PILLARS[attrs["pillar"]][1]
        bold = attrs["kind"] in ("conclusion", "claim")
        boxes[n] = ax.text(
            x, y, _wrap(attrs["label"], 22), ha="center", va="center", fontsize=8.5,
            fontweight="bold" if bold else "normal", zorder=3,
            bbox=dict(boxstyle="round,pad=0.35", facecolor="white", edgecolor=colour,
                      linewidth=2.2 if bold else 1.2,
                      linestyle="solid" if attrs["kind"] != "evidence" else (0, (3, 2))),
        )
    for u, v in g.edges:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        ax.add_patch(FancyArrowPatch(
            (x0 + 0.33, y0), (x1 - 0.36, y1), arrowstyle="-|>", mutation_scale=10,
            color=plots.OKABE_ITO["grey"], linewidth=0.9, zorder=1,
            connectionstyle="arc3,rad=0.0",
        ))
    for level in range(int(depth) + 1):
        head = "Conclusion" if level == 0 else f"{level} step{'s' if level > 1 else ''} away"
        ax.text(depth - level, 1.15, head, ha="center", va="bottom", fontsize=9,
                color="#333333", style="italic")
    handles = [Line2D([], [], color=c, linewidth=3, label=name) for name, c in PILLARS.values()]
    handles += [
        Line2D([], [], color="#555555", linewidth=2.2, label="claim (bold)"),
        Line2D([], [], color="#555555", linewidth=1.0, label="premise"),
        Line2D([], [], color="#555555", linestyle=(0, (3, 2)), label="evidence (dashed)"),
    ]
    ax.legend(handles=handles, loc="lower center", ncol=4, fontsize=8,
              bbox_to_anchor=(0.5, -0.1))
    return fig


def alt_text(table: pd.DataFrame | None = None) -> str:
    """A description of the map for readers who cannot see it, built from the same data."""
    table = data.load("argument_map") if table is None else table
    g = graph(table)
    conclusion = [g.nodes[n]["label"] for n in g if g.out_degree(n) == 0]
    claims = [g.nodes[n]["label"] for n in g if g.nodes[n]["kind"] == "claim"]
    counts = table["kind"].value_counts()
    parts = ", ".join(f"{counts.get(k, 0)} {k}" + ("s" if k != "evidence" and counts.get(k, 0) != 1 else "")
                      for k in KINDS)
    return (
        f"Argument map of the essay with {len(table)} nodes ({parts}), coloured by pillar "
        f"(historical ties, Iran-Russia axis, leverage, recommendation); arrows run from each "
        f"node to the claim it supports. Conclusion: {'; '.join(conclusion)}. "
        f"Claims: {'; '.join(claims)}."
    )


def claims_markdown(table: pd.DataFrame | None = None, chapters_built: set[str] | None = None) -> str:
    """A MyST table of the conclusion and claims, each linked to the chapter that examines it.

    ``chapters_built``: document names present in the book; a chapter not yet in the book is
    named in plain text rather than linked, so no link is ever broken.
    """
    table = data.load("argument_map") if table is None else table
    rows = table[table["kind"].isin(["conclusion", "claim"])]
    order = {k: i for i, k in enumerate(PILLARS)}
    rows = rows.assign(_o=rows["pillar"].map(order)).sort_values(["_o", "kind"])
    names = {
        "chapters/01_long_ties": "Russia and Syria, the long ties",
        "chapters/02_iran_russia_axis": "The Iran-Russia axis",
        "chapters/03_leverage": "The leverage argument",
        "chapters/05_held_up": "How the argument held up",
    }
    lines = ["| Pillar | Claim (in our words) | Examined in |", "|---|---|---|"]
    for r in rows.itertuples(index=False):
        name = names.get(r.chapter, r.chapter)
        if chapters_built is None or r.chapter in chapters_built:
            where = f"{{doc}}`{name} </{r.chapter}>`"
        else:
            where = f"{name} (chapter in preparation)"
        lines.append(f"| {PILLARS[r.pillar][0]} | **{r.label}.** {r.statement} | {where} |")
    return "\n".join(lines)


def show_map(table: pd.DataFrame | None = None):
    """The map as a displayable figure with alt text built from the data."""
    table = data.load("argument_map") if table is None else table
    fig = draw(table)
    return plots.show(
        fig, alt_text(table),
        caption="The essay's argument, drawn from data/argument_map.csv. Arrows point from a "
                "node to the claim it supports; dashed boxes are evidence.",
    )


def kind_summary(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many nodes of each kind each pillar has (rows: pillars, columns: kinds)."""
    table = data.load("argument_map") if table is None else table
    counts = pd.crosstab(table["pillar"], table["kind"]).reindex(
        index=list(PILLARS), columns=list(KINDS), fill_value=0)
    counts.index = [PILLARS[p][0] for p in counts.index]
    counts.index.name = "pillar"
    counts.columns.name = "kind of node"
    return counts
