"""Join: location class from geometry, per-province coverage as of a date, markers inside their outlines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import shapely

from geo.asof import status_on_day
from geo.boundaries import load_coastline, load_land_border, load_prefectures, load_provinces, load_zone_areas
from geo.join import covers, location_class, province_stats, zones_view


@pytest.fixture(scope="module")
def reg(data):
    return data.registry


@pytest.fixture(scope="module")
def location():
    return location_class(load_zone_areas(), load_land_border(), load_coastline())


@pytest.fixture(scope="module")
def zones(reg, location):
    return zones_view(reg, location)


@pytest.mark.parametrize("zone_id", ["suifenhe", "manzhouli", "kashgar", "dehong", "erenhot"])
def test_border_towns_touch_the_land_border(location, zone_id):
    assert location[zone_id] == "land_border"


@pytest.mark.parametrize("zone_id", ["ningbo", "xiamen", "zhoushan", "qingdao"])
def test_ports_are_coastal(location, zone_id):
    assert location[zone_id] == "coastal"


@pytest.mark.parametrize("zone_id", ["zhengzhou", "chengdu", "xian"])
def test_inland_cities(location, zone_id):
    assert location[zone_id] == "inland"


def test_every_zone_has_a_location_class(location, reg):
    assert set(location.index) == set(reg.zones.zone_id)
    assert set(location) == {"land_border", "coastal", "inland"}


def test_joined_frame_keeps_one_row_per_zone_with_reply_and_province(zones, reg):
    assert len(zones) == len(reg.zones)
    row = zones.set_index("zone_id").loc["ordos"]
    assert row.document_no == "国函〔2022〕8号"
    assert row.province_name_zh == "内蒙古自治区"
    assert row.region == "west"


def coverage_on(zones, reg, day):
    view = zones.assign(status_asof=status_on_day(zones, day))
    prefectures = pd.DataFrame(load_prefectures().drop(columns="geometry"))
    return province_stats(view, prefectures, reg.provinces).set_index("province_code")


def test_after_batch_6_every_city_of_jiangsu_zhejiang_guangdong_had_a_zone(zones, reg):
    after = coverage_on(zones, reg, dt.date(2022, 2, 8))
    for code, units in (("32", 13), ("33", 11), ("44", 21)):
        assert after.loc[code, "units"] == units
        assert after.loc[code, "covered"] == units
        assert after.loc[code, "coverage"] == 1.0
    before = coverage_on(zones, reg, dt.date(2021, 12, 31))
    assert before.loc["44", "coverage"] < 1.0
    assert before.loc["32", "covered"] == 10  # Yangzhou, Zhenjiang and Taizhou came with batch 6


def test_a_whole_province_zone_covers_every_unit(zones, reg):
    now = coverage_on(zones, reg, None)
    assert now.loc["46", "coverage"] == 1.0  # 海南全岛
    assert now.loc["11", "units"] == 1 and now.loc["11", "coverage"] == 1.0


def test_covers_by_code():
    assert covers("330782", "330700")  # Yiwu lies in Jinhua
    assert covers("110000", "110000")
    assert covers("460000", "460200")
    assert not covers("330100", "330200")


def test_markers_fall_inside_their_own_outline_and_province(reg):
    areas = load_zone_areas().set_index("zone_id").geometry
    provinces = load_provinces().set_index("province_code").geometry
    outside = [
        z.zone_id
        for z in reg.zones.itertuples()
        if not areas[z.zone_id].contains(shapely.Point(z.lon, z.lat))
        or not provinces[z.province_code].contains(shapely.Point(z.lon, z.lat))
    ]
    assert outside == []
