"""Name search: both scripts, full-width and case folded, every word, from the start of a Latin word."""

from __future__ import annotations

import pytest

from geo import search
from geo.filters import Filters
from tests.facts import rows


@pytest.fixture(scope="module")
def view(data):
    return data.view(Filters())


def found(view, query: str) -> list[str]:
    return sorted(view.loc[search.matches(view["search_text"], query), "zone_id"])


@pytest.mark.parametrize("query", ["杭州", "hangzhou", "HangZhou", "ＨＡＮＧＺＨＯＵ", " hangzhou "])
def test_search_matches_both_scripts(view, query):
    assert found(view, query) == ["hangzhou"]


def test_search_matches_province_in_either_script_and_every_word(view):
    guangdong = sorted(r["zone_id"] for r in rows("zones.csv") if r["province_code"] == "44")
    assert found(view, "广东") == guangdong
    assert found(view, "guangdong") == guangdong
    assert found(view, "广东 shenzhen") == ["shenzhen"]
    assert found(view, "西安") == ["xian"]
    assert "xian" in found(view, "xi'an") and "xian" in found(view, "XIAN")
    assert "changzhou" not in found(view, "hangzhou")
    assert len(found(view, "")) == len(view)
    assert found(view, "no such place") == []


def test_haystack_of_an_empty_frame_is_empty(view):
    assert search.haystack(view.iloc[0:0]).empty
