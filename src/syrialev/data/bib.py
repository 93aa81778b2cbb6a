"""The book's bibliographies, read once with pybtex, and the source tiers of their entries.

Every entry of ``references.bib`` and ``bib/*.bib`` carries a ``tier`` field with one of the
values of :data:`TIERS`. The tier describes the copy the entry points to, not only its first
author: an OPCW report read on a document-sharing site is a ``mirror`` until the reader is sent
to opcw.org. State media are primary evidence of their own government's position and are
labelled ``state-media`` so a reader knows which government speaks.

The bibliography shows each entry's tier (``_ext/source_tiers.py``); the data appendix counts them
(:func:`tier_table`); the checks that keep them honest are in :mod:`syrialev.tools.sources`.
BibTeX is parsed by pybtex (the library that Sphinx's bibliography extension uses too); this module
only adds where each entry stands (file and line), so an error can name them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["TIERS", "WEAK_TIERS", "BibEntry", "BibError", "parse_bib", "read_bibliography",
           "keys_in", "tier_counts", "tier_table"]

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

_START = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")


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


def _lines(text: str) -> dict[str, int]:
    """The line on which each entry starts, by key (pybtex does not keep positions)."""
    return {m.group(2): text.count("\n", 0, m.start()) + 1 for m in _START.finditer(text)
            if m.group(1).lower() not in {"comment", "string", "preamble"}}


def _error_line(text: str, message: str) -> int | None:
    """The line a pybtex error message points to ("... line 12 ..."), if it says."""
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def parse_bib(text: str, file: str = "<string>") -> list[BibEntry]:
    """The entries of a BibTeX text: key, type and fields (people written back as in the file,
    white space folded), each with the file and line where it starts.

    Raises :class:`BibError` naming the file and line for text pybtex cannot read (an unclosed
    brace, a key defined twice in the file...).
    """
    from pybtex.database import BibliographyDataError, parse_string
    from pybtex.scanner import PybtexSyntaxError

    starts = _lines(text)
    try:
        data = parse_string(text, "bibtex")
    except (PybtexSyntaxError, BibliographyDataError) as exc:
        message = str(exc)
        line = _error_line(text, message) or next(iter(starts.values()), None)
        if "premature end of file" in message:  # a brace or an entry never closed
            message = f"unbalanced braces or an entry never closed ({message})"
        raise BibError(file, message, line) from None
    entries = []
    for key, entry in data.entries.items():
        fields = {name.lower(): re.sub(r"\s+", " ", str(value)).strip()
                  for name, value in entry.fields.items()}
        for role, people in entry.persons.items():
            fields[role.lower()] = " and ".join(str(p) for p in people)
        entries.append(BibEntry(key, entry.type.lower(), fields, str(file), starts.get(key, 0)))
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


@lru_cache(maxsize=8)
def _keys_at(path: str, mtime: float) -> frozenset:
    return frozenset(e.key for e in parse_bib(Path(path).read_text(encoding="utf-8"), path))


def keys_in(path: Path) -> frozenset:
    """The entry keys of one BibTeX file (read again only when the file changes)."""
    path = Path(path)
    return _keys_at(str(path), path.stat().st_mtime)


def tier_counts(entries) -> Counter:
    """How many entries fall in each tier (in the legend's order)."""
    counts = Counter(e.tier for e in (entries.values() if isinstance(entries, dict) else entries))
    return Counter({t: counts.get(t, 0) for t in TIERS})


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
