"""Load the book's data tables and validate them against their descriptors.

Every table in ``data/`` is a tidy CSV file described in ``data/datapackage.json``, a Frictionless
Data Package (https://specs.frictionlessdata.io/data-package/). The descriptor gives each column's
type and constraints; a few checks that the standard cannot express are written as properties
whose names start with ``x-`` (allowed by the standard, ignored by other tools):

``x-list``
    the field holds several values separated by this character (for example ``";"``); the
    field's ``pattern`` applies to the whole cell, as in the standard.
``x-item-enum``
    with ``x-list``: the values each item of the list may take.
``x-bibkeys``
    every value is a key of an entry in ``references.bib``.
``x-refs``
    every value is a value of another table's field, written ``"table.field"``.
``x-date-precision``
    the field is a date whose precision (``day``, ``month`` or ``year``) is given by the named
    field: ``1944-07-21``, ``1944-07`` or ``1944``. A day is never invented.
``x-ranges`` (on a resource)
    pairs ``[low, high]`` of numeric fields; where both are given, low must not exceed high.

A table that breaks any rule raises :class:`DataError`, whose message names the file, the row (its
line in the file), the column and what is wrong. Nothing is silently dropped.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "data_dir",
    "descriptor",
    "table_names",
    "load",
    "load_all",
    "bib_keys",
    "event_start",
]

PRECISIONS = ("day", "month", "year")
_DATE_PATTERNS = {
    "day": re.compile(r"^-?\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^-?\d{4}-\d{2}$"),
    "year": re.compile(r"^-?\d{4}$"),
}


class DataError(ValueError):
    """A data table breaks its descriptor.

    Attributes name where: ``file`` (path relative to the repository when possible), ``line``
    (1-based line of the CSV file, the header being line 1; ``None`` for whole-file problems),
    ``column`` (``None`` for whole-row problems) and ``problem`` (what is wrong).
    """

    def __init__(self, file, problem, line=None, column=None):
        self.file = str(file)
        self.line = line
        self.column = column
        self.problem = problem
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


# --------------------------------------------------------------------------- locating the data


def _looks_like_data_dir(path: Path) -> bool:
    return (path / "datapackage.json").is_file()


def data_dir() -> Path:
    """Return the folder holding ``datapackage.json``.

    Looked for, in order: the environment variable ``SYRIALEV_DATA``; ``data/`` beside the
    package's repository (an editable install or a clone); ``data/`` in the working folder or one
    of its parents (a notebook opened from ``chapters/``).
    """
    env = os.environ.get("SYRIALEV_DATA")
    if env:
        path = Path(env).expanduser().resolve()
        if not _looks_like_data_dir(path):
            raise DataError(path, "SYRIALEV_DATA points to a folder without datapackage.json")
        return path
    candidates = [Path(__file__).resolve().parents[2] / "data"]
    cwd = Path.cwd().resolve()
    candidates += [p / "data" for p in (cwd, *cwd.parents)]
    for path in candidates:
        if _looks_like_data_dir(path):
            return path
    raise DataError(
        "data/datapackage.json",
        "not found: run from inside the book's repository or set SYRIALEV_DATA to its data folder",
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(data_dir().parent))
    except ValueError:
        return str(path)


@lru_cache(maxsize=8)
def _descriptor_at(path: str, mtime: float) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataError(path, f"not valid JSON ({exc.msg})", line=exc.lineno) from None


def descriptor(directory: Path | None = None) -> dict:
    """The parsed ``datapackage.json`` of ``directory`` (default: :func:`data_dir`)."""
    directory = Path(directory) if directory else data_dir()
    path = directory / "datapackage.json"
    if not path.is_file():
        raise DataError(path, "descriptor not found")
    return _descriptor_at(str(path), path.stat().st_mtime)


def table_names(directory: Path | None = None) -> list[str]:
    """Names of the tables the descriptor lists, in its order."""
    return [res["name"] for res in descriptor(directory)["resources"]]


def _resource(name: str, directory: Path | None) -> dict:
    for res in descriptor(directory)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(table_names(directory))
    raise KeyError(f"no table named {name!r}; the tables are: {known}")


@lru_cache(maxsize=8)
def _bib_keys_at(path: str, mtime: float) -> frozenset:
    text = Path(path).read_text(encoding="utf-8")
    return frozenset(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def bib_keys(bibfile: Path | None = None) -> frozenset:
    """The entry keys of ``references.bib`` (default: beside the data folder)."""
    path = Path(bibfile) if bibfile else data_dir().parent / "references.bib"
    if not path.is_file():
        raise DataError(path, "bibliography not found")
    return _bib_keys_at(str(path), path.stat().st_mtime)


# --------------------------------------------------------------------------- parsing cells


@dataclass(frozen=True)
class _Cell:
    file: str
    line: int
    column: str

    def fail(self, problem):
        raise DataError(self.file, problem, line=self.line, column=self.column)


def _parse_scalar(raw: str, field: dict, cell: _Cell, whole: bool = True):
    """Parse one value; ``whole=False`` for an item of a list (the pattern is checked on the cell)."""
    kind = field.get("type", "string")
    cons = dict(field.get("constraints", {}))
    if not whole:
        cons.pop("pattern", None)
        if "x-item-enum" in field:
            cons["enum"] = field["x-item-enum"]
    if kind == "string":
        value = raw
    elif kind == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            cell.fail(f"{raw!r} is not a whole number")
        value = int(raw)
    elif kind == "number":
        try:
            value = float(raw)
        except ValueError:
            cell.fail(f"{raw!r} is not a number")
    elif kind == "year":
        if not re.fullmatch(r"-?\d{4}", raw):
            cell.fail(f"{raw!r} is not a year (four digits)")
        value = int(raw)
    elif kind == "date":
        if not _DATE_PATTERNS["day"].match(raw):
            cell.fail(f"{raw!r} is not a date (YYYY-MM-DD)")
        try:
            pd.Timestamp(raw)
        except ValueError:
            cell.fail(f"{raw!r} is not a calendar date")
        value = raw
    else:  # pragma: no cover - a descriptor error, caught by the descriptor tests
        raise DataError(cell.file, f"descriptor gives unknown type {kind!r} for {cell.column!r}")
    if "enum" in cons and value not in cons["enum"]:
        allowed = ", ".join(map(str, cons["enum"]))
        cell.fail(f"{raw!r} is not an allowed value (allowed: {allowed})")
    if "minimum" in cons and value < cons["minimum"]:
        cell.fail(f"{raw} is below the minimum {cons['minimum']}")
    if "maximum" in cons and value > cons["maximum"]:
        cell.fail(f"{raw} is above the maximum {cons['maximum']}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        cell.fail(f"{raw!r} does not match the pattern {cons['pattern']}")
    if "maxLength" in cons and len(raw) > cons["maxLength"]:
        cell.fail(f"text is {len(raw)} characters long, more than {cons['maxLength']}")
    return value


def _check_date(raw: str, precision: str, cell: _Cell):
    if precision not in PRECISIONS:
        return  # the precision column reports its own error
    if not _DATE_PATTERNS[precision].match(raw):
        examples = {"day": "1944-07-21", "month": "1944-07", "year": "1944"}
        cell.fail(
            f"{raw!r} is not a date of precision {precision!r} "
            f"(write it like {examples[precision]})"
        )
    padded = {"day": raw, "month": raw + "-01", "year": raw + "-01-01"}[precision]
    try:
        pd.Timestamp(padded)
    except ValueError:
        cell.fail(f"{raw!r} is not a calendar date")


# --------------------------------------------------------------------------- loading


def _read_rows(path: Path, shown: str):
    if not path.is_file():
        raise DataError(shown, "file not found")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            try:
                header = next(reader)
            except StopIteration:
                raise DataError(shown, "the file is empty (no header row)") from None
            rows = []
            for record in reader:
                if not record or all(not v.strip() for v in record):
                    continue
                rows.append((reader.line_num, record))
    except UnicodeDecodeError as exc:
        raise DataError(shown, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise DataError(shown, f"not valid CSV ({exc})") from None
    return header, rows


def load(name: str, directory: Path | None = None, *, check_refs: bool = True) -> pd.DataFrame:
    """Load table ``name`` and validate every cell against the descriptor.

    Returns a DataFrame with one column per field, in the descriptor's order: integers as pandas'
    nullable ``Int64``, numbers as ``float``, text as ``str`` (empty cells as ``<NA>``).
    ``check_refs=False`` skips the checks against other tables (used while loading those).
    Raises :class:`DataError` on the first problem found.
    """
    directory = Path(directory) if directory else data_dir()
    res = _resource(name, directory)
    path = directory / res["path"]
    shown = _display(path)
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    header, rows = _read_rows(path, shown)

    header = [h.strip() for h in header]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(shown, f"missing column(s): {', '.join(missing)}", line=1)
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError(shown, f"column(s) not in the descriptor: {', '.join(extra)}", line=1)
    if len(set(header)) != len(header):
        raise DataError(shown, "a column name appears twice", line=1)

    keys = bib_keys(directory.parent / "references.bib") if any(
        f.get("x-bibkeys") for f in fields
    ) else frozenset()
    columns = {n: [] for n in names}
    pk = res["schema"].get("primaryKey")
    seen_pk = {}
    for line, record in rows:
        if len(record) != len(header):
            raise DataError(
                shown, f"has {len(record)} cells where the header has {len(header)}", line=line
            )
        raw_row = dict(zip(header, (v.strip() for v in record)))
        for field in fields:
            col = field["name"]
            raw = raw_row[col]
            cell = _Cell(shown, line, col)
            required = field.get("constraints", {}).get("required", False)
            if raw == "":
                if required:
                    cell.fail("is empty but required")
                columns[col].append(None)
                continue
            sep = field.get("x-list")
            parts = [p.strip() for p in raw.split(sep)] if sep else [raw]
            if sep and any(p == "" for p in parts):
                cell.fail(f"{raw!r} has an empty item in its {sep!r}-separated list")
            if sep and "pattern" in field.get("constraints", {}):
                if not re.fullmatch(field["constraints"]["pattern"], raw):
                    cell.fail(f"{raw!r} does not match the pattern {field['constraints']['pattern']}")
            values = [_parse_scalar(p, field, cell, whole=not sep) for p in parts]
            if field.get("x-bibkeys"):
                unknown = [p for p in parts if p not in keys]
                if unknown:
                    cell.fail(f"unknown source key(s) {', '.join(unknown)}: not in references.bib")
            prec_field = field.get("x-date-precision")
            if prec_field:
                _check_date(raw, raw_row.get(prec_field, ""), cell)
            columns[col].append(raw if sep else values[0])
        if pk:
            value = raw_row[pk]
            if value in seen_pk:
                raise DataError(
                    shown, f"duplicate key {value!r} (first at line {seen_pk[value]})",
                    line=line, column=pk,
                )
            seen_pk[value] = line
        for low, high in res.get("x-ranges", []):
            lo, hi = raw_row[low], raw_row[high]
            if (lo == "") != (hi == ""):
                raise DataError(
                    shown, f"only one bound of the range {low}/{high} is given", line=line,
                    column=low if lo == "" else high,
                )
            if lo and hi and float(lo) > float(hi):
                raise DataError(
                    shown, f"low bound {lo} is above the high bound {hi} ({high} = {hi})",
                    line=line, column=low,
                )

    if check_refs:
        for field in fields:
            target = field.get("x-refs")
            if not target:
                continue
            t_table, t_field = target.split(".")
            allowed = set(load(t_table, directory, check_refs=False)[t_field].dropna())
            sep = field.get("x-list")
            for (line, _), raw in zip(rows, columns[field["name"]]):
                if raw is None:
                    continue
                for part in (raw.split(sep) if sep else [raw]):
                    if part.strip() not in allowed:
                        raise DataError(
                            shown, f"{part.strip()!r} is not a {t_field} of table {t_table!r}",
                            line=line, column=field["name"],
                        )

    frame = pd.DataFrame(columns, columns=names)
    for field in fields:
        col = field["name"]
        if field.get("x-list"):
            frame[col] = frame[col].astype("string")
        elif field.get("type") in ("integer", "year"):
            frame[col] = frame[col].astype("Int64")
        elif field.get("type") == "number":
            frame[col] = pd.to_numeric(frame[col]).astype(float)
        else:
            frame[col] = frame[col].astype("string")
    frame.attrs["name"] = name
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["path"] = shown
    return frame


def load_all(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the descriptor, validated: ``{name: DataFrame}``."""
    return {name: load(name, directory) for name in table_names(directory)}


def event_start(date: str, precision: str) -> pd.Timestamp:
    """The first day that a date of the given precision can mean (``'1971'`` -> 1 January 1971).

    Used to place events on a time axis; the table itself never stores an invented day.
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
    if not _DATE_PATTERNS[precision].match(str(date)):
        raise ValueError(f"{date!r} is not a date of precision {precision!r}")
    padded = {"day": date, "month": f"{date}-01", "year": f"{date}-01-01"}[precision]
    return pd.Timestamp(padded)
