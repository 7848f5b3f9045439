"""Boundary geometry simplified for display in the browser: tolerances and the zone outlines' two forms."""

from __future__ import annotations

from dataclasses import dataclass

import shapely


@dataclass(frozen=True)
class Outlines:
    """Zone outlines: the static coarse file's order for the national view, fine geometry for closer views."""

    order: tuple[str, ...]  # zone ids in the order of static/zone-outlines.geojson (coarse, national view)
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
