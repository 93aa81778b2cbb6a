"""Data tables: every real table validates; every kind of malformed table fails clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from syrialev import data
from syrialev.data import DataError

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- the real tables


def test_every_table_listed_and_present():
    pkg = data.descriptor(ROOT / "data")
    listed = {r["path"] for r in pkg["resources"]}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert listed == on_disk, f"CSV files without a descriptor or descriptors without a file: {listed ^ on_disk}"


@pytest.mark.parametrize("name", data.table_names(ROOT / "data"))
def test_table_validates_and_every_row_is_sourced(name):
    frame = data.load(name, ROOT / "data")
    assert len(frame) > 0
    keys = data.bib_keys(ROOT / "references.bib")
    for i, sources in enumerate(frame["source"]):
        assert isinstance(sources, str) and sources, f"{name} row {i} has no source"
        for key in sources.split(";"):
            assert key in keys, f"{name} row {i}: {key} not in references.bib"
    assert set(frame["confidence"]) <= {"high", "medium", "low"}


def test_descriptor_is_a_valid_frictionless_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, "\n".join(errors[:20])


def test_event_start_never_invents_precision():
    assert data.event_start("1971", "year") == pd.Timestamp("1971-01-01")
    assert data.event_start("1944-07", "month") == pd.Timestamp("1944-07-01")
    with pytest.raises(ValueError, match="precision 'day'"):
        data.event_start("1944-07", "day")


# ----------------------------------------------------------------------------- broken fixtures

DESCRIPTOR = {
    "name": "mini",
    "resources": [
        {"name": "events", "path": "events.csv", "profile": "tabular-data-resource",
         "x-ranges": [["low", "high"]],
         "schema": {"primaryKey": "event_id", "fields": [
             {"name": "event_id", "type": "string", "constraints": {"required": True}},
             {"name": "date", "type": "string", "constraints": {"required": True},
              "x-date-precision": "date_precision"},
             {"name": "date_precision", "type": "string",
              "constraints": {"required": True, "enum": ["day", "month", "year"]}},
             {"name": "category", "type": "string",
              "constraints": {"required": True, "enum": ["diplomacy", "military_cooperation"]}},
             {"name": "low", "type": "integer", "constraints": {"minimum": 0}},
             {"name": "high", "type": "integer", "constraints": {"minimum": 0}},
             {"name": "actor", "type": "string", "x-refs": "actors.actor_id"},
             {"name": "source", "type": "string", "constraints": {"required": True},
              "x-list": ";", "x-bibkeys": True},
         ]}},
        {"name": "actors", "path": "actors.csv", "profile": "tabular-data-resource",
         "schema": {"fields": [{"name": "actor_id", "type": "string"},
                               {"name": "source", "type": "string", "x-list": ";",
                                "x-bibkeys": True}]}},
    ],
}
GOOD = (
    "event_id,date,date_precision,category,low,high,actor,source\n"
    "a,1944-07-21,day,diplomacy,1,2,russia,key1\n"
    "b,1971,year,military_cooperation,,,syria,key1;key2\n"
    "c,1980-10,month,diplomacy,5,5,,key2\n"
)


@pytest.fixture
def mini(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "datapackage.json").write_text(json.dumps(DESCRIPTOR))
    (d / "actors.csv").write_text("actor_id,source\nrussia,key1\nsyria,key2\n")
    (d / "events.csv").write_text(GOOD)
    (tmp_path / "references.bib").write_text("@book{key1, title={A}}\n@online{key2,\n title={B}}\n")
    return d


def write(d: Path, text: str):
    (d / "events.csv").write_text(text)


def expect(d: Path, line, column, *fragments):
    with pytest.raises(DataError) as info:
        data.load("events", d)
    err = info.value
    assert err.file.endswith("events.csv")
    assert err.line == line, str(err)
    assert err.column == column, str(err)
    msg = str(err)
    assert "events.csv" in msg
    for frag in fragments:
        assert frag in msg, msg
    return err


def test_good_fixture_loads(mini):
    frame = data.load("events", mini)
    assert list(frame["event_id"]) == ["a", "b", "c"]
    assert frame["low"].dtype == "Int64" and pd.isna(frame["low"][1])


def test_missing_column(mini):
    write(mini, GOOD.replace(",category", "").replace(",diplomacy", "").replace(",military_cooperation", ""))
    expect(mini, 1, None, "missing column(s): category")


def test_unexpected_column(mini):
    write(mini, GOOD.splitlines()[0] + ",extra\n" + "\n".join(r + ",x" for r in GOOD.splitlines()[1:]))
    expect(mini, 1, None, "not in the descriptor: extra")


def test_bad_date(mini):
    write(mini, GOOD.replace("1944-07-21", "1944-13-21"))
    expect(mini, 2, "date", "'1944-13-21'", "not a calendar date")


def test_date_more_precise_than_its_precision(mini):
    write(mini, GOOD.replace("1971,year", "1971-03-01,year"))
    expect(mini, 3, "date", "precision 'year'")


def test_unknown_source_key(mini):
    write(mini, GOOD.replace("key1;key2", "key1;nokey"))
    expect(mini, 3, "source", "unknown source key(s) nokey")


def test_low_above_high(mini):
    write(mini, GOOD.replace("diplomacy,1,2", "diplomacy,9,2"))
    expect(mini, 2, "low", "low bound 9 is above the high bound 2")


def test_only_one_bound(mini):
    write(mini, GOOD.replace("diplomacy,1,2", "diplomacy,1,"))
    expect(mini, 2, "high", "only one bound")


def test_unknown_category(mini):
    write(mini, GOOD.replace("1980-10,month,diplomacy", "1980-10,month,tourism"))
    expect(mini, 4, "category", "'tourism' is not an allowed value")


def test_not_a_number(mini):
    write(mini, GOOD.replace("5,5", "five,5"))
    expect(mini, 4, "low", "not a whole number")


def test_missing_required_value(mini):
    write(mini, GOOD.replace("c,1980-10,month,diplomacy,5,5,,key2", "c,1980-10,month,diplomacy,5,5,,"))
    expect(mini, 4, "source", "empty but required")


def test_wrong_number_of_cells(mini):
    write(mini, GOOD.replace("c,1980-10,month,diplomacy,5,5,,key2", "c,1980-10,month,diplomacy,5,5,key2"))
    expect(mini, 4, None, "7 cells where the header has 8")


def test_duplicate_key(mini):
    write(mini, GOOD.replace("c,1980-10", "a,1980-10"))
    expect(mini, 4, "event_id", "duplicate key 'a' (first at line 2)")


def test_reference_to_unknown_row_of_other_table(mini):
    write(mini, GOOD.replace(",russia,", ",atlantis,"))
    expect(mini, 2, "actor", "'atlantis' is not a actor_id of table 'actors'")


def test_empty_list_item(mini):
    write(mini, GOOD.replace("key1;key2", "key1;;key2"))
    expect(mini, 3, "source", "empty item")


def test_missing_file(mini):
    (mini / "events.csv").unlink()
    with pytest.raises(DataError, match="events.csv: file not found"):
        data.load("events", mini)


def test_not_utf8(mini):
    (mini / "events.csv").write_bytes(GOOD.replace("diplomacy,1", "diplomacy,\xe9").encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        data.load("events", mini)


def test_unknown_table_names_the_tables(mini):
    with pytest.raises(KeyError, match="events, actors"):
        data.load("nope", mini)


def test_malformed_descriptor(mini):
    (mini / "datapackage.json").write_text('{"resources": [}')
    with pytest.raises(DataError, match="datapackage.json, line 1: not valid JSON"):
        data.descriptor(mini)
