"""Maintainer step: write static/ (the national view's display geometry the browser fetches once)."""

# python -m geo.build.static_geometry     # after python -m geo.build

from __future__ import annotations

import json

from geo.boundaries import load_provinces, load_zone_areas
from geo.display import (
    OUTLINE_COARSE,
    PROVINCE_TOLERANCE,
    border_segments,
    display_geometries,
    ring_segments,
)
from geo.paths import STATIC_BORDERS, STATIC_DIR, STATIC_OUTLINE_LINES, STATIC_OUTLINES, STATIC_PROVINCES
from geo.registry import load_registry, not_applicable


def _collection(geometries: list[dict], props: list[dict]) -> bytes:
    features = [
        {"type": "Feature", "properties": p, "geometry": g} for g, p in zip(geometries, props, strict=True)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return text.encode("utf-8")


def _segments(rows: list[list[float]]) -> bytes:
    return json.dumps(rows, separators=(",", ":")).encode("utf-8")


def static_files(provinces, areas, grey_codes: frozenset[str]) -> dict[str, bytes]:
    """The browser's copies of the province and coarse zone-outline layers: polygons for the fills
    (properties: index and code) and line segments for the borders and outlines."""
    province_codes = list(provinces["province_code"])
    zone_ids = list(areas["zone_id"])
    province_shapes = display_geometries(provinces.geometry.values, PROVINCE_TOLERANCE, coverage=True)
    zone_shapes = display_geometries(areas.geometry.values, OUTLINE_COARSE)
    grey = [c in grey_codes for c in province_codes]
    return {
        STATIC_PROVINCES: _collection(
            province_shapes, [{"i": i, "province_code": c} for i, c in enumerate(province_codes)]
        ),
        STATIC_BORDERS: _segments(border_segments(province_shapes, grey)),
        STATIC_OUTLINES: _collection(zone_shapes, [{"i": i, "zone_id": z} for i, z in enumerate(zone_ids)]),
        STATIC_OUTLINE_LINES: _segments([seg for g in zone_shapes for seg in ring_segments(g)]),
    }


def main() -> None:
    """Write static/*.geojson from the committed boundary files."""
    STATIC_DIR.mkdir(exist_ok=True)
    grey = not_applicable(load_registry().provinces)
    for name, data in static_files(load_provinces(), load_zone_areas(), grey).items():
        (STATIC_DIR / name).write_bytes(data)
        print(f"wrote static/{name} ({len(data) // 1024} KB)")


if __name__ == "__main__":
    main()
