"""The app under AppTest: default view, every filter through the URL, nonsense URLs, empty results."""

from __future__ import annotations

import pytest

from tests.apptest import metric, run


def test_default_view_shows_every_zone():
    at = run()
    assert metric(at, "Zones shown") == "181"  # 178 active + 3 superseded, drawn hollow
    assert metric(at, "Provinces with a zone") == "31"
    assert metric(at, "Batches") == "8"
    assert not at.warning
    assert at.title[0].value.startswith("China's Cross-border")


def test_shared_link_batch_6_in_chinese():
    at = run(batch="6", lang="zh")
    assert metric(at, "显示的综试区") == "27"
    assert at.title[0].value == "中国跨境电子商务综合试验区"
    assert at.pills(key="batch").value == [6]


@pytest.mark.parametrize(
    ("params", "zones"),
    [
        ({"province": "44"}, "21"),  # Guangdong: every prefecture-level city
        ({"province": ["32", "33"]}, str(13 + 12)),  # Jiangsu 13; Zhejiang 11 cities + Yiwu
        ({"region": "northeast"}, None),
        ({"level": "county_level_city"}, "8"),
        ({"location": "land_border"}, None),
        ({"q": "州"}, None),
        ({"asof": "2018-12-31"}, "35"),
        ({"asof": "2022-12-31"}, "165"),
        ({"lang": "zh"}, "181"),
    ],
)
def test_each_filter_through_the_url(params, zones):
    at = run(**params)
    assert not at.warning, [w.value for w in at.warning]
    label = "显示的综试区" if params.get("lang") == "zh" else "Zones shown"
    shown = metric(at, label)
    if zones is not None:
        assert shown == zones
    else:
        assert 0 < int(shown) < 181


@pytest.mark.parametrize(
    "params",
    [
        {"batch": "99"},
        {"batch": "six"},
        {"province": "Atlantis"},
        {"asof": "yesterday"},
        {"asof": "1999-01-01"},
        {"lang": "klingon"},
        {"region": "<script>alert(1)</script>"},
        {"nonsense": "1"},
    ],
)
def test_nonsense_urls_give_a_notice_not_an_exception(params):
    at = run(**params)
    assert at.warning, "expected a visible notice"
    assert metric(at, "Zones shown") == "181"  # the bad value fell back to the default


def test_an_overlong_search_is_shortened_with_a_notice():
    at = run(q="x" * 500)
    assert any("shortened" in w.value for w in at.warning)
    assert at.text_input(key="q").value == "x" * 100


def test_a_filter_that_matches_nothing_shows_an_empty_state():
    at = run(q="no such place")
    assert metric(at, "Zones shown") == "0"
    assert any("No zone matches" in i.value for i in at.info)


def test_reset_filters_returns_to_the_default_view():
    at = run(batch="6", province="44")
    assert metric(at, "Zones shown") == "8"
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert metric(at, "Zones shown") == "181"


def test_timeline_steps_to_a_batch():
    at = run()
    at.select_slider(key="_timeline").set_value(1).run()
    assert metric(at, "Zones shown") == "13"
    assert metric(at, "As of") == "2016-01-12"
