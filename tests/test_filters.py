"""Filters: URL parsing (codes and labels in both languages, notices for bad values) and apply()."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import i18n
from geo.filters import Filters, apply, build_choices, parse_query, to_query
from geo.registry import load_registry


@pytest.fixture(scope="module")
def reg():
    return load_registry()


@pytest.fixture(scope="module")
def choices(reg):
    return build_choices(reg.provinces, reg.batches, dt.date(2025, 4, 25))


@pytest.fixture(scope="module")
def zones(reg):
    # A minimal joined frame: the registry zones plus the columns apply() filters on.
    regions = reg.provinces.set_index("province_code")["region"]
    loc = {"suifenhe": "land_border", "ningbo": "coastal"}
    return reg.zones.assign(
        region=reg.zones["province_code"].map(regions),
        location=reg.zones["zone_id"].map(loc).fillna("inland"),
    )


def test_empty_query_gives_defaults(choices):
    filters, notices = parse_query({}, choices)
    assert filters == Filters()
    assert notices == []
    assert filters.is_default()


def test_codes_and_labels_in_both_languages_are_accepted(choices):
    filters, notices = parse_query(
        {"province": ["44", "江苏省", "zhejiang"], "batch": ["6"], "lang": ["zh"], "location": ["沿边"]},
        choices,
    )
    assert notices == []
    assert filters.province == ("32", "33", "44")
    assert filters.batch == (6,)
    assert filters.lang == "zh"
    assert filters.location == ("land_border",)


def test_comma_separated_and_repeated_values_merge(choices):
    filters, _ = parse_query({"batch": ["6,7", "7", "1"]}, choices)
    assert filters.batch == (1, 6, 7)


@pytest.mark.parametrize(
    ("params", "param", "reason"),
    [
        ({"batch": ["99"]}, "batch", "expected one of 1, 2, 3"),
        ({"province": ["Atlantis"]}, "province", "expected one of"),
        ({"asof": ["2014-12-31"]}, "asof", "expected a date"),
        ({"asof": ["yesterday"]}, "asof", "expected a date"),
        ({"lang": ["fr"]}, "lang", "expected one of en, zh"),
        ({"q": ["x" * 101]}, "q", "longer than 100"),
        ({"colour": ["red"]}, "colour", "not a parameter"),
        ({"lang": ["en", "zh"]}, "lang", "more than once"),
    ],
)
def test_each_bad_value_becomes_a_notice_and_falls_back(choices, params, param, reason):
    filters, notices = parse_query(params, choices)
    assert len(notices) == 1
    assert notices[0].param == param
    assert reason in notices[0].text("en")
    assert notices[0].text("zh") != notices[0].text("en")
    if param == "q":
        assert filters.q == "x" * 100  # shortened, as the search box shortens it
    elif param != "lang":
        assert getattr(filters, param, None) in ((), "", None, "en")


def test_valid_values_survive_beside_invalid_ones(choices):
    filters, notices = parse_query({"batch": ["6", "nine"]}, choices)
    assert filters.batch == (6,)
    assert [n.value for n in notices] == ["nine"]


def test_to_query_round_trips(choices):
    original = Filters(province=("44",), batch=(6, 7), q="州", asof=dt.date(2020, 1, 1), lang="zh")
    parsed, notices = parse_query(
        {k: v if isinstance(v, list) else [v] for k, v in to_query(original).items()}, choices
    )
    assert notices == []
    assert parsed == original


def test_apply_batch_6_as_of_today_shows_27_with_alashankou_superseded(zones, reg):
    view = apply(zones, reg.batches, Filters(batch=(6,)))
    assert len(view) == 27
    assert view.loc[view.status_asof == "superseded", "name_zh"].tolist() == ["阿拉山口市"]


def test_apply_as_of_a_date_hides_later_batches(zones, reg):
    view = apply(zones, reg.batches, Filters(asof=dt.date(2018, 12, 31)))
    assert sorted(view["batch"].unique()) == [1, 2, 3]
    assert len(view) == 35


def test_apply_search_matches_both_scripts(zones, reg):
    zh = apply(zones, reg.batches, Filters(q="州"))
    en = apply(zones, reg.batches, Filters(q="ZHOU"))
    assert "hangzhou" in set(zh.zone_id) and "hangzhou" in set(en.zone_id)
    assert "beijing" not in set(zh.zone_id)


def test_apply_combines_filters(zones, reg):
    view = apply(zones, reg.batches, Filters(province=("23",), location=("land_border",)))
    assert view["zone_id"].tolist() == ["suifenhe"]


def test_a_filter_that_matches_nothing_is_empty_not_an_error(zones, reg):
    view = apply(zones, reg.batches, Filters(q="no such place"))
    assert isinstance(view, pd.DataFrame) and view.empty


def test_describe_makes_a_file_name_slug():
    assert Filters(batch=(6,)).describe() == "batch-6"
    assert Filters().describe() == "all"


def test_every_ui_string_has_both_languages():
    for key, texts in i18n.STRINGS.items():
        assert set(texts) == {"en", "zh"}, key
        assert all(texts.values()), key
    for kind, values in i18n.VALUE_LABELS.items():
        for code, texts in values.items():
            assert set(texts) == {"en", "zh"}, (kind, code)
