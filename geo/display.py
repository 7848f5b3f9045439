"""Boundary geometry simplified for display in the browser: tolerances, zone outlines, line segments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import shapely

Segment = list[float]  # [lon1, lat1, lon2, lat2], or with a fifth element 1 for a border drawn grey


@dataclass(frozen=True)
class Outlines:
    """Zone outlines: coarse geometry for the national view (the order of static/zone-outlines.geojson),
    fine geometry for closer views, and each zone's outline as line segments in both forms."""

    order: tuple[str, ...]  # zone ids in the order of static/zone-outlines.geojson (coarse, national view)
    fine: dict[str, dict]  # zone id -> GeoJSON geometry for closer views
    coarse: dict[str, dict] = field(default_factory=dict)  # zone id -> GeoJSON geometry, national view
    fine_lines: dict[str, list[Segment]] = field(default_factory=dict)
    coarse_lines: dict[str, list[Segment]] = field(default_factory=dict)

    @classmethod
    def build(cls, ids: Sequence[str], coarse: Sequence[dict], fine: Sequence[dict]) -> Outlines:
        coarse_by_id = dict(zip(ids, coarse, strict=True))
        fine_by_id = dict(zip(ids, fine, strict=True))
        return cls(
            order=tuple(ids),
            fine=fine_by_id,
            coarse=coarse_by_id,
            fine_lines={z: ring_segments(g) for z, g in fine_by_id.items()},
            coarse_lines={z: ring_segments(g) for z, g in coarse_by_id.items()},
        )


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


def rings(geometry: dict) -> list[list]:
    """The rings (exterior and holes) of a GeoJSON Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def ring_segments(geometry: dict) -> list[Segment]:
    """Every edge of a polygon's rings, in order, as [lon1, lat1, lon2, lat2]."""
    return [[*a, *b] for ring in rings(geometry) for a, b in zip(ring, ring[1:], strict=False)]


def border_segments(geometries: Iterable[dict], grey: Iterable[bool]) -> list[Segment]:
    """The borders of a gap-free coverage with each shared edge once: first the edges of the polygons
    drawn white, then those of the polygons drawn grey, marked with a fifth element 1 (drawn on top, as
    when each polygon's outline is stroked in order with the grey ones last)."""
    white: dict[tuple, Segment] = {}
    greys: dict[tuple, Segment] = {}
    for geometry, is_grey in zip(geometries, grey, strict=True):
        for seg in ring_segments(geometry):
            a, b = (seg[0], seg[1]), (seg[2], seg[3])
            key = (a, b) if a <= b else (b, a)
            (greys if is_grey else white).setdefault(key, seg)
    return [s for k, s in white.items() if k not in greys] + [[*s, 1] for s in greys.values()]
