"""Boundary geometry simplified for display in the browser, and its static copies served to the browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import shapely


@dataclass(frozen=True)
class Outlines:
    """Zone outlines: the static coarse file's order for the national view, fine geometry for closer views."""

    order: list[str]  # zone ids in the order of static/zone-outlines.geojson (coarse, national view)
    fine: dict[str, dict]  # zone id -> GeoJSON geometry for closer views


# Display simplification (degrees): the deck for the national view must stay small (≤ 600 KB).
PROVINCE_TOLERANCE = 0.03
OUTLINE_COARSE = 0.03
OUTLINE_FINE = 0.01
DISPLAY_GRID = 0.01
FINE_ZOOM = 4.5


def display_geometries(geoms, tolerance: float, coverage: bool = False) -> list[dict]:
    """GeoJSON geometries simplified for display (gap-free for a coverage) on a 0.01° grid."""
    simple = (
        shapely.coverage_simplify(geoms, tolerance)
        if coverage
        else shapely.simplify(geoms, tolerance, preserve_topology=True)
    )
    try:
        snapped = shapely.set_precision(simple, DISPLAY_GRID)
    except shapely.errors.GEOSException:  # a rare topology conflict: round the points only
        snapped = shapely.set_precision(simple, DISPLAY_GRID, mode="pointwise")
    return [g.__geo_interface__ for g in snapped]


# The display geometry of the national view is served as static files (Streamlit's static serving,
# /app/static/...): the browser fetches and caches it once, and each rerun sends only the colours.
ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
STATIC_URL = "/app/static/"
PROVINCES_FILE = "provinces.geojson"
OUTLINES_FILE = "zone-outlines.geojson"


def _collection(geometries: list[dict], props: list[dict]) -> bytes:
    features = [
        {"type": "Feature", "properties": p, "geometry": g} for g, p in zip(geometries, props, strict=True)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return text.encode("utf-8")


def static_files(provinces, areas) -> dict[str, bytes]:
    """The browser's copies of the province and coarse zone-outline layers (properties: index and code)."""
    province_codes = list(provinces["province_code"])
    zone_ids = list(areas["zone_id"])
    return {
        PROVINCES_FILE: _collection(
            display_geometries(provinces.geometry.values, PROVINCE_TOLERANCE, coverage=True),
            [{"i": i, "province_code": c} for i, c in enumerate(province_codes)],
        ),
        OUTLINES_FILE: _collection(
            display_geometries(areas.geometry.values, OUTLINE_COARSE),
            [{"i": i, "zone_id": z} for i, z in enumerate(zone_ids)],
        ),
    }


def main() -> None:
    """Write static/*.geojson from the committed boundary files (run after python -m geo.build)."""
    from geo.boundaries import load_provinces, load_zone_areas

    STATIC_DIR.mkdir(exist_ok=True)
    for name, data in static_files(load_provinces(), load_zone_areas()).items():
        (STATIC_DIR / name).write_bytes(data)
        print(f"wrote static/{name} ({len(data) // 1024} KB)")


if __name__ == "__main__":
    main()
