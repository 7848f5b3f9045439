"""Read and check the committed boundary files (data/boundaries/, built by geo.build) into GeoDataFrames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio.errors

from geo.csvcheck import Problem, RegistryError
from geo.paths import (
    BOUNDARIES_DIR,
    BUILD_JSON,
    COASTLINE_GEOJSON,
    LAND_BORDER_GEOJSON,
    MARITIME_GEOJSON,
    PREFECTURES_GEOJSON,
    PROVINCES_GEOJSON,
    ZONE_AREAS_GEOJSON,
)

CRS = "EPSG:4326"
REBUILD = "regenerate it with `python -m geo.build`"
AREAS = ("Polygon", "MultiPolygon")
LINES = ("LineString", "MultiLineString")
# Per file: the properties every feature needs, those that must be unique, and the geometry types.
LAYOUT: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    PROVINCES_GEOJSON: (("province_code", "adcode", "name_zh", "name_en"), ("province_code",), AREAS),
    PREFECTURES_GEOJSON: (
        ("adcode", "province_code", "name_zh", "level", "counts_for_coverage"),
        ("adcode",),
        AREAS,
    ),
    ZONE_AREAS_GEOJSON: (("zone_id", "adcodes"), ("zone_id",), AREAS),
    LAND_BORDER_GEOJSON: ((), (), LINES),
    COASTLINE_GEOJSON: ((), (), LINES),
    MARITIME_GEOJSON: ((), (), LINES),
}
BOOLEAN_PROPERTIES = ("counts_for_coverage",)


def label(name: str) -> str:
    """How a problem names a boundary file: its path inside the data folder."""
    return f"boundaries/{name}"


def _path(name: str, directory: str | Path | None) -> Path:
    path = Path(directory if directory is not None else BOUNDARIES_DIR) / name
    if not path.is_file():
        raise RegistryError([Problem(label(name), None, None, f"file not found at {path}; {REBUILD}")])
    return path


def parse_json(file: str, raw: bytes, fix: str) -> tuple[Any, Problem | None]:
    """`raw` parsed as JSON text, or None and what makes it unreadable (empty, not UTF-8, a syntax error with
    its line)."""
    if not raw.strip():
        return None, Problem(file, None, None, f"the file is empty; {fix}")
    try:
        return json.loads(raw.decode("utf-8")), None
    except UnicodeDecodeError as err:
        return None, Problem(file, None, None, f"not valid UTF-8 (byte {err.start}); {fix}")
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        return None, Problem(file, None, None, f"not valid JSON ({err.msg} at {where}: cut short?); {fix}")


def json_problem(file: str, raw: bytes, fix: str) -> Problem | None:
    """What makes `raw` unreadable as JSON text (see parse_json), or None."""
    return parse_json(file, raw, fix)[1]


def feature_list(doc: object) -> list | None:
    """The features of a GeoJSON FeatureCollection, or None if `doc` is not one."""
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        features = doc.get("features")
        return features if isinstance(features, list) else None
    return None


def _problems(name: str, frame: gpd.GeoDataFrame) -> list[Problem]:
    required, unique, kinds = LAYOUT[name]
    file = label(name)
    if frame.empty:
        return [Problem(file, None, None, f"the file has no features; {REBUILD}")]
    found = ", ".join(c for c in frame.columns if c != "geometry") or "none"
    out = [
        Problem(file, None, col, f"required property is missing from the features (they have: {found})")
        for col in required
        if col not in frame.columns
    ]
    for col in required:
        if col not in frame.columns:
            continue
        values = frame[col]
        blank = values.isna() | (values.astype(str).str.strip() == "")
        if blank.any():
            out.append(Problem(file, None, col, f"feature {_numbers(blank)} has no value"))
        if col in unique and values.duplicated().any():
            dup = sorted(set(values[values.duplicated()].astype(str)))
            out.append(Problem(file, None, col, f"duplicate value(s) {', '.join(dup[:5])} (must be unique)"))
        if col in BOOLEAN_PROPERTIES and not pd.api.types.is_bool_dtype(values):
            out.append(Problem(file, None, col, "must be true or false (JSON booleans) in every feature"))
    geoms = frame.geometry
    missing = geoms.isna() | geoms.is_empty
    if missing.any():
        out.append(Problem(file, None, None, f"feature {_numbers(missing)} has no geometry; {REBUILD}"))
    wrong = ~missing & ~geoms.geom_type.isin(kinds)
    if wrong.any():
        out.append(
            Problem(file, None, None, f"feature {_numbers(wrong)} is not a {' or '.join(kinds)}; {REBUILD}")
        )
    return out


def _numbers(mask: pd.Series) -> str:
    """The 1-based feature numbers where `mask` holds ('3', '3, 7', '3, 7, 9 and 12 more')."""
    where = [str(i + 1) for i, hit in enumerate(mask.tolist()) if hit]
    more = f" and {len(where) - 3} more" if len(where) > 3 else ""
    return ", ".join(where[:3]) + more


def read_checked(name: str, directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """A boundary file as a GeoDataFrame, or RegistryError naming the file and what is wrong with it
    (missing, empty, not GeoJSON, no features, a property missing or blank, a feature without geometry)."""
    path = _path(name, directory)
    try:
        # pyogrio (GDAL) reads these files faster than json + shapely and keeps the codes as strings.
        frame = gpd.read_file(path, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError, OSError) as err:
        raw = path.read_bytes()
        why = json_problem(label(name), raw, REBUILD)
        if why is None and feature_list(json.loads(raw)) is None:
            why = Problem(label(name), None, None, f"not a GeoJSON FeatureCollection; {REBUILD}")
        why = why or Problem(label(name), None, None, f"not readable GeoJSON ({err})")
        raise RegistryError([why]) from err
    problems = _problems(name, frame)
    if problems:
        raise RegistryError(problems)
    return frame.set_crs(CRS, allow_override=True)


def load_provinces(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """The 34 provincial-level units: province_code, adcode, name_zh, name_en, geometry."""
    return read_checked(PROVINCES_GEOJSON, directory)


def load_prefectures(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """Prefecture-level units: adcode, province_code, name_zh, level, counts_for_coverage, geometry."""
    return read_checked(PREFECTURES_GEOJSON, directory)


def load_zone_areas(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """One outline per zone_id of data/zones.csv: zone_id, adcodes (';'-joined), geometry."""
    return read_checked(ZONE_AREAS_GEOJSON, directory)


def load_land_border(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """China's land boundary with neighbouring countries (one MultiLineString feature)."""
    return read_checked(LAND_BORDER_GEOJSON, directory)


def load_coastline(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """China's sea coast, islands included (one MultiLineString feature)."""
    return read_checked(COASTLINE_GEOJSON, directory)


def load_maritime(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """The ten-dash line in the South China Sea (one MultiLineString feature of ten dashes)."""
    return read_checked(MARITIME_GEOJSON, directory)


# The parts of BUILD.json the sources page reads, each a JSON object when present.
BUILD_OBJECTS = ("source", "datum_conversion", "simplification", "files")


def load_build_info(directory: str | Path | None = None) -> dict:
    """BUILD.json: source package and version, datum conversion, tolerances, file sizes and digests.
    RegistryError if it is missing, not JSON, or not shaped as geo.build writes it."""
    path = _path(BUILD_JSON, directory)
    raw = path.read_bytes()
    why = json_problem(label(BUILD_JSON), raw, REBUILD)
    if why:
        raise RegistryError([why])
    info = json.loads(raw)
    if not isinstance(info, dict):
        raise RegistryError([Problem(label(BUILD_JSON), None, None, f"must be a JSON object; {REBUILD}")])
    wrong = [k for k in BUILD_OBJECTS if k in info and not isinstance(info[k], dict)]
    if "source" not in info:
        wrong.insert(0, "source")
    if isinstance(info.get("files"), dict):
        wrong += [f"files.{k}" for k, v in info["files"].items() if not isinstance(v, dict)]
    if wrong:
        raise RegistryError(
            [Problem(label(BUILD_JSON), None, k, f"must be a JSON object; {REBUILD}") for k in wrong]
        )
    return info
