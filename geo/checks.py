"""Checks at load across files: boundaries against the registry, static display geometry, SOURCES.md."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import shapely

from geo.boundaries import REBUILD, feature_list, label, parse_json
from geo.csvcheck import Problem
from geo.paths import (
    PROVINCES_GEOJSON,
    SOURCES_MD,
    STATIC_BORDERS,
    STATIC_OUTLINE_LINES,
    STATIC_OUTLINES,
    STATIC_PROVINCES,
    ZONE_AREAS_GEOJSON,
)
from geo.registry import Registry

# How far (degrees, about 5 km) a marker may lie outside its province's simplified boundary.
MARKER_TOLERANCE = 0.05
KM_PER_DEGREE = 111.2
REBUILD_STATIC = "regenerate it with `python -m geo.build.static_geometry`"


def province_problems(reg: Registry, provinces: gpd.GeoDataFrame) -> list[Problem]:
    """Every province of provinces.csv has a boundary."""
    have = set(provinces["province_code"])
    return [
        Problem(label(PROVINCES_GEOJSON), None, "province_code",
                f"no boundary for province {p.province_code} ({p.name_en}) of provinces.csv; {REBUILD}")
        for p in reg.provinces.itertuples()
        if p.province_code not in have
    ]  # fmt: skip


def outline_problems(reg: Registry, areas: gpd.GeoDataFrame) -> list[Problem]:
    """Every zone has an outline, built for the zone's area codes (else it would silently count as inland)."""
    built = dict(zip(areas["zone_id"], areas["adcodes"], strict=True))
    out = []
    for i, z in enumerate(reg.zones.itertuples()):
        where = label(ZONE_AREAS_GEOJSON)
        if z.zone_id not in built:
            message = f"zone '{z.zone_id}' has no outline in {where}; {REBUILD}"
            out.append(Problem("zones.csv", i + 2, "zone_id", message))
        elif built[z.zone_id] != z.adcodes:
            message = f"the outline of '{z.zone_id}' in {where} is of {built[z.zone_id]}, not {z.adcodes}"
            message += f"; {REBUILD}"
            out.append(Problem("zones.csv", i + 2, "adcodes", message))
    return out


def marker_problems(
    reg: Registry, provinces: gpd.GeoDataFrame, tolerance: float = MARKER_TOLERANCE
) -> list[Problem]:
    """Every marker lies inside its own province (within `tolerance` degrees of its boundary)."""
    shapes = provinces.set_index("province_code").geometry
    zones = reg.zones[reg.zones["province_code"].isin(shapes.index)]
    points = shapely.points(zones["lon"].to_numpy(), zones["lat"].to_numpy())
    away = shapely.distance(points, shapes.loc[zones["province_code"]].to_numpy())
    names = reg.provinces.set_index("province_code")["name_en"]
    out = []
    for i, lon, lat, code, d in zip(
        zones.index, zones["lon"], zones["lat"], zones["province_code"], away, strict=True
    ):
        if d > tolerance:
            message = (
                f"the marker at {lat:.4f}°N, {lon:.4f}°E lies about {d * KM_PER_DEGREE:.0f} km outside "
                f"its province {code} ({names.get(code, '?')}); check lon, lat and province_code"
            )
            out.append(Problem("zones.csv", int(i) + 2, "lon", message))
    return out


def static_problems(
    directory: Path, province_codes: tuple[str, ...], zone_ids: tuple[str, ...]
) -> list[Problem]:
    """static/'s display geometry matches the boundary files feature for feature (the map colours its
    feature i as province_codes[i] / zone_ids[i]): parsed, counted and compared before any browser gets it."""
    out = []
    for name, key, wanted, source in (
        (STATIC_PROVINCES, "province_code", province_codes, PROVINCES_GEOJSON),
        (STATIC_OUTLINES, "zone_id", zone_ids, ZONE_AREAS_GEOJSON),
    ):
        file, path = f"static/{name}", Path(directory) / name
        if not path.is_file():
            out.append(Problem(file, None, None, f"file not found at {path}; {REBUILD_STATIC}"))
            continue
        doc, why = parse_json(file, path.read_bytes(), REBUILD_STATIC)
        if why:
            out.append(why)
            continue
        features = feature_list(doc)
        if features is None:
            out.append(Problem(file, None, None, f"not a GeoJSON FeatureCollection; {REBUILD_STATIC}"))
            continue
        if len(features) != len(wanted):
            message = (
                f"has {len(features)} features, {label(source)} has {len(wanted)} (one each, in the same "
                f"order); {REBUILD_STATIC}"
            )
            out.append(Problem(file, None, None, message))
            continue
        for i, (feature, want) in enumerate(zip(features, wanted, strict=True)):
            props, geometry = (_object(feature, k) for k in ("properties", "geometry"))
            if props.get(key) != want or props.get("i") != i:
                message = (
                    f"feature {i + 1} is {key} {props.get(key)!r}, expected {want!r} (the order of "
                    f"{label(source)}); {REBUILD_STATIC}"
                )
                out.append(Problem(file, None, key, message))
                break
            if not geometry.get("coordinates"):
                out.append(Problem(file, None, None, f"feature {i + 1} has no geometry; {REBUILD_STATIC}"))
                break
    for name in (STATIC_BORDERS, STATIC_OUTLINE_LINES):
        out += _segment_problems(directory, name)
    return out


def _segment_problems(directory: Path, name: str) -> list[Problem]:
    """A line-segment file of static/ is a JSON list of [x0, y0, x1, y1] number lists (province borders add
    a fifth: 1 where the border is drawn grey)."""
    file, path = f"static/{name}", Path(directory) / name
    if not path.is_file():
        return [Problem(file, None, None, f"file not found at {path}; {REBUILD_STATIC}")]
    segments, why = parse_json(file, path.read_bytes(), REBUILD_STATIC)
    if why:
        return [why]
    if not isinstance(segments, list) or not segments:
        return [Problem(file, None, None, f"not a non-empty JSON list of line segments; {REBUILD_STATIC}")]
    for i, seg in enumerate(segments):
        numbers = isinstance(seg, list) and all(isinstance(v, int | float) for v in seg)
        if not (numbers and len(seg) in (4, 5)):
            message = f"segment {i + 1} is {str(seg)[:40]!r}, not [x0, y0, x1, y1]; {REBUILD_STATIC}"
            return [Problem(file, None, None, message)]
    return []


def _object(feature: object, key: str) -> dict:
    value = feature.get(key) if isinstance(feature, dict) else None
    return value if isinstance(value, dict) else {}


# An image in Markdown ('![alt](url)', '![alt][ref]') or HTML: the browser would fetch it from its host.
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[\[(]|<img\b", re.IGNORECASE)


def read_sources_md(data_dir: Path) -> tuple[str, list[Problem]]:
    """SOURCES.md (shown as Markdown on the sources page) and what is wrong with it: missing, empty, not
    UTF-8, or an image, which the browser would fetch from another host (the app is offline)."""
    path = Path(data_dir) / SOURCES_MD
    if not path.is_file():
        return "", [Problem(SOURCES_MD, None, None, f"file not found at {path}")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return "", [Problem(SOURCES_MD, None, None, f"not valid UTF-8 (byte {err.start}); save it as UTF-8")]
    if not text.strip():
        return "", [Problem(SOURCES_MD, None, None, "the file is empty")]
    out = [
        Problem(SOURCES_MD, None, None, f"line {n} shows an image; link to it instead (the app fetches "
                "nothing from other hosts)")
        for n, line in enumerate(text.splitlines(), start=1)
        if _IMAGE.search(line)
    ]  # fmt: skip
    return text, out
