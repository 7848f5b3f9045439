"""The dataset's memo: results kept by everything they depend on, shared, bounded; views by their rows."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

import pytest

from geo import dataset
from geo.csvcheck import RegistryError
from geo.dataset import MEMO_SIZE
from geo.filters import Filters
from geo.join import zones_view
from geo.zoneframe import ZoneFrame
from tests.facts import expected, rows


@pytest.fixture
def fresh(data):
    """The shared dataset with a memo of its own, empty."""
    return dataclasses.replace(data, _memo=OrderedDict(), _lock=threading.Lock())


def test_a_result_is_built_once_per_key(fresh):
    data = fresh
    builds = []
    first = data.memo(("thing", 1), lambda: builds.append(1) or ["one"])
    again = data.memo(("thing", 1), lambda: builds.append(1) or ["other"])
    other = data.memo(("thing", 2), lambda: builds.append(2) or ["two"])
    assert first is again and first == ["one"] and other == ["two"]
    assert builds == [1, 2]


def test_the_memo_keeps_the_most_recently_used_results_only(fresh):
    data = fresh
    builds = []
    for i in range(MEMO_SIZE + 1):
        data.memo(("n", i), lambda i=i: builds.append(i) or i)
    data.memo(("n", MEMO_SIZE), lambda: builds.append("again"))  # the newest: still there
    data.memo(("n", 0), lambda: builds.append("rebuilt") or 0)  # the oldest: evicted
    assert builds[-1] == "rebuilt" and "again" not in builds


def test_views_that_select_the_same_rows_are_one(fresh):
    data = fresh
    plain = data.view(Filters(batch=(6,)))
    shown_otherwise = data.view(Filters(batch=(6,), lang="zh", present=True, basemap=True, zone="shenzhen"))
    assert shown_otherwise is plain
    assert len(plain) == expected(batch={6}).designated
    assert data.view(Filters(batch=(7,))) is not plain


def test_the_provinces_drawn_as_not_applicable_are_those_of_provinces_csv_without_a_region(data):
    wanted = {p["province_code"] for p in rows("provinces.csv") if p["region"] == "none"}
    assert wanted == {"71", "81", "82"}  # Taiwan, Hong Kong, Macao
    assert data.not_applicable == wanted
    assert set(data.provinces.loc[data.provinces["not_applicable"], "province_code"]) == wanted


def test_the_derived_zones_frame_is_a_zone_frame(data):
    zones = data.zones
    assert list(zones.columns) == list(ZoneFrame.to_schema().columns)
    revoked = zones[zones["status"] == "revoked"]
    assert set(revoked["zone_id"]) == {z["zone_id"] for z in rows("zones.csv") if z["revoked_by"]}


def test_a_broken_derived_frame_fails_the_load_naming_row_and_column(monkeypatch):
    def broken(reg, location):
        out = zones_view(reg, location)
        out.loc[out["zone_id"] == "yiwu", "location"] = "offshore"
        return out

    monkeypatch.setattr(dataset, "zones_view", broken)
    with pytest.raises(RegistryError) as info:
        dataset.load_dataset()
    row = next(i for i, z in enumerate(rows("zones.csv"), start=2) if z["zone_id"] == "yiwu")
    assert f"derived zones frame (geo/dataset.py), row {row}, column 'location'" in str(info.value)
    assert "offshore" in str(info.value)


def test_a_derived_frame_with_a_column_nobody_declared_fails_the_load(monkeypatch):
    monkeypatch.setattr(dataset, "zones_view", lambda reg, loc: zones_view(reg, loc).assign(extra=1))
    with pytest.raises(RegistryError, match="extra"):
        dataset.load_dataset()
