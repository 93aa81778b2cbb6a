"""Render the data appendix from ``data/datapackage.json``, so the tables are described once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from .. import data
from ..data import bib

__all__ = ["field_table", "preview", "resource_markdown", "appendix_markdown", "tier_use",
           "sources_markdown"]


def _cell(value, limit: int = 70) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_table(resource: dict) -> str:
    """A Markdown table of a resource's fields: name, type, unit, rule, meaning."""
    lines = ["| Column | Type | Unit | Rule | Meaning |", "|---|---|---|---|---|"]
    for f in resource["schema"]["fields"]:
        cons = f.get("constraints", {})
        rules = []
        if cons.get("required"):
            rules.append("required")
        if "enum" in cons:
            rules.append("one of " + ", ".join(f"`{v}`" for v in cons["enum"]))
        if "minimum" in cons:
            rules.append(f"≥ {cons['minimum']}")
        if "maximum" in cons:
            rules.append(f"≤ {cons['maximum']}")
        if f.get("x-list"):
            rules.append(f"list separated by `{f['x-list']}`")
        if f.get("x-bibkeys"):
            rules.append("keys of the references")
        if f.get("x-refs"):
            rules.append(f"values of `{f['x-refs']}`")
        if f.get("x-date-precision"):
            rules.append(f"date to the precision in `{f['x-date-precision']}`")
        lines.append(
            f"| `{f['name']}` | {f.get('type', 'string')} | {f.get('unit', '')} | "
            f"{'; '.join(rules)} | {_cell(f.get('description', ''), 400)} |"
        )
    for low, high in resource.get("x-ranges", []):
        lines.append(f"| `{low}`, `{high}` | range | | `{low}` ≤ `{high}` | A range: the bounds may come from different sources. |")
    return "\n".join(lines)


def preview(frame: pd.DataFrame, rows: int = 5, columns: int = 6) -> str:
    """The first rows and columns of a table as Markdown."""
    cols = list(frame.columns[:columns])
    lines = ["| " + " | ".join(f"`{c}`" for c in cols) + " |", "|" + "---|" * len(cols)]
    for rec in frame[cols].head(rows).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in rec) + " |")
    return "\n".join(lines)


def resource_markdown(resource: dict, frame: pd.DataFrame, link_prefix: str = "../data/") -> str:
    """One table's section: description, download link, fields, preview and confidence mix."""
    conf = frame["confidence"].value_counts() if "confidence" in frame else pd.Series(dtype=int)
    mix = ", ".join(f"{conf.get(k, 0)} {k}" for k in ("high", "medium", "low"))
    name = resource["name"]
    return "\n\n".join([
        f"(data-{name.replace('_', '-')})=\n## {resource.get('title', name)}",
        resource.get("description", ""),
        f"**File:** {{download}}`{resource['path']} <{link_prefix}{resource['path']}>` · "
        f"**Rows:** {len(frame)} · **Confidence:** {mix} · "
        f"**Load it:** `syrialev.data.load(\"{name}\")`",
        "### Columns",
        field_table(resource),
        f"### First rows (of {len(frame)})",
        preview(frame),
    ])


def appendix_markdown(directory=None, link_prefix: str = "../data/") -> str:
    """The whole appendix body: one section per table, in the descriptor's order."""
    pkg = data.descriptor(directory)
    tables = data.load_all(directory)
    parts = [resource_markdown(res, tables[res["name"]], link_prefix) for res in pkg["resources"]]
    return "\n\n".join(parts)


def tier_use(tables: dict, entries: dict) -> Counter:
    """For each tier, how many data rows cite at least one entry of that tier."""
    use: Counter = Counter()
    for frame in tables.values():
        if "source" not in frame:
            continue
        for cell in frame["source"]:
            tiers = {entries[k].tier for k in str(cell).split(";") if k in entries}
            use.update(tiers)
    return use


def sources_markdown(directory=None) -> str:
    """The appendix section on sources: the tier legend with counts, and the mirrors still cited."""
    directory = Path(directory) if directory else data.data_dir()
    entries = bib.read_bibliography(directory.parent)
    tables = data.load_all(directory)
    use = tier_use(tables, entries)
    rows = sum(len(f) for f in tables.values())
    mirrors = [e for e in entries.values() if e.tier == "mirror"]
    parts = [
        "(data-source-tiers)=\n## Sources by tier",
        "Every entry of the {doc}`../references` is labelled with a *source tier*, shown at the end "
        "of the entry (\"Source type: ...\"). The tier describes the copy a reader is sent to: a "
        "UN report read on a document-sharing site counts as a mirror. The table counts the "
        f"entries in each tier and how many of the {rows} data rows cite at least one of them. "
        "No row rests on mirrors or partisan sites alone (a test checks this), and a row that "
        "leans on a weaker copy has its confidence lowered.",
        bib.tier_table(entries, use),
    ]
    if mirrors:
        parts.append("**Mirrors still cited**, each because no better copy was found: "
                     + "; ".join(f"{{cite:t}}`{e.key}`" for e in mirrors) + ".")
    return "\n\n".join(parts)
