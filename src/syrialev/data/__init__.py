"""Load the book's data tables and validate them against their descriptors.

Every table in ``data/`` is a tidy CSV file described in ``data/datapackage.json``, a Frictionless
Data Package (https://specs.frictionlessdata.io/data-package/). Validation is done by the
Frictionless library: column names and order, types, constraints (required, enum, pattern,
minimum, maximum, maxLength), primary keys and foreign keys. A few rules that the standard cannot
express are written as properties whose names start with ``x-`` (allowed by the standard, ignored
by other tools); they are turned into Frictionless checks here:

``x-list``
    the field holds several values separated by this character (for example ``";"``); the
    field's ``pattern`` applies to the whole cell, as in the standard.
``x-item-enum``
    with ``x-list``: the values each item of the list may take.
``x-bibkeys``
    every value (every item of a list) is a key of an entry in ``references.bib``.
``x-refs``
    every value is a value of another table's field, written ``"table.field"``: a standard
    foreign key for a single value, a check of every item for a list.
``x-date-precision``
    the field is a date whose precision (``day``, ``month`` or ``year``) is given by the named
    field: ``1944-07-21``, ``1944-07`` or ``1944``. A day is never invented.
``x-ranges`` (on a resource)
    pairs ``[low, high]`` of numeric fields: both or neither are given, and low does not exceed
    high (Frictionless row constraints).

Only two checks are written by hand: bibliography keys (with list items and item enums, one
"every item is allowed" check) and date precision. A table that breaks any rule raises
:class:`DataError`, whose message names the file, the row (its line in the file), the column and
what is wrong. Nothing is silently dropped.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from . import bib

__all__ = [
    "DataError",
    "data_dir",
    "descriptor",
    "table_names",
    "load",
    "load_all",
    "bib_keys",
    "event_start",
    "event_end",
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

    Looked for, in order: the environment variable ``SYRIALEV_DATA``; ``data/`` of the repository
    the package is imported from (a clone, or an editable install); the copy shipped inside the
    installed package (``syrialev/_book/data``, read through :mod:`importlib.resources`), so a
    notebook opened alone, after ``pip install syrialev``, finds its data.
    """
    env = os.environ.get("SYRIALEV_DATA")
    if env:
        path = Path(env).expanduser().resolve()
        if not _looks_like_data_dir(path):
            raise DataError(path, "SYRIALEV_DATA points to a folder without datapackage.json")
        return path
    candidates = [Path(__file__).resolve().parents[3] / "data", _shipped_data()]
    for path in candidates:
        if path is not None and _looks_like_data_dir(path):
            return path
    raise DataError(
        "data/datapackage.json",
        "not found: install the package (pip install syrialev), work in the book's repository, "
        "or set SYRIALEV_DATA to its data folder",
    )


def _shipped_data() -> Path | None:
    """``syrialev/_book/data`` inside the installed package, if the package carries it."""
    shipped = resources.files("syrialev") / "_book" / "data"
    return Path(str(shipped)) if shipped.is_dir() else None


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
    """The parsed ``datapackage.json`` of ``directory`` (default: :func:`data_dir`).

    Each call returns its own copy: a caller may change it without changing anyone else's.
    """
    return copy.deepcopy(_descriptor(directory))


def _descriptor(directory: Path | None = None) -> dict:
    """The cached descriptor, for this module's read-only use."""
    directory = Path(directory) if directory else data_dir()
    path = directory / "datapackage.json"
    if not path.is_file():
        raise DataError(path, "descriptor not found")
    return _descriptor_at(str(path), path.stat().st_mtime)


def table_names(directory: Path | None = None) -> list[str]:
    """Names of the tables the descriptor lists, in its order."""
    return [res["name"] for res in _descriptor(directory)["resources"]]


def _resource(name: str, directory: Path | None) -> dict:
    for res in _descriptor(directory)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(table_names(directory))
    raise KeyError(f"no table named {name!r}; the tables are: {known}")


def bib_keys(bibfile: Path | None = None) -> frozenset:
    """The entry keys of ``references.bib`` (default: beside the data folder)."""
    path = Path(bibfile) if bibfile else data_dir().parent / "references.bib"
    if not path.is_file():
        raise DataError(path, "bibliography not found")
    return bib.keys_in(path)


# --------------------------------------------------------------------------- hand-written checks


def _date_problem(raw: str, precision: str) -> str | None:
    """Why ``raw`` is not a date of ``precision``, or None if it is one."""
    if precision not in PRECISIONS:
        return None  # the precision column reports its own error (enum)
    if not _DATE_PATTERNS[precision].match(raw):
        examples = {"day": "1944-07-21", "month": "1944-07", "year": "1944"}
        return (f"{raw!r} is not a date of precision {precision!r} "
                f"(write it like {examples[precision]})")
    try:
        pd.Period(raw, freq={"day": "D", "month": "M", "year": "Y"}[precision])
    except ValueError:
        return f"{raw!r} is not a calendar date"
    return None


def _frictionless():
    if "jsonschema" not in sys.modules:
        _import_jsonschema()
    import frictionless  # imported on first use: it takes a moment

    return frictionless


def _import_jsonschema() -> None:
    """Import jsonschema, which Frictionless validates descriptors with, without ``rfc3987_syntax``.

    When ``rfc3987_syntax`` is installed (jupyter-events, a JupyterLab dependency, asks for it),
    jsonschema imports it to offer an "iri" format check, and importing it compiles a grammar:
    about two seconds in every process that loads a table (each notebook's kernel, each grading
    run). Frictionless validates descriptors without a format checker, so that check is never
    used here; the module is hidden while jsonschema is first imported (an import of a module set
    to ``None`` in ``sys.modules`` raises ImportError, which jsonschema allows for) and can be
    imported normally afterwards. The one difference in this process: a jsonschema
    ``FormatChecker`` made here has no "iri" check.
    """
    if "rfc3987_syntax" in sys.modules:
        import jsonschema  # noqa: F401  (the grammar is already built: nothing to save)
        return
    sys.modules["rfc3987_syntax"] = None
    try:
        import jsonschema  # noqa: F401
    finally:
        if sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


def _checks(res: dict, directory: Path, check_refs: bool) -> list:
    """Frictionless checks for the ``x-`` rules of one resource."""
    fl = _frictionless()

    class ItemsIn(fl.Check):
        """Every item of a (list) cell is one of ``allowed``; ``what`` names the allowed set."""

        type = "syrialev-items-in"
        Errors = [fl.errors.CellError]

        def __init__(self, field, sep, allowed, what):
            super().__init__()
            self.field, self.sep, self.allowed, self.what = field, sep, allowed, what

        def validate_row(self, row):
            raw = row[self.field]
            if raw is None:
                return
            items = [p.strip() for p in str(raw).split(self.sep)] if self.sep else [str(raw)]
            if "" in items:
                note = f"{raw!r} has an empty item in its {self.sep!r}-separated list"
            else:
                bad = [p for p in items if p not in self.allowed]
                if not bad:
                    return
                note = f"{', '.join(map(repr, bad))} {'is' if len(bad) == 1 else 'are'} not {self.what}"
            yield fl.errors.CellError.from_row(row, note=note, field_name=self.field)

    class DatePrecision(fl.Check):
        """The date in ``field`` has exactly the precision named in ``precision_field``."""

        type = "syrialev-date-precision"
        Errors = [fl.errors.CellError]

        def __init__(self, field, precision_field):
            super().__init__()
            self.field, self.precision_field = field, precision_field

        def validate_row(self, row):
            raw = row[self.field]
            note = _date_problem(str(raw), str(row[self.precision_field])) if raw is not None else None
            if note:
                yield fl.errors.CellError.from_row(row, note=note, field_name=self.field)

    checks = []
    for f in res["schema"]["fields"]:
        name, sep = f["name"], f.get("x-list")
        if f.get("x-bibkeys"):
            keys = bib_keys(directory.parent / "references.bib")
            checks.append(ItemsIn(name, sep, keys, "a source key of references.bib"))
        if f.get("x-item-enum"):
            allowed = ", ".join(f["x-item-enum"])
            checks.append(ItemsIn(name, sep, set(f["x-item-enum"]), f"an allowed value (allowed: {allowed})"))
        if f.get("x-refs") and sep and check_refs:
            table, column = f["x-refs"].split(".")
            values = set(_raw_column(table, column, directory))
            checks.append(ItemsIn(name, sep, values, f"a {column} of table {table!r}"))
        if f.get("x-date-precision"):
            checks.append(DatePrecision(name, f["x-date-precision"]))
    for low, high in res.get("x-ranges", []):
        checks += [fl.checks.row_constraint(formula=f) for f in _range_formulas(low, high)]
    return checks


def _range_formulas(low: str, high: str) -> tuple[str, str]:
    """Row constraints of an ``x-ranges`` pair: both bounds or neither, and low <= high."""
    return (f"({low} == None) == ({high} == None)", f"{low} == None or {high} == None or {low} <= {high}")


def _standard_descriptor(name: str, directory: Path, check_refs: bool) -> dict:
    """The package descriptor as Frictionless reads it: ``x-refs`` of single values become
    standard foreign keys (or are dropped with ``check_refs=False``)."""
    pkg = descriptor(directory)  # a copy of its own
    for res in pkg["resources"]:
        fks = []
        for f in res["schema"]["fields"]:
            if f.get("x-refs") and not f.get("x-list"):
                table, column = f["x-refs"].split(".")
                fks.append({"fields": f["name"],
                            "reference": {"resource": "" if table == res["name"] else table,
                                          "fields": column}})
        if fks and (check_refs or res["name"] != name):
            res["schema"]["foreignKeys"] = res["schema"].get("foreignKeys", []) + fks
        elif not check_refs and res["name"] == name:
            res["schema"].pop("foreignKeys", None)
    return pkg


def _raw_column(table: str, column: str, directory: Path) -> list:
    res = _resource(table, directory)
    frame = pd.read_csv(directory / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    return [v for v in frame[column] if v != ""] if column in frame else []


# --------------------------------------------------------------------------- validation


def _where(err, res: dict) -> str | None:
    """The column a Frictionless error is about (the first key field for a key error)."""
    if getattr(err, "field_name", None):
        return err.field_name
    if getattr(err, "field_names", None):
        return err.field_names[0]
    pk = res["schema"].get("primaryKey")
    if err.type == "primary-key" and pk:
        return pk if isinstance(pk, str) else pk[0]
    return None


def _constraint_message(cell, note: str) -> str:
    """Plain words for a broken field constraint (an empty required cell, an enum, a length)."""
    if cell in (None, "") and "required" in note:
        return "is empty but required"
    kind = re.match(r'constraint "(\w+)" is "(.*)"$', note)
    if kind and kind.group(1) == "enum":
        return f"{cell!r} is not an allowed value; allowed: {kind.group(2)}"
    if kind and kind.group(1) == "maxLength":
        return f"is {len(str(cell))} characters long, more than {kind.group(2)}"
    return f"{cell!r} breaks a constraint: {note}"


def _problem(err, res: dict, row: dict | None) -> tuple[str, str | None]:
    """A plain-words message and the column for a Frictionless error."""
    column = _where(err, res)
    if err.type == "row-constraint":
        low, high = next(p for p in res.get("x-ranges", []) if any(f'"{f}"' in err.note for f in _range_formulas(*p)))
        if "<=" in err.note:
            return (f"low bound {row.get(low)} is above the high bound {row.get(high)} "
                    f"({high} = {row.get(high)})", low)
        return f"only one bound of the range {low}/{high} is given", high if row.get(high) in (None, "") else low
    if err.type == "primary-key":
        first = re.search(r"position (\d+)", err.note)
        return f"duplicate key {row.get(column)!r} (first at line {first.group(1) if first else '?'})", column
    cell = getattr(err, "cell", None)
    if err.type == "type-error":
        return f"{cell!r} is not of the column's type ({err.note})", column
    if err.type == "constraint-error":
        return _constraint_message(cell, err.note or ""), column
    if err.type in ("cell-error", "foreign-key"):  # the hand-written checks and foreign keys
        return err.note, column
    if err.type in ("incorrect-label", "missing-label"):
        missing = [f["name"] for f in res["schema"]["fields"] if f["name"] not in row]
        if missing:
            return (f"missing column(s): {', '.join(missing)} (the header lists the descriptor's "
                    "fields in its order)"), None
    return err.message, column or getattr(err, "label", None)


#: Which error to report first within a row: the row's shape, then cells, then row constraints.
_ORDER = {"extra-cell": 0, "missing-cell": 0, "blank-row": 0, "row-constraint": 2}


def _validate(name: str, directory: Path, check_refs: bool) -> None:
    """Validate table ``name`` with Frictionless; raise :class:`DataError` at the first problem."""
    fl = _frictionless()
    res = _resource(name, directory)
    path = directory / res["path"]
    shown = _display(path)
    if not path.is_file():
        raise DataError(shown, "file not found")
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(shown, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not raw.strip():
        raise DataError(shown, "the file is empty (no header row)")
    try:
        package = fl.Package(_standard_descriptor(name, directory, check_refs), basepath=str(directory))
        resource = package.get_resource(name)
    except fl.FrictionlessException as exc:  # the descriptor breaks the Data Package standard
        notes = [r.note for r in exc.reasons] or [exc.error.note]
        raise DataError(_display(directory / "datapackage.json"),
                        "not a valid Data Package descriptor: " + "; ".join(notes)) from None
    report = resource.validate(checklist=fl.Checklist(checks=_checks(res, directory, check_refs)))
    errors = sorted(report.tasks[0].errors, key=lambda e: (getattr(e, "row_number", 0) or 1,
                                                          _ORDER.get(e.type, 1),
                                                          getattr(e, "field_number", 0) or 0))
    if not errors:
        return
    first = errors[0]
    line = getattr(first, "row_number", None) or 1  # header and file errors: line 1
    problem, column = _problem(first, res, _row_at(path, line))
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''} in this file)"
    raise DataError(shown, problem, line=line, column=column)


def _row_at(path: Path, line: int) -> dict:
    """The row at ``line`` (header is line 1) as {column: text}."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    record = rows[line - 1] if 0 < line <= len(rows) else []
    return dict(zip(header, (v or None for v in record), strict=False))


def _stamp(directory: Path) -> tuple:
    """What a validation result depends on: the descriptor, every table and the bibliography."""
    files = [directory / "datapackage.json", directory.parent / "references.bib",
             *sorted(directory.glob("*.csv"))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


@lru_cache(maxsize=64)
def _validated(name: str, directory: str, check_refs: bool, stamp: tuple) -> None:
    _validate(name, Path(directory), check_refs)


# --------------------------------------------------------------------------- loading


def _typed(frame: pd.DataFrame, fields: list) -> pd.DataFrame:
    for field in fields:
        col, kind = field["name"], field.get("type", "string")
        if kind in ("integer", "year") and not field.get("x-list"):
            frame[col] = pd.to_numeric(frame[col]).astype("Int64")
        elif kind == "number" and not field.get("x-list"):
            frame[col] = pd.to_numeric(frame[col]).astype(float)
        else:
            frame[col] = frame[col].astype("string")
        if field.get("x-list"):
            frame[col] = _normalised_list(frame[col], field["x-list"])
    return frame


def _normalised_list(column: pd.Series, sep: str) -> pd.Series:
    """List cells written ``a; b`` or ``a ;b`` become ``a;b``: every user splits on ``sep`` alone.

    Validation strips list items, so a padded cell is valid; normalising it here, once, means no
    user of the table can silently miss an item by splitting without stripping.
    """
    return column.map(lambda cell: cell if pd.isna(cell)
                      else sep.join(item.strip() for item in str(cell).split(sep)),
                      na_action="ignore").astype("string")


def load(name: str, directory: Path | None = None, *, check_refs: bool = True) -> pd.DataFrame:
    """Load table ``name`` after validating it against the descriptor (see the module docstring).

    Returns a DataFrame with one column per field, in the descriptor's order: integers as pandas'
    nullable ``Int64``, numbers as ``float``, text, dates and lists as ``str`` (empty cells as
    ``<NA>``). ``check_refs=False`` skips the checks against other tables' values.
    Raises :class:`DataError` naming the file, line and column of the first problem found.
    """
    directory = Path(directory) if directory else data_dir()
    res = _resource(name, directory)
    _validated(name, str(directory.resolve()), check_refs, _stamp(directory))
    fields = res["schema"]["fields"]
    frame = pd.read_csv(directory / res["path"], dtype=str, keep_default_na=False, na_values=[""],
                        encoding="utf-8", skip_blank_lines=True)
    frame = _typed(frame[[f["name"] for f in fields]].copy(), fields)
    frame.attrs["name"] = name
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["path"] = _display(directory / res["path"])
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


def event_end(date: str, precision: str) -> pd.Timestamp:
    """The last day that a date of the given precision can mean (``'1971'`` -> 31 December 1971)."""
    start = event_start(date, precision)
    offset = {"day": pd.offsets.Day(0), "month": pd.offsets.MonthEnd(0),
              "year": pd.offsets.YearEnd(0)}[precision]
    return start + offset


def main(argv: list[str] | None = None) -> int:
    """``python -m syrialev.data [TABLE ...]``: validate tables (default: all); exit 1 on a problem."""
    import sys

    names = (sys.argv[1:] if argv is None else argv) or table_names()
    try:
        for name in names:
            load(name)
    except (DataError, KeyError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(names)} table(s) valid: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
