"""Read the committed boundary files (data/boundaries/, built by geo.build) into GeoDataFrames."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd

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


def _path(name: str, directory: str | Path | None) -> Path:
    path = Path(directory if directory is not None else BOUNDARIES_DIR) / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; regenerate it with `python -m geo.build`")
    return path


def _read(name: str, directory: str | Path | None) -> gpd.GeoDataFrame:
    # pyogrio (GDAL) reads these files faster than json + shapely and keeps the codes as strings.
    frame = gpd.read_file(_path(name, directory), engine="pyogrio")
    return frame.set_crs(CRS, allow_override=True)


def load_provinces(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """The 34 provincial-level units: province_code, adcode, name_zh, name_en, geometry."""
    return _read(PROVINCES_GEOJSON, directory)


def load_prefectures(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """Prefecture-level units: adcode, province_code, name_zh, level, counts_for_coverage, geometry."""
    frame = _read(PREFECTURES_GEOJSON, directory)
    frame["counts_for_coverage"] = frame["counts_for_coverage"].astype(bool)
    return frame


def load_zone_areas(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """One outline per zone_id of data/zones.csv: zone_id, adcodes (';'-joined), geometry."""
    return _read(ZONE_AREAS_GEOJSON, directory)


def load_land_border(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """China's land boundary with neighbouring countries (one MultiLineString feature)."""
    return _read(LAND_BORDER_GEOJSON, directory)


def load_coastline(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """China's sea coast, islands included (one MultiLineString feature)."""
    return _read(COASTLINE_GEOJSON, directory)


def load_maritime(directory: str | Path | None = None) -> gpd.GeoDataFrame:
    """The ten-dash line in the South China Sea (one MultiLineString feature of ten dashes)."""
    return _read(MARITIME_GEOJSON, directory)


def load_build_info(directory: str | Path | None = None) -> dict:
    """BUILD.json: source package and version, datum conversion, tolerances, file sizes and digests."""
    return json.loads(_path(BUILD_JSON, directory).read_text(encoding="utf-8"))
