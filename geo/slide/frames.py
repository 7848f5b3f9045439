"""Boundary layers of the slide map: the clipped, projected main frame and South China Sea inset (Albers)."""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass

import geopandas as gpd
import shapely
from pyproj import Transformer

# Albers equal-area conic for China: central meridian 105°E, standard parallels 25°N and 47°N.
ALBERS = "+proj=aea +lat_0=0 +lat_1=25 +lat_2=47 +lon_0=105 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
# The main map stops south of Hainan Island, as standard maps of China do; the South China Sea and its
# islands (南海诸岛) are shown in the inset at a smaller scale.
MAIN_BOX = (70.0, 17.6, 140.0, 56.0)
INSET_BOX = (105.5, 2.5, 124.5, 24.6)

# (main, inset) layers per boundary frame; geo.slide.render calls frames() under its render lock.
_FRAMES: dict[tuple[int, int], tuple] = {}


@dataclass(frozen=True)
class Layers:
    """The projected geometry of one map frame."""

    provinces: gpd.GeoDataFrame
    outline: object
    maritime: gpd.GeoSeries
    bounds: tuple[float, float, float, float]


def _fingerprint(gdf: gpd.GeoDataFrame | None) -> tuple | None:
    """Cheap evidence that a frame still holds the same geometry it held when its layers were cached."""
    if gdf is None:
        return None
    coords = int(shapely.get_num_coordinates(gdf.geometry.values).sum())
    codes = tuple(gdf["province_code"]) if "province_code" in gdf else ()
    return len(gdf), str(gdf.crs), tuple(gdf.total_bounds.round(9)), coords, codes


def frames(provinces: gpd.GeoDataFrame, maritime: gpd.GeoDataFrame | None) -> tuple[Layers, Layers]:
    """The projected layers of the main map and the inset; cached per boundary frame (about half of a
    render's time), checked against the frame's identity and fingerprint."""
    key = (id(provinces), id(maritime))
    prints = (_fingerprint(provinces), _fingerprint(maritime))
    hit = _FRAMES.get(key)
    if hit and hit[0]() is provinces and (hit[1] is None or hit[1]() is maritime) and hit[2] == prints:
        return hit[3]
    wgs = _to_wgs84(provinces)
    lines = None if maritime is None else _to_wgs84(maritime)
    main = _layers(wgs, lines, MAIN_BOX, whole_lines_only=True)
    inset = _layers(wgs, lines, _padded(INSET_BOX, 3.0), whole_lines_only=False)
    while len(_FRAMES) >= 4:
        _FRAMES.pop(next(iter(_FRAMES)))
    lines_ref = None if maritime is None else weakref.ref(maritime)
    _FRAMES[key] = (weakref.ref(provinces), lines_ref, prints, (main, inset))
    return main, inset


@functools.cache
def to_albers() -> Transformer:
    """lon/lat (WGS 84, x first) to the Albers plane. Made once per process: making one takes about 25 ms
    of CPU, and a Transformer is safe to share between threads (pyproj 3.1 and later)."""
    return Transformer.from_crs(4326, ALBERS, always_xy=True)


def _to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf.set_crs(4326) if gdf.crs is None else gdf.to_crs(4326)


def projected_box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The bounding rectangle, in the Albers plane, of a lon/lat box (its edges sampled densely)."""
    ring = shapely.box(*box).exterior.segmentize(0.25)
    tr = to_albers()
    lons, lats = zip(*ring.coords, strict=True)
    xs, ys = tr.transform(lons, lats)
    return min(xs), min(ys), max(xs), max(ys)


def _padded(box: tuple[float, float, float, float], by: float) -> tuple[float, float, float, float]:
    """A lon/lat box grown on every side (so clip edges fall outside the visible frame)."""
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _layers(
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    box: tuple[float, float, float, float],
    whole_lines_only: bool,
) -> Layers:
    """Provinces and the ten-dash line clipped to a lon/lat box, then projected."""
    clip = shapely.box(*box)
    inside = provinces[provinces.intersects(clip)]
    parts = inside.assign(geometry=inside.geometry.intersection(clip))
    parts = parts[~parts.geometry.is_empty].to_crs(ALBERS)
    geoms = parts.geometry.values
    outline = shapely.union_all(geoms if shapely.is_valid(geoms).all() else shapely.make_valid(geoms))
    lines = gpd.GeoSeries([], crs=ALBERS)
    if maritime is not None and not maritime.empty:
        dashes = maritime.geometry.explode(index_parts=False)
        keep = dashes.within(clip) if whole_lines_only else dashes.intersects(clip)
        lines = dashes[keep].to_crs(ALBERS)
    bounds = tuple(parts.total_bounds) if len(parts) else projected_box(box)
    return Layers(parts, outline, lines, bounds)
