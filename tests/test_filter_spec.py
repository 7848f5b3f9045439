"""One spec entry per filter: new entries of every kind reach the URL, rows, counts, table and subtitle."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle

import pytest

from geo import export, i18n
from geo.counts import count
from geo.filterkinds import Choice, Codes, Date, Flag, Text
from geo.filters import SPEC, Entry, Filters, apply, build_vocabulary, in_words, slug, summary_rows
from geo.maptext import view_subtitle
from geo.urlquery import parse_query, to_query, view_url
from tests.facts import effective_days, rows

LATEST = dt.date(2026, 11, 27)
DAY = dt.date(2019, 12, 31)
# The strings a contributor adds to geo/i18n.py with the entries.
LABELS = {
    "f_coastal": {"en": "Coastal provinces only", "zh": "仅沿海省份"},
    "f_approved": {"en": "Approved by", "zh": "批复不晚于"},
    "f_seat": {"en": "Seat of government", "zh": "政府驻地"},
    "f_research": {"en": "Convention", "zh": "口径"},
}


@pytest.fixture(scope="module")
def spec():
    """The real spec with a flag that names a column and a date that names a column, as a contributor
    would add them: one entry each."""
    extended = SPEC.with_entry(Entry("coastal", Flag(), False, column="coastal_province"), after="location")
    return extended.with_entry(Entry("approved", Date(), None, column="approved_on"), after="asof")


@pytest.fixture(autouse=True)
def labels(monkeypatch):
    monkeypatch.setattr(i18n, "STRINGS", i18n.STRINGS | LABELS)


@pytest.fixture(scope="module")
def vocab(data, spec):
    return build_vocabulary(data.registry, spec)


def wanted_zone_ids(day: dt.date | None = None, coastal: bool = False) -> set[str]:
    """From data/*.csv with the csv module: zones in coastal provinces, approved on or before `day`."""
    coast = {p["province_code"] for p in rows("provinces.csv") if p["coastal"] == "true"}
    approved = {b["batch"]: b["approved_on"] for b in rows("batches.csv")}
    out = set()
    for z in rows("zones.csv"):
        if coastal and z["province_code"] not in coast:
            continue
        if day and not (approved[z["batch"]] and dt.date.fromisoformat(approved[z["batch"]]) <= day):
            continue
        out.add(z["zone_id"])
    return out


def test_new_entries_reach_the_url_in_the_spec_order_and_read_back(spec, vocab):
    view = spec.filters(batch=(3, 4), coastal=True, approved=DAY)
    assert to_query(view) == [("batch", "3,4"), ("coastal", "1"), ("approved", "2019-12-31")]
    assert view_url("http://x/", view) == "http://x/?batch=3,4&coastal=1&approved=2019-12-31"
    parsed, notices = parse_query({"approved": "20191231", "coastal": "yes", "batch": "4,3"}, vocab, LATEST)
    assert notices == [] and parsed == view
    _, notices = parse_query({"coastal": "maybe", "approved": "2014-01-01"}, vocab, LATEST)
    assert [n.param for n in notices] == ["coastal", "approved"]


def test_the_real_spec_does_not_know_them(data):
    _, notices = parse_query({"coastal": "1"}, data.vocab, LATEST)
    assert [n.reason_key for n in notices] == ["reason_unknown_param"]


def test_new_entries_select_the_rows_and_so_the_counts_and_the_table(data, spec):
    view = apply(data.zones, spec.filters(coastal=True, approved=DAY))
    wanted = wanted_zone_ids(DAY, coastal=True)
    assert set(view["zone_id"]) == wanted
    assert count(view).designated == len(wanted)
    assert set(export.table_frame(view, "en")["zone_id"]) == wanted
    assert set(export.export_frame(view)["zone_id"]) == wanted
    everything = apply(data.zones, spec.filters())
    assert len(everything) == len(rows("zones.csv"))


def test_new_entries_reach_the_file_name_the_summary_and_the_subtitle(data, spec, vocab):
    view = spec.filters(coastal=True, approved=DAY, province=("44",))
    assert slug(view) == "province-44_coastal-shown_approved-2019-12-31"
    assert in_words(view, vocab, "en") == [
        "Guangdong",
        "Coastal provinces only: yes",
        "Approved by: 2019-12-31",
    ]
    assert in_words(view, vocab, "zh") == ["广东", "仅沿海省份：是", "批复不晚于：2019-12-31"]
    assert ("Approved by", "2019-12-31") in summary_rows(view, vocab, "en")
    latest = "latest reply: 国函〔2025〕40号"
    subtitle = view_subtitle(view, vocab, apply(data.zones, view), LATEST, latest, "en")
    assert subtitle.startswith("Guangdong · Coastal provinces only: yes · Approved by: 2019-12-31 · ")


def test_the_as_of_date_still_decides_each_zones_status(data, spec):
    last = max(effective_days().values())
    view = apply(data.zones, spec.filters(asof=last - dt.timedelta(days=1), approved=DAY))
    assert set(view["status_asof"]) == {"active"}, "before the last reply no zone had been revoked"
    assert set(view["zone_id"]) == wanted_zone_ids(DAY)


@pytest.mark.parametrize(
    ("entry", "value", "url", "kept"),
    [
        (Entry("seat", Text(), "", column="seat_zh"), "县", "县", lambda z: "县" in z["seat_zh"]),
        (
            Entry(
                "kind",
                Codes(lambda _r: ("prefecture_city", "new_area"), lambda c, _l, _r: c),
                (),
                column="level",
            ),
            ("new_area",),
            "new_area",
            lambda z: z["level"] == "new_area",
        ),
        (
            Entry("research", Choice(lambda _r: ("approval", "plan"), lambda c, _l, _r: c), "approval"),
            "plan",
            "plan",
            lambda z: True,
        ),
    ],
)
def test_every_kind_is_one_entry(data, entry, value, url, kept):
    spec = SPEC.with_entry(entry)
    vocab = build_vocabulary(data.registry, spec)
    view = spec.filters(**{entry.name: value})
    assert to_query(view) == [(entry.name, url)]
    assert parse_query({entry.name: url}, vocab, LATEST) == (view, [])
    assert set(apply(data.zones, view)["zone_id"]) == {z["zone_id"] for z in rows("zones.csv") if kept(z)}


def test_a_page_scoped_entry_stays_on_its_page(data):
    entry = Entry("research", Choice(lambda _r: ("approval", "plan"), lambda c, _l, _r: c), "approval")
    spec = SPEC.with_entry(dataclasses.replace(entry, page="research", selects_rows=False))
    view = spec.filters(batch=(6,), research="plan")
    assert to_query(view, "research") == [("batch", "6"), ("research", "plan")]
    assert to_query(view, "table") == [("batch", "6")]
    assert to_query(view) == [("batch", "6"), ("research", "plan")]


def test_filters_are_values(spec):
    a = spec.filters(coastal=True)
    assert a == spec.filters(coastal=True) and hash(a) == hash(spec.filters(coastal=True))
    assert a != Filters() and a.replace(coastal=False) == spec.filters()
    assert a.rows_key() == a.replace(lang="zh").rows_key()
    with pytest.raises(TypeError, match="not a filter"):
        Filters(colour="red")
    with pytest.raises(AttributeError):
        a.coastal = False  # type: ignore[misc]


def test_filters_copy_and_pickle_as_values():
    view = Filters(batch=(6,), asof=dt.date(2020, 1, 1))
    assert copy.deepcopy(view) is view and copy.copy(view) is view
    assert pickle.loads(pickle.dumps(view)) == view
