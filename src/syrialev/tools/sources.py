"""Checks on the source tiers (build tooling): every entry has a valid tier, every mirror says why
it is kept, and no data row rests only on weak copies.

The tiers themselves, and the bibliography reader, are library code in :mod:`syrialev.data.bib`;
its names are re-exported here for the checks' callers.
"""

from __future__ import annotations

import re

from ..data.bib import (
    TIERS,
    WEAK_TIERS,
    BibEntry,
    BibError,
    parse_bib,
    read_bibliography,
    tier_counts,
    tier_table,
)

__all__ = [
    "TIERS",
    "WEAK_TIERS",
    "BibEntry",
    "BibError",
    "parse_bib",
    "read_bibliography",
    "tier_problems",
    "dangling_note_keys",
    "tier_counts",
    "rows_resting_on_weak_sources",
    "tier_table",
]

def tier_problems(entries) -> list[str]:
    """Every entry without a valid tier, and every mirror whose note does not say why it is kept."""
    problems = []
    for e in (entries.values() if isinstance(entries, dict) else entries):
        where = f"{e.file}, line {e.line}, entry {e.key}"
        if e.tier is None:
            problems.append(f"{where}: no tier field (one of {', '.join(TIERS)})")
        elif e.tier not in TIERS:
            problems.append(f"{where}: tier {e.tier!r} is not one of {', '.join(TIERS)}")
        elif e.tier == "mirror" and not re.search(r"no better copy", e.note, re.I):
            problems.append(f"{where}: a mirror must say in its note why no better copy is cited "
                            "(the convention: 'No better copy found: <what was searched>')")
    return problems


#: A cross-reference in a note: "(see key2017x)", "See also key2017x" (a bib key: letters, a year, a tail).
_SEE_KEY = re.compile(r"\b(?i:see)(?: also)? ([a-z][a-z_]*\d{4}[a-z0-9_]*)\b")


def dangling_note_keys(entries) -> list[str]:
    """Every note that points a reader to another entry ("see essay2017atlantic") whose key is
    not in the bibliography, naming the file, line and entry."""
    entries = entries if isinstance(entries, dict) else {e.key: e for e in entries}
    problems = []
    for e in entries.values():
        for key in _SEE_KEY.findall(e.note):
            if key not in entries:
                problems.append(f"{e.file}, line {e.line}, entry {e.key}: its note cites {key}, "
                                "which is not in the bibliography")
    return problems


def rows_resting_on_weak_sources(tables: dict, entries: dict) -> list[str]:
    """Rows of the data tables whose every source is a mirror or partisan entry."""
    bad = []
    for name, frame in tables.items():
        if "source" not in frame:
            continue
        for i, sources in enumerate(frame["source"]):
            keys = [k for k in str(sources).split(";") if k]
            tiers = [entries[k].tier if k in entries else None for k in keys]
            if keys and all(t in WEAK_TIERS for t in tiers):
                bad.append(f"{name} row {i + 1}: rests only on {', '.join(keys)} ({', '.join(tiers)})")
    return bad
