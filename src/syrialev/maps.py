"""The map of Syria: the places the book names, over the neighbours' borders.

Places come from the sourced table ``data/places.csv`` (a gazetteer point per place, with its
source); borders from ``data/borders_levant.geojson``, Natural Earth's public-domain 1:50m
countries vendored from the npm package ``world-atlas`` (see :mod:`syrialev.tools.borders`).
Nothing is downloaded. :func:`syria_map` draws them with matplotlib in a plain longitude-latitude
frame with the aspect corrected at Syria's latitude (a fair picture at this scale), and returns a
:class:`syrialev.plots.Figure` whose alt text is written from the same table: every place, what
kind it is, and where it lies in the country.
"""

from __future__ import annotations

import json
from functools import lru_cache
from math import cos, radians

import pandas as pd

from . import data, plots

__all__ = ["BORDERS_FILE", "places", "borders", "syria_outline", "inside_syria", "region_of",
           "alt_text", "syria_map"]

BORDERS_FILE = "borders_levant.geojson"
#: The map's frame (lon_min, lon_max, lat_min, lat_max): Syria with a margin of its neighbours.
FRAME = (33.7, 42.9, 32.0, 37.65)
#: Neighbours labelled on the map, at a point inside each within the frame.
NEIGHBOUR_LABELS = {"Turkey": (38.6, 37.45), "Iraq": (42.2, 34.2), "Jordan": (37.3, 32.2),
                    "Lebanon": (35.55, 33.75), "Israel": (34.95, 32.35)}
#: Label offsets (points) for places whose labels would collide with a neighbour's.
OFFSETS = {"hmeimim": (-7, -5), "latakia": (-7, 2), "tartus": (-7, -2), "khan_shaykhun": (6, -3),
           "saraqib": (6, -2), "idlib": (-6, 3), "homs": (6, 0), "qusayr": (-6, -7),
           "shayrat": (6, -6), "hama": (6, 1), "douma": (6, 3), "damascus": (6, -10),
           "deir_ez_zor": (-6, 4), "khasham": (6, -7)}
KIND_STYLE = {  # marker, size, colour, drawn label weight
    "capital": ("*", 12, plots.OKABE_ITO["black"], "bold"),
    "city": ("o", 5, plots.OKABE_ITO["black"], "normal"),
    "town": ("o", 4, plots.OKABE_ITO["grey"], "normal"),
    "village": ("o", 3, plots.OKABE_ITO["grey"], "normal"),
    "air base": ("^", 7, plots.OKABE_ITO["vermillion"], "normal"),
}


def places(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The places table (``data.load("places")``), or ``table`` checked for the columns the map needs."""
    t = data.load("places") if table is None else table
    missing = {"place_id", "name", "label", "kind", "lat", "lon"} - set(t.columns)
    if missing:
        raise ValueError(f"places table: missing column(s) {', '.join(sorted(missing))}")
    unknown = set(t["kind"]) - set(KIND_STYLE)
    if unknown:
        raise ValueError(f"places table: unknown kind(s) {', '.join(sorted(unknown))}; "
                         f"expected one of {', '.join(KIND_STYLE)}")
    return t


@lru_cache(maxsize=2)
def _borders_at(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        collection = json.load(fh)
    if collection.get("type") != "FeatureCollection" or not collection.get("features"):
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection with features")
    return collection


def borders() -> dict:
    """The vendored GeoJSON of Syria and its neighbours (with its ``x-provenance``)."""
    return _borders_at(str(data.data_dir() / BORDERS_FILE))


def _rings(feature: dict):
    for polygon in feature["geometry"]["coordinates"]:
        yield from polygon[:1]  # outer rings only (the countries here have no holes that matter)


def syria_outline() -> list[list[tuple[float, float]]]:
    """Syria's outer ring(s) as drawn by Natural Earth."""
    for feature in borders()["features"]:
        if feature["properties"]["name"] == "Syria":
            return [[tuple(p) for p in ring] for ring in _rings(feature)]
    raise ValueError(f"{BORDERS_FILE}: no feature named Syria")


def inside_syria(lon: float, lat: float) -> bool:
    """Whether a point lies inside Syria's border as drawn."""
    from matplotlib.path import Path

    return any(Path(ring).contains_point((lon, lat)) for ring in syria_outline())


def region_of(lon: float, lat: float) -> str:
    """Where a point lies in Syria, in words ("north-west", "centre", "east"...), by thirds of the
    country's bounding box."""
    xs = [x for ring in syria_outline() for x, _ in ring]
    ys = [y for ring in syria_outline() for _, y in ring]
    fx = (lon - min(xs)) / (max(xs) - min(xs))
    fy = (lat - min(ys)) / (max(ys) - min(ys))
    ns = "north" if fy > 2 / 3 else "south" if fy < 1 / 3 else ""
    ew = "east" if fx > 2 / 3 else "west" if fx < 1 / 3 else ""
    return f"{ns}-{ew}" if ns and ew else (ns or ew or "centre")


def alt_text(table: pd.DataFrame | None = None) -> str:
    """The map in words, from the table: each place with its kind and where it lies."""
    t = places(table)
    parts = []
    for kind, word in (("capital", "the capital"), ("air base", "air bases"), ("city", "cities"),
                       ("town", "towns"), ("village", "villages")):
        rows = t[t["kind"] == kind]
        if rows.empty:
            continue
        items = [f"{r.label.replace(' (', ', ').rstrip(')')} ({region_of(r.lon, r.lat)})"
                 for r in rows.itertuples()]
        parts.append(f"{word}: " + "; ".join(items))
    neighbours = list(NEIGHBOUR_LABELS)
    return ("Map of Syria with its borders and its neighbours (" + ", ".join(neighbours)
            + ") and the Mediterranean coast to the west. Marked, with where each lies in Syria: "
            + ". ".join(p[0].upper() + p[1:] for p in parts) + ".")


def syria_map(table: pd.DataFrame | None = None, caption: str | None = None) -> plots.Figure:
    """Draw the places over the borders; return the figure with alt text from the table."""
    t = places(table)
    outside = [r.name for r in t.itertuples() if not (FRAME[0] <= r.lon <= FRAME[1] and FRAME[2] <= r.lat <= FRAME[3])]
    if outside:
        raise ValueError(f"places outside the map's frame: {', '.join(outside)}")
    lon0, lon1, lat0, lat1 = FRAME
    aspect = 1 / cos(radians((lat0 + lat1) / 2))
    width = plots.WIDTH
    fig, ax = plots.new_figure(height=width * (lat1 - lat0) * aspect / (lon1 - lon0), width=width)
    ax.set_facecolor("#dcebf5")  # the sea
    for feature in borders()["features"]:
        syria = feature["properties"]["name"] == "Syria"
        for ring in _rings(feature):
            xs, ys = zip(*ring)
            ax.fill(xs, ys, facecolor="#fbf3dc" if syria else "#f2f2f2", edgecolor="#555555",
                    linewidth=1.2 if syria else 0.6, zorder=2 if syria else 1)
    for name, (x, y) in NEIGHBOUR_LABELS.items():
        ax.text(x, y, name.upper(), ha="center", va="center", fontsize=8, color="#595959", zorder=3)
    for r in t.itertuples():
        marker, size, colour, weight = KIND_STYLE[r.kind]
        ax.plot(r.lon, r.lat, marker=marker, markersize=size, color=colour, zorder=4,
                markeredgecolor="white", markeredgewidth=0.5)
        dx, dy = OFFSETS.get(r.place_id, (6, 2))
        ax.annotate(r.label, (r.lon, r.lat), xytext=(dx, dy), textcoords="offset points", fontsize=8,
                    ha="left" if dx >= 0 else "right", fontweight=weight, zorder=5,
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.7))
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(aspect)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#999999")
    handles = [ax.plot([], [], marker=m, linestyle="", color=c, markersize=s)[0]
               for m, s, c, _ in (KIND_STYLE[k] for k in ("capital", "city", "town", "air base"))]
    ax.legend(handles, ["capital", "city", "town or village", "air base"], loc="lower right", fontsize=8,
              frameon=True, facecolor="white", edgecolor="#999999")
    if caption is None:
        caption = ("Places the book names. Borders: Natural Earth, 1:50m (public domain); their use "
                   "implies no position on a disputed boundary. Places: GeoNames and airportsdata "
                   "(data/places.csv, with a source for every row).")
    return plots.show(fig, alt_text(t), caption)
