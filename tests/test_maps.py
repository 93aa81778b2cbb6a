"""The map of Syria: its places table, the vendored borders, the drawing and its alt text."""

from __future__ import annotations

import json
import re
from math import cos, hypot, radians
from pathlib import Path

import pandas as pd
import pytest

from syrialev import data, maps
from syrialev.tools import borders as borders_tool

ROOT = Path(__file__).resolve().parents[1]
#: The prose a reader sees.
PROSE = sorted([*ROOT.glob("chapters/text/*.md"), ROOT / "chapters" / "models.md", *ROOT.glob("coursework/*.md"),
                *ROOT.glob("short/*.md"), ROOT / "intro.md"])
#: Places in Syria that prose about the war might name, with the spellings to look for. Kept
#: independent of the places table, so a place newly named in a chapter fails here until the table
#: has it. (Governorate capitals, bases, and the towns of the war's best-known events.)
SYRIAN_PLACES = {
    "Damascus": ["Damascus"], "Aleppo": ["Aleppo"], "Homs": ["Homs"], "Hama": ["Hama"],
    "Latakia": ["Latakia"], "Tartus": ["Tartus", "Tartous"], "Idlib": ["Idlib"],
    "Raqqa": ["Raqqa"], "Deir ez-Zor": ["Deir ez-Zor", "Deir ez Zor", "Deir al-Zor"],
    "Qamishli": ["Qamishli"], "Daraa": ["Daraa", "Deraa"], "Palmyra": ["Palmyra", "Tadmur"],
    "Khan Shaykhun": ["Khan Shaykhun", "Khan Sheikhoun", "Khan Sheikhun"],
    "Hmeimim": ["Hmeimim", "Khmeimim", "Hmeymim"], "Shayrat": ["Shayrat", "Shairat"],
    "Douma": ["Douma"], "Ghouta": ["Ghouta"], "Saraqib": ["Saraqib"],
    "Khasham": ["Khasham"], "al-Qusayr": ["Qusayr"], "Hasakah": ["Hasakah", "Hasakeh"],
    "Suwayda": ["Suwayda", "Sweida"], "Quneitra": ["Quneitra"], "Manbij": ["Manbij"],
    "Afrin": ["Afrin"], "Kobani": ["Kobani", "Kobane"], "al-Bab": ["al-Bab"],
    "Jarabulus": ["Jarabulus"], "Tabqa": ["Tabqa"], "Abu Kamal": ["Abu Kamal", "Albu Kamal"],
    "al-Tanf": ["Tanf"], "Golan": ["Golan"], "Madaya": ["Madaya"], "Zabadani": ["Zabadani"],
    "Darayya": ["Darayya", "Daraya"], "Harasta": ["Harasta"], "Jableh": ["Jableh", "Jablah"],
    "Baniyas": ["Baniyas", "Banias"], "Tiyas (T-4)": ["Tiyas", "T-4 air base"],
}
#: Spellings that stand for a place on the map under another name (Ghouta is drawn at Douma).
SHOWN_AS = {"Ghouta": "Douma"}


def _named_in_prose() -> dict[str, list[str]]:
    named: dict[str, list[str]] = {}
    for path in PROSE:
        text = path.read_text(encoding="utf-8")
        for place, spellings in SYRIAN_PLACES.items():
            for spelled in spellings:
                m = re.search(r"\b" + re.escape(spelled) + r"\b", text)
                if m:
                    line = text.count("\n", 0, m.start()) + 1
                    named.setdefault(place, []).append(f"{path.relative_to(ROOT)}:{line}")
                    break
    return named


@pytest.fixture(scope="module")
def places():
    return maps.places()


def test_every_place_the_book_names_is_on_the_map(places):
    named = _named_in_prose()
    assert {"Tartus", "Shayrat", "Khan Shaykhun", "Damascus"} <= set(named)
    on_map = set(places["name"])
    missing = [f"{place} (named at {where[0]})" for place, where in named.items()
               if SHOWN_AS.get(place, place) not in on_map]
    assert not missing, "places the prose names that the map lacks: " + "; ".join(missing)


def test_the_douma_label_carries_ghouta(places):
    assert "Eastern Ghouta" in places.set_index("place_id").loc["douma", "label"]


def _km_to_syria(lon: float, lat: float) -> float:
    """Distance (km, equirectangular at the point's latitude) from a point to Syria's border."""
    kx, ky = 111.32 * cos(radians(lat)), 110.57
    best = float("inf")
    for ring in maps.syria_outline():
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            ax, ay, bx, by = (x1 - lon) * kx, (y1 - lat) * ky, (x2 - lon) * kx, (y2 - lat) * ky
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            best = min(best, hypot(ax + t * dx, ay + t * dy))
    return best


def test_every_place_lies_in_syria(places):
    """Inside Syria's bounding box, and inside its border as Natural Earth draws it, or (a coastal
    town whose point the 1:50m coastline leaves just offshore) within 5 km of it."""
    outline = [p for ring in maps.syria_outline() for p in ring]
    lon0, lon1 = min(x for x, _ in outline), max(x for x, _ in outline)
    lat0, lat1 = min(y for _, y in outline), max(y for _, y in outline)
    assert (lon0, lon1, lat0, lat1) == pytest.approx((35.5, 42.5, 32.2, 37.4), abs=0.3)
    problems = []
    for r in places.itertuples():
        if not (lon0 <= r.lon <= lon1 and lat0 <= r.lat <= lat1):
            problems.append(f"{r.name}: {r.lat}, {r.lon} is outside Syria's bounding box")
        elif not maps.inside_syria(r.lon, r.lat) and _km_to_syria(r.lon, r.lat) > 5:
            problems.append(f"{r.name}: {r.lat}, {r.lon} is {_km_to_syria(r.lon, r.lat):.0f} km outside Syria")
    assert not problems, "\n".join(problems)


def test_known_positions_relative_to_each_other(places):
    """Sanity checks any atlas gives: Aleppo north of Damascus, Deir ez-Zor east of Homs, the
    coastal bases west of Homs, Shayrat south-east of Homs."""
    p = places.set_index("place_id")
    assert p.loc["aleppo", "lat"] > p.loc["hama", "lat"] > p.loc["homs", "lat"] > p.loc["damascus", "lat"]
    assert p.loc["deir_ez_zor", "lon"] > p.loc["palmyra", "lon"] > p.loc["homs", "lon"]
    assert p.loc["hmeimim", "lon"] < p.loc["homs", "lon"] and p.loc["tartus", "lon"] < p.loc["homs", "lon"]
    assert p.loc["shayrat", "lat"] < p.loc["homs", "lat"] and p.loc["shayrat", "lon"] > p.loc["homs", "lon"]


def test_every_row_has_a_gazetteer_id_matching_its_source(places):
    for r in places.itertuples():
        sources = r.source.split(";")
        if r.gazetteer_id.startswith("geonames:"):
            assert "geonames_cities500" in sources, r.name
        else:
            assert r.gazetteer_id.startswith("icao:") and "airportsdata2026" in sources, r.name


def test_alt_text_lists_every_place_with_where_it_lies(places):
    alt = maps.alt_text()
    for r in places.itertuples():
        assert r.name in alt, r.name
    assert "Hmeimim, Russian air base (west)" in alt
    assert "Qamishli (north-east)" in alt and "Daraa (south-west)" in alt
    for neighbour in ("Turkey", "Iraq", "Jordan", "Lebanon", "Israel"):
        assert neighbour in alt


def test_alt_text_follows_the_table():
    table = pd.DataFrame([dict(place_id="x", name="Somewhere", label="Somewhere", kind="town",
                               lat=36.9, lon=42.0)])
    alt = maps.alt_text(table)
    assert "Towns: Somewhere (north-east)" in alt and "Damascus" not in alt


def test_the_map_draws(places):
    fig = maps.syria_map()
    assert fig.png.startswith(b"\x89PNG") and len(fig.png) > 5000
    assert fig.alt == maps.alt_text() and "Natural Earth" in fig.caption


@pytest.mark.parametrize("change, message", [
    (lambda t: t.drop(columns="lat"), "missing column"),
    (lambda t: t.assign(kind="castle"), "unknown kind"),
    (lambda t: t.assign(lon=10.0), "outside the map's frame"),
])
def test_bad_tables_are_refused_with_a_reason(places, change, message):
    with pytest.raises(ValueError, match=message):
        maps.syria_map(change(places.copy()))


def test_vendored_borders_carry_their_provenance():
    collection = json.loads((data.data_dir() / maps.BORDERS_FILE).read_text(encoding="utf-8"))
    prov = collection["x-provenance"]
    assert "Natural Earth" in prov["source"] and "world-atlas 2.0.2" in prov["source"]
    assert "public domain" in prov["licence"]
    names = {f["properties"]["name"] for f in collection["features"]}
    assert {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel"} <= names


def test_topojson_decoding_undoes_deltas_quantisation_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [30, 30]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}, "id": "1"},
            {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"name": "Backwards"}, "id": "2"},
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Far"}, "id": "3"},
        ]}},
    }
    arcs = borders_tool.decode_arcs(topology)
    assert arcs[0] == [(30.0, 30.0), (31.0, 30.0), (31.0, 31.0)]
    out = borders_tool.extract(topology, names=("Square", "Backwards"), frame=(29, 29, 32, 32))
    square, backwards = (f["geometry"]["coordinates"][0][0] for f in out["features"])
    assert square == [[30, 30], [31, 30], [31, 31], [30, 31], [30, 30]]
    assert backwards == list(reversed(square))
    assert out["x-provenance"] == borders_tool.PROVENANCE
    with pytest.raises(ValueError, match="Nowhere"):
        borders_tool.extract(topology, names=("Square", "Nowhere"), frame=(29, 29, 32, 32))


@pytest.mark.book
@pytest.mark.parametrize("page", ["chapters/01_long_ties.html", "coursework/roleplay.html"])
def test_the_map_is_in_the_built_book_where_places_are_first_named(html_dir, page):
    html = (html_dir / page).read_text(encoding="utf-8")
    assert 'alt="Map of Syria with its borders' in html, page
