"""Maintainer step: write static/ (the national view's display geometry the browser fetches once)."""

# python -m geo.build.static_geometry     # after python -m geo.build

from __future__ import annotations

import json

from geo.boundaries import load_provinces, load_zone_areas
from geo.display import OUTLINE_COARSE, PROVINCE_TOLERANCE, display_geometries
from geo.paths import STATIC_DIR, STATIC_OUTLINES, STATIC_PROVINCES


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
        STATIC_PROVINCES: _collection(
            display_geometries(provinces.geometry.values, PROVINCE_TOLERANCE, coverage=True),
            [{"i": i, "province_code": c} for i, c in enumerate(province_codes)],
        ),
        STATIC_OUTLINES: _collection(
            display_geometries(areas.geometry.values, OUTLINE_COARSE),
            [{"i": i, "zone_id": z} for i, z in enumerate(zone_ids)],
        ),
    }


def main() -> None:
    """Write static/*.geojson from the committed boundary files."""
    STATIC_DIR.mkdir(exist_ok=True)
    for name, data in static_files(load_provinces(), load_zone_areas()).items():
        (STATIC_DIR / name).write_bytes(data)
        print(f"wrote static/{name} ({len(data) // 1024} KB)")


if __name__ == "__main__":
    main()
