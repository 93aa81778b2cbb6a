"""Source tiers: what kind of source each bibliography entry is, so readers can weigh it.

Every entry of ``references.bib`` and ``bib/*.bib`` carries a ``tier`` field with one of the
values of :data:`TIERS`. The tier describes the copy the entry points to, not only its first
author: an OPCW report read on a document-sharing site is a ``mirror`` until the reader is sent
to opcw.org. State media are primary evidence of their own government's position and are
labelled ``state-media`` so a reader knows which government speaks.

The bibliography shows each entry's tier (see ``_ext/source_tiers.py``); the data appendix
counts them (:func:`tier_table`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "TIERS",
    "WEAK_TIERS",
    "BibEntry",
    "BibError",
    "parse_bib",
    "read_bibliography",
    "tier_problems",
    "tier_counts",
    "rows_resting_on_weak_sources",
    "tier_table",
]

#: Machine value -> (label shown to readers, what it means). The order is the order of the legend.
TIERS: dict[str, tuple[str, str]] = {
    "primary": ("Primary document",
                "the document itself: a treaty, resolution, verbatim record, investigation report, "
                "official data set, or a library transcription of a historical text"),
    "official": ("Official statement",
                 "a statement or release by a government, an international organisation or a party's "
                 "own political body (UN meetings coverage and UN News, ministries, embassies)"),
    "state-media": ("State media",
                    "a news outlet owned or controlled by a state (TASS, RIA Novosti and Sputnik, RT, "
                    "Xinhua, IRNA, TRT, VOA and RFE/RL): primary evidence of that state's position, "
                    "to be read as such"),
    "press": ("Wire or newspaper",
              "a news agency, newspaper, magazine or broadcaster, including wire reports carried by "
              "other outlets"),
    "scholarship": ("Scholarship",
                    "peer-reviewed articles, academic books and university research"),
    "analysis": ("Analysis",
                 "think tanks, monitoring groups, NGOs, analysts' blogs, commentary (including the "
                 "essay the book teaches)"),
    "encyclopedia": ("Encyclopedia",
                     "a general or specialist reference work (Wikipedia, Britannica, the Great Soviet "
                     "Encyclopedia, OrthodoxWiki): a pointer to the sources it cites rather than evidence in itself"),
    "mirror": ("Mirror",
               "an unofficial copy of someone else's text on a third-party site (encyclopedia mirrors, "
               "document-sharing sites, blogs reproducing a document or a news report); kept only "
               "where no better copy was found, with the reason in the entry's note"),
    "partisan": ("Partisan",
                 "a site with a record of propaganda or conspiracy content; not to be relied on"),
}

#: Tiers on which no data row may rest alone.
WEAK_TIERS = frozenset({"mirror", "partisan"})


class BibError(ValueError):
    """A problem in a bibliography file, naming the file and line."""

    def __init__(self, file, problem, line=None):
        self.file, self.problem, self.line = str(file), problem, line
        where = f"{file}, line {line}" if line else str(file)
        super().__init__(f"{where}: {problem}")


@dataclass
class BibEntry:
    key: str
    type: str
    fields: dict = field(default_factory=dict)
    file: str = ""
    line: int = 0

    @property
    def tier(self) -> str | None:
        return self.fields.get("tier")

    @property
    def url(self) -> str:
        return self.fields.get("url", "")

    @property
    def note(self) -> str:
        return self.fields.get("note", "")


def _balanced(text: str, start: int, file, line: int) -> int:
    """Index just past the brace that closes the one at ``start``."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "\\":
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise BibError(file, "unbalanced braces", line)


def parse_bib(text: str, file: str = "<string>") -> list[BibEntry]:
    """Entries of a BibTeX text: key, type and fields (values with their outer braces removed)."""
    entries = []
    for m in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", text):
        if m.group(1).lower() in {"comment", "string", "preamble"}:
            continue
        line = text.count("\n", 0, m.start()) + 1
        end = _balanced(text, m.start() + m.group(0).index("{"), file, line)
        body = text[m.end(): end - 1]
        fields, pos = {}, 0
        for fm in re.finditer(r"(\w+)\s*=\s*", body):
            if fm.start() < pos:
                continue
            name, vstart = fm.group(1).lower(), fm.end()
            if vstart < len(body) and body[vstart] == "{":
                vend = _balanced(body, vstart, file, line)
                value = body[vstart + 1: vend - 1]
            else:
                vm = re.match(r'"([^"]*)"|([^,\n]+)', body[vstart:])
                value = (vm.group(1) if vm.group(1) is not None else vm.group(2)).strip()
                vend = vstart + vm.end()
            fields[name] = re.sub(r"\s+", " ", value).strip()
            pos = vend
        entries.append(BibEntry(m.group(2), m.group(1).lower(), fields, str(file), line))
    return entries


def read_bibliography(root: Path) -> dict[str, BibEntry]:
    """Every entry of ``references.bib`` and ``bib/*.bib`` under ``root``, by key."""
    root = Path(root)
    paths = [root / "references.bib"] + sorted((root / "bib").glob("*.bib"))
    entries: dict[str, BibEntry] = {}
    for path in paths:
        if not path.is_file():
            continue
        for e in parse_bib(path.read_text(encoding="utf-8"), path.relative_to(root)):
            if e.key in entries:
                raise BibError(e.file, f"duplicate key {e.key!r} (also in {entries[e.key].file})", e.line)
            entries[e.key] = e
    return entries


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


def tier_counts(entries) -> Counter:
    """How many entries fall in each tier (in the legend's order)."""
    counts = Counter(e.tier for e in (entries.values() if isinstance(entries, dict) else entries))
    return Counter({t: counts.get(t, 0) for t in TIERS})


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


def tier_table(entries, used: dict | None = None) -> str:
    """A Markdown legend: each tier, its meaning, how many entries, and how many data rows cite it."""
    counts = tier_counts(entries)
    head = "| Tier | Meaning | Entries |" + (" Data rows citing one |" if used is not None else "")
    rule = "|---|---|---|" + ("---|" if used is not None else "")
    lines = [head, rule]
    for key, (label, meaning) in TIERS.items():
        row = f"| {label} (`{key}`) | {meaning} | {counts[key]} |"
        if used is not None:
            row += f" {used.get(key, 0)} |"
        lines.append(row)
    lines.append(f"| **All** | | **{sum(counts.values())}** |" + (" |" if used is not None else ""))
    return "\n".join(lines)
