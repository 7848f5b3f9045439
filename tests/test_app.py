"""The app under AppTest: default view, every filter through the URL, nonsense URLs, empty results."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.apptest import metric, run, warnings, widget
from tests.facts import batch_sizes, expected, rows, zone_ids_where


def test_default_view_shows_the_active_zones_with_designated_and_revoked_beside():
    at = run()
    wanted = expected()
    assert metric(at, "Active zones") == str(wanted.active)
    delta = next(m for m in at.metric if m.label == "Active zones").proto.delta
    assert f"{wanted.designated} designated" in delta and f"{wanted.revoked} revoked" in delta
    assert metric(at, "Provinces") == str(wanted.provinces_shown) == str(wanted.provinces)
    assert metric(at, "Batches") == str(len(batch_sizes()))
    assert not at.warning
    assert at.title[0].value.startswith("China's Cross-border")


def test_shared_link_batch_6_in_chinese():
    at = run(batch="6", lang="zh")
    assert metric(at, "有效综试区") == str(expected(batch={6}).active)
    assert at.title[0].value == "中国跨境电子商务综合试验区"
    assert widget(at, "pills", "batch").value == [6]
    assert widget(at, "radio", "lang").value == "zh"


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"province": "44"}, expected(province={"44"})),
        ({"province": ["32", "33"]}, expected(province={"32", "33"})),
        ({"province": "32,33"}, expected(province={"32", "33"})),
        ({"province": "广东 Guangdong"}, expected(province={"44"})),  # the old label form
        ({"level": "county_level_city"}, expected(zone_ids=zone_ids_where(level="county_level_city"))),
        ({"asof": "2018-12-31"}, expected(dt.date(2018, 12, 31))),
        ({"asof": "20221231"}, expected(dt.date(2022, 12, 31))),
        ({"lang": "zh"}, expected()),
        ({"lang": "中文"}, expected()),
    ],
)
def test_each_filter_through_the_url(params, wanted):
    at = run(**params)
    assert not at.warning, warnings(at)
    label = "有效综试区" if params.get("lang") in ("zh", "中文") else "Active zones"
    assert metric(at, label) == str(wanted.active)


@pytest.mark.parametrize("params", [{"region": "northeast"}, {"location": "land_border"}, {"q": "州"}])
def test_other_filters_narrow_the_view(params):
    at = run(**params)
    assert not at.warning, warnings(at)
    assert 0 < int(metric(at, "Active zones")) < expected().active


@pytest.mark.parametrize(
    "params",
    [
        {"batch": "99"},
        {"batch": "six"},
        {"province": "Atlantis"},
        {"asof": "yesterday"},
        {"asof": "2020/01/01"},
        {"asof": "1999-01-01"},
        {"lang": "klingon"},
        {"region": "<script>alert(1)</script>"},
        {"nonsense": "1"},
        {"zone": "atlantis"},
    ],
)
def test_a_value_reported_as_ignored_is_really_ignored(params):
    at = run(**params)
    assert at.warning, "expected a visible notice"
    assert metric(at, "Active zones") == str(expected().active)  # the default view, nothing half-applied
    assert widget(at, "date_input", "asof").value is None


def test_a_repeated_search_uses_the_first_value_and_says_so():
    at = run(q=["hang", "shen"])
    assert any("only 'hang' was used" in w for w in warnings(at)), warnings(at)
    assert widget(at, "text_input", "q").value == "hang"
    hangzhou = expected(zone_ids={"hangzhou"}).active
    assert metric(at, "Active zones") == str(hangzhou)


def test_an_overlong_search_is_shortened_with_a_notice():
    at = run(q="x" * 500)
    assert any("shortened" in w for w in warnings(at))
    assert widget(at, "text_input", "q").value == "x" * 100


def test_a_filter_that_matches_nothing_shows_an_empty_state():
    at = run(q="no such place")
    assert metric(at, "Active zones") == "0"
    assert any("No zone matches" in i.value for i in at.info)


def test_reset_filters_returns_to_the_default_view_and_keeps_the_language():
    at = run(batch="6", province="44", lang="zh")
    assert metric(at, "有效综试区") == str(expected(batch={6}, province={"44"}).active)
    next(b for b in at.button if b.label == "重置筛选").click().run()
    assert metric(at, "有效综试区") == str(expected().active)
    assert widget(at, "radio", "lang").value == "zh"


def test_timeline_steps_to_a_batch():
    at = run()
    widget(at, "select_slider", "timeline").set_value(1).run()
    second = sorted({int(b["batch"]): b for b in rows("batches.csv")}.items())[1][1]
    day = dt.date.fromisoformat(second["approved_on"] or second["published_on"])
    assert metric(at, "Active zones") == str(expected(day).active)
    assert metric(at, "As of") == day.isoformat()


def test_switching_language_keeps_every_filter():
    at = run(level="prefecture_city")
    before = metric(at, "Active zones")
    widget(at, "radio", "lang").set_value("zh").run()
    assert metric(at, "有效综试区") == before
    widget(at, "radio", "lang").set_value("en").run()
    assert metric(at, "Active zones") == before
    assert widget(at, "multiselect", "level").value == ["prefecture_city"]


def test_hiding_revoked_zones_is_part_of_the_view():
    at = run(batch="6", revoked="0")
    wanted = expected(batch={6})
    assert metric(at, "Active zones") == str(wanted.active)
    assert not next(m for m in at.metric if m.label == "Active zones").proto.delta
    assert widget(at, "toggle", "revoked").value is False


def test_the_text_description_is_written_only_while_its_expander_is_open():
    at = run(batch="6")
    assert not [m for m in at.markdown if "the map shows" in m.value]
    at.session_state["map_summary"] = True  # the reader opens "Text description of the map"
    at.run()
    wanted = expected(batch={6})
    text = [m.value for m in at.markdown if "the map shows" in m.value]
    assert len(text) == 1 and f"the map shows {wanted.designated} pilot zones" in text[0]
