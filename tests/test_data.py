"""Data tables: every real table validates; every kind of malformed table fails clearly."""

from __future__ import annotations

import json
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
    import frictionless

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
             {"name": "allies", "type": "string", "x-list": ";", "x-refs": "actors.actor_id"},
             {"name": "vetoed_by", "type": "string", "x-list": ";",
              "x-item-enum": ["russia", "china"]},
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
    "event_id,date,date_precision,category,low,high,actor,allies,vetoed_by,source\n"
    "a,1944-07-21,day,diplomacy,1,2,russia,syria,russia,key1\n"
    "b,1971,year,military_cooperation,,,syria,russia;syria,russia;china,key1;key2\n"
    "c,1980-10,month,diplomacy,5,5,,,,key2\n"
)
ROW_C = "c,1980-10,month,diplomacy,5,5,,,,key2"


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


def test_good_fixture_loads(mini):
    frame = data.load("events", mini)
    assert list(frame["event_id"]) == ["a", "b", "c"]
    assert frame["low"].dtype == "Int64" and pd.isna(frame["low"][1])
    assert frame["allies"][1] == "russia;syria" and pd.isna(frame["allies"][2])


def test_list_cells_with_spaces_are_normalised_at_load(mini):
    """`a; b` and `a;b` mean the same list: every user of a list cell gets the items unpadded."""
    write(mini, GOOD.replace("russia;syria,russia;china,key1;key2", "russia ; syria,russia; china,key1; key2"))
    frame = data.load("events", mini)
    assert frame["allies"][1] == "russia;syria"
    assert frame["vetoed_by"][1] == "russia;china"
    assert frame["source"][1] == "key1;key2"


def test_spaced_sources_keep_every_claim_event_link(tmp_path):
    """Claim c01 cited `a; b` once lost 5 of its 6 events; now the links are the same."""
    import shutil

    from syrialev.chapters import held_up

    before = held_up.claim_event_links()
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    for bibdir in ("bib",):
        shutil.copytree(ROOT / bibdir, tmp_path / bibdir)
    path = copy / "scorecard.csv"
    text = path.read_text(encoding="utf-8")
    sc = data.load("scorecard")
    c01 = sc.loc[sc["claim_id"] == "c01", "source"].iloc[0]
    assert ";" in c01, "fixture needs a claim with several sources"
    path.write_text(text.replace(c01, c01.replace(";", "; "), 1), encoding="utf-8")
    spaced = data.load("scorecard", copy)
    after = held_up.claim_event_links(scorecard=spaced)
    assert after[after.claim_id == "c01"].equals(before[before.claim_id == "c01"].reset_index(drop=True))


def test_descriptor_is_a_copy():
    """A caller that edits the descriptor it was given does not change anyone else's."""
    first = data.descriptor()
    first["resources"].clear()
    assert data.descriptor()["resources"], "descriptor() handed out its cached dict"


def _drop_column(text: str, name: str) -> str:
    rows = [r.split(",") for r in text.splitlines()]
    i = rows[0].index(name)
    return "\n".join(",".join(r[:i] + r[i + 1:]) for r in rows) + "\n"


def _add_column(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0] + ",extra", *(r + ",x" for r in lines[1:])]) + "\n"


#: One malformed table per row: (id, the table's text, line, column, fragments of the message).
BROKEN = [
    ("missing column", _drop_column(GOOD, "category"), 1, None, ["missing column(s): category"]),
    ("unexpected column", _add_column(GOOD), 1, "extra", ['extra label "extra"']),
    ("not a calendar date", GOOD.replace("1944-07-21", "1944-13-21"), 2, "date",
     ["'1944-13-21' is not a calendar date"]),
    ("date more precise than its precision", GOOD.replace("1971,year", "1971-03-01,year"), 3, "date",
     ["not a date of precision 'year'", "write it like 1944"]),
    ("unknown source key", GOOD.replace("key1;key2", "key1;nokey"), 3, "source",
     ["'nokey' is not a source key of references.bib"]),
    ("empty list item", GOOD.replace("key1;key2", "key1;;key2"), 3, "source", ["empty item"]),
    ("low above high", GOOD.replace("diplomacy,1,2", "diplomacy,9,2"), 2, "low",
     ["low bound 9 is above the high bound 2"]),
    ("only one bound", GOOD.replace("diplomacy,1,2", "diplomacy,1,"), 2, "high",
     ["only one bound of the range low/high"]),
    ("value outside the enum", GOOD.replace("1980-10,month,diplomacy", "1980-10,month,tourism"), 4,
     "category", ["'tourism'", "not an allowed value", "diplomacy"]),
    ("not a whole number", GOOD.replace("5,5", "five,5"), 4, "low", ["'five'", "integer"]),
    ("below the minimum", GOOD.replace("5,5", "-5,5"), 4, "low", ["'-5'", "minimum"]),
    ("required value missing", GOOD.replace(ROW_C, ROW_C.removesuffix("key2")), 4, "source",
     ["empty but required"]),
    ("wrong number of cells", GOOD.replace(ROW_C, ROW_C.removesuffix(",key2")), 4, "source",
     ["missing cell"]),
    ("duplicate key", GOOD.replace("c,1980-10", "a,1980-10"), 4, "event_id",
     ["duplicate key 'a' (first at line 2)"]),
    ("unknown row of another table", GOOD.replace(",russia,syria,", ",atlantis,syria,"), 2, "actor",
     ['"atlantis" not found', '"actors"']),
    ("unknown row in a list of references", GOOD.replace("russia;syria", "russia;atlantis"), 3, "allies",
     ["'atlantis' is not a actor_id of table 'actors'"]),
    ("list item outside its enum", GOOD.replace("russia;china", "russia;france"), 3, "vetoed_by",
     ["'france' is not an allowed value (allowed: russia, china)"]),
]


@pytest.mark.parametrize(("text", "line", "column", "fragments"), [b[1:] for b in BROKEN],
                         ids=[b[0] for b in BROKEN])
def test_broken_table_names_file_line_and_column(mini, text, line, column, fragments):
    write(mini, text)
    with pytest.raises(DataError) as info:
        data.load("events", mini)
    err, msg = info.value, str(info.value)
    assert err.file.endswith("events.csv") and "events.csv" in msg
    assert (err.line, err.column) == (line, column), msg
    for frag in fragments:
        assert frag in msg, msg
    assert msg.startswith(f"{err.file}, line {line}" + (f", column '{column}'" if column else "")), msg


def test_the_first_problem_is_reported_and_the_rest_counted(mini):
    write(mini, GOOD.replace("diplomacy,1,2", "diplomacy,one,2")
          .replace("1980-10,month,diplomacy", "1980-10,month,tourism"))
    with pytest.raises(DataError, match=r"line 2, column 'low'.*more problem"):
        data.load("events", mini)


def test_references_can_be_skipped(mini):
    write(mini, GOOD.replace(",russia,syria,", ",atlantis,syria,"))
    assert len(data.load("events", mini, check_refs=False)) == 3


def test_a_fixed_table_loads_again(mini):
    write(mini, GOOD.replace("5,5", "five,5"))
    with pytest.raises(DataError):
        data.load("events", mini)
    write(mini, GOOD + "d,2001,year,diplomacy,,,,,,key1\n")  # validation results never go stale
    assert list(data.load("events", mini)["event_id"]) == ["a", "b", "c", "d"]


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


def test_loading_a_table_does_not_build_the_iri_grammar():
    """A kernel that loads a table does not pay for jsonschema's optional "iri" check (importing
    ``rfc3987_syntax`` compiles a grammar, about two seconds per process), which Frictionless never
    uses; the module can still be imported afterwards, and a broken descriptor is still refused."""
    import subprocess
    import sys

    code = ("import sys, importlib.util\n"
            "from syrialev import data\n"
            "data.load('scorecard')\n"
            "assert 'jsonschema' in sys.modules, 'the descriptor was not validated with jsonschema'\n"
            "print('rfc3987_syntax' in sys.modules)\n"
            "if importlib.util.find_spec('rfc3987_syntax'):\n"
            "    import rfc3987_syntax\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_a_descriptor_against_the_profile_is_still_refused(tmp_path):
    import shutil
    import sys

    for name in ("datapackage.json", "scorecard.csv"):
        shutil.copy(data.data_dir() / name, tmp_path / name)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] == "scorecard"]
    descriptor["licenses"] = "MIT"  # the Data Package profile (a JSON Schema) wants a list
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"datapackage\.json: not a valid Data Package descriptor: "
                                             r"'MIT' is not of type 'array' at property 'licenses'") as caught:
        data.load("scorecard", tmp_path, check_refs=False)
    assert caught.value.file == str(tmp_path / "datapackage.json")
    assert "jsonschema" in sys.modules


def test_a_field_type_the_standard_lacks_names_the_descriptor(tmp_path):
    import shutil

    for name in ("datapackage.json", "scorecard.csv"):
        shutil.copy(data.data_dir() / name, tmp_path / name)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] == "scorecard"]
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "strnig"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"datapackage\.json: not a valid Data Package descriptor: "
                                             r'field type "strnig" is not supported'):
        data.load("scorecard", tmp_path, check_refs=False)
