"""The dataset's memo: results kept by everything they depend on, shared, bounded; views by their rows."""

from __future__ import annotations

import pytest

from geo.dataset import MEMO_SIZE, load_dataset
from geo.filters import Filters
from tests.facts import expected, rows


@pytest.fixture
def data():
    return load_dataset()


def test_a_result_is_built_once_per_key(data):
    builds = []
    first = data.memo(("thing", 1), lambda: builds.append(1) or ["one"])
    again = data.memo(("thing", 1), lambda: builds.append(1) or ["other"])
    other = data.memo(("thing", 2), lambda: builds.append(2) or ["two"])
    assert first is again and first == ["one"] and other == ["two"]
    assert builds == [1, 2]


def test_the_memo_keeps_the_most_recently_used_results_only(data):
    builds = []
    for i in range(MEMO_SIZE + 1):
        data.memo(("n", i), lambda i=i: builds.append(i) or i)
    data.memo(("n", MEMO_SIZE), lambda: builds.append("again"))  # the newest: still there
    data.memo(("n", 0), lambda: builds.append("rebuilt") or 0)  # the oldest: evicted
    assert builds[-1] == "rebuilt" and "again" not in builds


def test_views_that_select_the_same_rows_are_one(data):
    plain = data.view(Filters(batch=(6,)))
    shown_otherwise = data.view(Filters(batch=(6,), lang="zh", present=True, basemap=True, zone="shenzhen"))
    assert shown_otherwise is plain
    assert len(plain) == expected(batch={6}).designated
    assert data.view(Filters(batch=(7,))) is not plain


def test_the_provinces_drawn_as_not_applicable_are_those_of_provinces_csv_without_a_region():
    data = load_dataset()
    wanted = {p["province_code"] for p in rows("provinces.csv") if p["region"] == "none"}
    assert wanted == {"71", "81", "82"}  # Taiwan, Hong Kong, Macao
    assert data.not_applicable == wanted
    assert set(data.provinces.loc[data.provinces["not_applicable"], "province_code"]) == wanted
