"""The filter spec: URL parsing and notices, the canonical URL, file-name slugs and words, apply()."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import i18n
from geo.filterkinds import MAX_VALUES, Codes
from geo.filters import SPEC, Filters, in_words, slug, summary_rows
from geo.urlquery import parse_query, to_query
from tests.facts import expected, rows

LATEST = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def vocab(data):
    return data.vocab


def parse(params, vocab):
    return parse_query(params, vocab, LATEST)


def test_every_entry_the_sidebar_draws_has_its_label_in_both_languages(vocab):
    for entry in SPEC:
        if entry.place != "none":
            key = entry.label_key or f"f_{entry.name}"
            assert set(i18n.STRINGS[key]) == {"en", "zh"}, entry.name
            assert entry.widget(entry.default, vocab, "zh", LATEST).label == i18n.t(key, "zh")


def test_empty_query_gives_defaults(vocab):
    filters, notices = parse({}, vocab)
    assert filters == Filters()
    assert notices == []
    assert to_query(filters) == []


def test_codes_and_labels_in_both_languages_are_accepted(vocab):
    filters, notices = parse(
        {"province": ["44", "江苏省", "zhejiang"], "batch": ["6"], "lang": ["中文"], "location": ["沿边"]},
        vocab,
    )
    assert notices == []
    assert filters.province == ("32", "33", "44")
    assert filters.batch == (6,)
    assert filters.lang == "zh"
    assert filters.location == ("land_border",)


def test_comma_separated_and_repeated_values_merge(vocab):
    filters, _ = parse({"batch": ["6,7", "7", "1"]}, vocab)
    assert filters.batch == (1, 6, 7)


@pytest.mark.parametrize(
    ("params", "param", "reason"),
    [
        ({"batch": ["99"]}, "batch", "expected one of 1, 2, 3"),
        ({"province": ["Atlantis"]}, "province", "expected one of"),
        ({"asof": ["2014-12-31"]}, "asof", "expected a date"),
        ({"asof": ["yesterday"]}, "asof", "expected a date"),
        ({"asof": ["2020/01/01"]}, "asof", "expected a date"),
        ({"lang": ["fr"]}, "lang", "expected one of en, zh"),
        ({"q": ["x" * 101]}, "q", "longer than 100"),
        ({"colour": ["red"]}, "colour", "not a parameter"),
        ({"lang": ["en", "zh"]}, "lang", "more than once"),
        ({"zone": ["atlantis"]}, "zone", "no zone has this id"),
        ({"revoked": ["maybe"]}, "revoked", "expected one of"),
    ],
)
def test_each_bad_value_becomes_a_notice_and_is_not_used(vocab, params, param, reason):
    filters, notices = parse(params, vocab)
    assert len(notices) == 1
    assert notices[0].param == param
    assert reason in notices[0].text("en")
    assert notices[0].text("zh") != notices[0].text("en")
    if param == "q":
        assert filters.q == "x" * 100  # shortened, as the search box shortens it (and the notice says so)
    elif param == "lang":
        assert filters.lang == "en"  # the first of the repeated values
    elif SPEC.get(param):
        assert getattr(filters, param) == SPEC[param].default


def test_valid_values_survive_beside_invalid_ones(vocab):
    filters, notices = parse({"batch": ["6", "nine"]}, vocab)
    assert filters.batch == (6,)
    assert [n.value for n in notices] == ["nine"]


def test_notices_are_bounded_and_values_shortened(vocab):
    filters, notices = parse({"batch": [",".join(["0"] * 2500)], "q": ["a", "b" * 10_000]}, vocab)
    assert len(notices) <= MAX_VALUES + 3
    assert all(len(n.value) <= 40 and len(n.param) <= 30 for n in notices)
    assert any(n.reason_key == "reason_too_many_values" for n in notices)
    assert filters.q == "a"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_notices_for_too_many_name_the_first_ignored_and_count_the_rest(vocab, lang):
    params = {"batch": [",".join(str(i % 8 + 1) for i in range(100))]}
    params |= {f"p{i}": [f"v{i}"] for i in range(40)}  # 41 parameters in all
    _, notices = parse(params, vocab)
    too_many = {n.reason_key: n for n in notices if n.reason_key.startswith("reason_too_many")}
    values, params_ = too_many["reason_too_many_values"], too_many["reason_too_many_params"]
    assert (values.param, values.value) == ("batch", "5")  # the 61st value: 60 % 8 + 1
    assert (params_.param, params_.value) == ("p29", "v29")  # the 31st parameter (batch is the first)
    for notice, rest in ((values, "39"), (params_, "10")):
        text = notice.text(lang)
        assert rest in text and "{" not in text and "}" not in text, text


def test_the_canonical_url_uses_codes_in_a_stable_order_and_omits_defaults():
    f = Filters(lang="zh", batch=(6, 7), province=("44",), asof=dt.date(2022, 12, 31), revoked=False)
    assert to_query(f) == [
        ("lang", "zh"),
        ("province", "44"),
        ("batch", "6,7"),
        ("asof", "2022-12-31"),
        ("revoked", "0"),
    ]


@pytest.mark.parametrize(
    "original",
    [
        Filters(province=("44",), batch=(6, 7), q="州", asof=dt.date(2020, 1, 1), lang="zh"),
        Filters(region=("east", "west"), level=("prefecture_city",), location=("coastal",)),
        Filters(revoked=False, basemap=True, measure="coverage", zone="yiwu", present=True),
    ],
)
def test_to_query_round_trips(vocab, original):
    parsed, notices = parse({k: [v] for k, v in to_query(original)}, vocab)
    assert notices == []
    assert parsed == original


def test_apply_batch_6_shows_its_designations_with_the_revoked_one_hollow(data):
    view = data.view(Filters(batch=(6,)))
    wanted = expected(batch={6})
    assert len(view) == wanted.designated
    revoked = {z["name_zh"] for z in rows("zones.csv") if z["batch"] == "6" and z["revoked_by"]}
    assert set(view.loc[view.status_asof == "revoked", "name_zh"]) == revoked


def test_apply_as_of_a_date_hides_later_batches(data):
    day = dt.date(2018, 12, 31)
    view = data.view(Filters(asof=day))
    assert len(view) == expected(day).designated
    assert view["batch"].max() == 3


def test_apply_search_matches_both_scripts_from_the_start_of_a_word(data):
    zh = data.view(Filters(q="州"))
    en = data.view(Filters(q="ZHOU"))
    assert "hangzhou" in set(zh.zone_id) and "beijing" not in set(zh.zone_id)
    assert "hangzhou" not in set(en.zone_id)  # 'zhou' starts no word of 'Hangzhou'
    assert set(data.view(Filters(q="hang")).zone_id) >= {"hangzhou"}
    assert "changzhou" not in set(data.view(Filters(q="hangzhou")).zone_id)


def test_apply_combines_filters(data):
    view = data.view(Filters(province=("23",), location=("land_border",)))
    assert "suifenhe" in set(view["zone_id"])
    assert set(view["province_code"]) == {"23"} and set(view["location"]) == {"land_border"}


def test_hiding_revoked_zones_keeps_the_active_ones(data):
    view = data.view(Filters(batch=(6,), revoked=False))
    assert len(view) == expected(batch={6}).active
    assert set(view["status_asof"]) == {"active"}


def test_a_filter_that_matches_nothing_is_empty_not_an_error(data):
    view = data.view(Filters(q="no such place"))
    assert isinstance(view, pd.DataFrame) and view.empty


def test_display_state_does_not_change_the_rows(data):
    base = data.view(Filters(batch=(6,)))
    other = data.view(Filters(batch=(6,), lang="zh", basemap=True, zone="yiwu", present=True))
    assert other is base  # memoised by the filters that select rows


def test_slug_names_every_filter_that_selects_rows():
    assert slug(Filters(batch=(6,))) == "batch-6"
    assert slug(Filters()) == "all"
    assert slug(Filters(lang="zh", present=True)) == "all"
    text = slug(Filters(province=("32", "44"), q="杭州 x/y", asof=dt.date(2020, 1, 1), revoked=False))
    assert text == "province-32+44_search-杭州-x-y_asof-2020-01-01_revoked-hidden"


def test_filters_in_words_for_a_subtitle(vocab):
    f = Filters(province=("44",), batch=(6,))
    assert in_words(f, vocab, "en") == ["Guangdong", "Batch 6 (国函〔2022〕8号)"]
    assert in_words(f, vocab, "zh") == ["广东", "第6批（国函〔2022〕8号）"]


def test_summary_rows_in_both_languages(vocab):
    assert summary_rows(Filters(), vocab, "en") == [("Filters", "none (all zones)")]
    rows_zh = summary_rows(Filters(batch=(6, 7)), vocab, "zh")
    assert rows_zh == [("批次", "第6批（国函〔2022〕8号）、第7批（国函〔2022〕126号）")]


def test_every_codes_filter_has_a_label_for_every_option_in_both_languages(vocab):
    for entry in SPEC:
        if isinstance(entry.kind, Codes):
            for lang in i18n.LANGS:
                assert set(vocab.labels[entry.name][lang]) == set(vocab.options[entry.name])
