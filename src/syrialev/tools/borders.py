"""Vendor the neighbours' borders for the map of Syria from Natural Earth, as shipped by npm.

The boundaries come from Natural Earth's 1:50m admin-0 countries (public domain), in the TopoJSON
of the npm package ``world-atlas`` 2.0.2 (``countries-50m.json``; the package's own code is ISC,
copyright Michael Bostock). This module decodes that TopoJSON (delta-encoded, quantised arcs) and
writes the countries around Syria, as plain GeoJSON in longitude and latitude, to
``data/borders_levant.geojson``, with its provenance in the file. It runs once, by hand, when the
vendored file is refreshed; the book only reads the vendored file, so nothing downloads at build
time::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m syrialev.tools.borders package/countries-50m.json data/borders_levant.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: The countries drawn around Syria, by their Natural Earth names in world-atlas.
COUNTRIES = ("Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel", "Palestine", "Cyprus", "N. Cyprus",
             "Saudi Arabia", "Egypt", "Iran")
#: Keep only the rings that reach this box (lon_min, lat_min, lon_max, lat_max) around Syria.
FRAME = (30.0, 28.0, 46.0, 40.0)

PROVENANCE = {
    "source": "Natural Earth, Admin 0 - Countries, 1:50m, via the npm package world-atlas 2.0.2 "
              "(countries-50m.json), decoded from TopoJSON by syrialev.tools.borders",
    "licence": "Natural Earth data are in the public domain (naturalearthdata.com); "
               "world-atlas is ISC-licensed, copyright 2013-2019 Michael Bostock",
    "note": "The book's use of these boundaries implies no position on any disputed boundary.",
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs of a TopoJSON topology as lists of (lon, lat), undoing delta encoding and
    quantisation (``transform``); an unquantised topology's arcs are returned as they are."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([tuple(p[:2]) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index ``~i`` means arc ``i`` reversed."""
    ring: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """A Polygon or MultiPolygon geometry as a list of polygons, each a list of rings."""
    if geometry.get("type") == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if geometry.get("type") == "MultiPolygon":
        return [[_ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def _reaches(ring, frame) -> bool:
    x0, y0, x1, y1 = frame
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in ring)


def extract(topology: dict, names=COUNTRIES, frame=FRAME) -> dict:
    """A GeoJSON FeatureCollection of the named countries (the polygons that reach ``frame``),
    coordinates rounded to 0.001 degree, with :data:`PROVENANCE` as a foreign member."""
    arcs = decode_arcs(topology)
    features = []
    wanted = set(names)
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name")
        if name not in wanted:
            continue
        polys = [[[[round(x, 3), round(y, 3)] for x, y in ring] for ring in poly]
                 for poly in polygons(geometry, arcs) if _reaches(poly[0], frame)]
        if polys:
            features.append({"type": "Feature", "properties": {"name": name, "iso_n3": geometry.get("id")},
                             "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    missing = wanted - {f["properties"]["name"] for f in features}
    if missing:
        raise ValueError(f"countries not found in the topology: {', '.join(sorted(missing))}")
    return {"type": "FeatureCollection", "x-provenance": PROVENANCE, "features": features}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    out = extract(topology)
    Path(args[1]).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
