"""Compare with an earlier date: zone changes, counts, change list, texts, charts, exports, map marks."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from geo import charts, export, provenance
from geo.changes import change_list, previous_reply_day, unusable_reason
from geo.counts import count
from geo.filters import SPEC
from geo.maptext import map_description, view_subtitle
from geo.urlquery import parse_query, to_query
from tests import facts

SINCE, ASOF = dt.date(2022, 1, 1), dt.date(2025, 12, 31)
# The example windows: the issue's, and the newest reply's (since the reply before it, to today).
WINDOWS = [(SINCE, ASOF), (facts.reply_days()[-2], None), (dt.date(2016, 1, 1), dt.date(2019, 12, 31))]


def oracle(since: dt.date, asof: dt.date | None) -> tuple[set[str], set[str]]:
    """(zones designated, zones revoked) in the window, from the CSVs."""
    events = facts.changes_between(since, asof or dt.date.today())
    added = {z for _d, c, z, _doc in events if c == "designated"}
    return added, {z for _d, c, z, _doc in events if c == "revoked"}


@pytest.mark.parametrize(("since", "asof"), WINDOWS)
def test_each_zone_knows_its_change_in_the_window(data, since, asof):
    added, removed = oracle(since, asof)
    view = data.view(SPEC.filters(since=since, asof=asof)).set_index("zone_id")
    assert set(view.index[view["change"] == "designated"]) == added - removed
    assert set(view.index[view["change"] == "revoked"]) == removed - added
    assert set(view.index[view["change"] == "designated_revoked"]) == added & removed
    assert (view["change"] == "unchanged").sum() == len(view) - len(added | removed)


@pytest.mark.parametrize(("since", "asof"), WINDOWS)
def test_the_counts_of_the_window_are_the_registrys(data, since, asof):
    added, removed = oracle(since, asof)
    day = asof or dt.date.today()
    numbers = count(data.view(SPEC.filters(since=since, asof=asof)), since, asof)
    assert (numbers.since, numbers.added, numbers.removed) == (since, len(added), len(removed))
    assert numbers.active == facts.expected(day).active
    assert numbers.headline("en") == (
        f"+{len(added)} designated, {len(removed)} revoked since {since} · {numbers.active} active zones"
    )
    assert f"{since} 以来新设立 {len(added)} 个、撤销 {len(removed)} 个" in numbers.headline("zh")


def test_the_issues_example():
    added, removed = oracle(SINCE, ASOF)
    assert (len(added), len(removed), facts.expected(ASOF).active) == (76, 3, 178)


def test_no_since_no_window(data):
    view = data.view(SPEC.filters(asof=ASOF))
    assert view["change"].isna().all()
    numbers = count(view, None, ASOF)
    assert numbers.since is None and numbers.window("en") == ""
    assert "since" not in numbers.headline("en")


def test_a_since_after_the_as_of_day_makes_no_window(data):
    view = data.view(SPEC.filters(since=dt.date(2024, 1, 1), asof=dt.date(2023, 1, 1)))
    assert view["change"].isna().all()
    assert count(view, dt.date(2024, 1, 1), dt.date(2023, 1, 1)).since is None


def test_why_a_since_is_ignored():
    first = facts.reply_days()[0]
    assert unusable_reason(dt.date(2024, 1, 1), dt.date(2023, 1, 1), first) == "reason_since_after_asof"
    assert unusable_reason(first - dt.timedelta(days=1), None, first) == "reason_since_before_registry"
    assert unusable_reason(first, None, first) is None
    assert unusable_reason(SINCE, SINCE, first) is None
    assert unusable_reason(None, ASOF, first) is None


def test_since_the_previous_reply():
    days = facts.reply_days()
    assert previous_reply_day(days, None) == days[-2]
    assert previous_reply_day(days, days[3]) == days[2]  # on a reply's own day it is in force
    assert previous_reply_day(days, days[3] - dt.timedelta(days=1)) == days[1]
    assert previous_reply_day(days, days[0]) is None


def test_the_change_list_names_each_change_with_its_reply_and_a_source(data):
    view = data.view(SPEC.filters(since=SINCE, asof=ASOF))
    frame = change_list(view, data.registry.batches, data.registry.evidence)
    wanted = facts.changes_between(SINCE, ASOF)
    got = [(d.date(), c, z, doc) for d, c, z, doc in zip(frame["day"], frame["change"], frame["zone_id"],
                                                        frame["document_no"], strict=True)]  # fmt: skip
    assert sorted(got) == wanted
    assert list(frame["day"]) == sorted(frame["day"])
    ledger = {(r["subject"], r["fact"], r["source_url"]) for r in facts.rows("evidence.csv")}
    replies = {b["source_url"] for b in facts.rows("batches.csv")}
    for r in frame.itertuples(index=False):
        fact = "designation" if r.change == "designated" else "revocation"
        assert (r.zone_id, fact, r.source_url) in ledger or r.source_url in replies, r


def test_the_url_writes_since_before_asof_and_reads_it_back(data):
    filters = SPEC.filters(since=SINCE, asof=ASOF)
    pairs = to_query(filters)
    assert pairs == [("since", "2022-01-01"), ("asof", "2025-12-31")]
    back, notices = parse_query(dict(pairs), data.vocab, data.last_day())
    assert back == filters and notices == []


def test_texts_name_both_dates(data):
    filters = SPEC.filters(since=SINCE, asof=ASOF)
    view = data.view(filters)
    added, removed = oracle(SINCE, ASOF)
    latest = provenance.of(data, filters).latest_words("en")
    subtitle = view_subtitle(filters, data.vocab, view, ASOF, latest, "en")
    assert f"+{len(added)} designated, {len(removed)} revoked since 2022-01-01" in subtitle
    assert "as of 2025-12-31" in subtitle
    text = map_description(view, ASOF.isoformat(), "zh", SINCE)
    assert "2022-01-01 以来新设立76个、撤销3个" in text and "截至2025-12-31" in text


def test_the_exports_carry_each_zones_change(data):
    view = data.view(SPEC.filters(since=SINCE, asof=ASOF))
    added, removed = oracle(SINCE, ASOF)
    rows = export.export_frame(view)
    csv = pd.read_csv(io.BytesIO(export.to_csv(rows)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    codes = dict(zip(csv["zone_id"], csv["change"], strict=True))
    assert {z for z, c in codes.items() if c in ("designated", "designated_revoked")} == added
    assert {z for z, c in codes.items() if c in ("revoked", "designated_revoked")} == removed
    geo = json.loads(export.to_geojson(rows))
    assert {f["properties"]["change"] for f in geo["features"]} >= {"designated", "revoked", "unchanged"}
    table = export.table_frame(view, "zh")
    assert table.columns[2] == "change" and set(table["change"]) >= {"新设立", "撤销", "无变化"}
    plain = export.export_frame(data.view(SPEC.filters(asof=ASOF)))
    assert plain["change"].isna().all()  # the column is always there: one schema
    assert "change" not in export.table_frame(data.view(SPEC.filters(asof=ASOF)), "en").columns


def test_the_charts_honour_the_window(data):
    view = data.view(SPEC.filters(since=SINCE, asof=ASOF))
    new = {int(z["batch"]) for z in facts.rows("zones.csv") if z["zone_id"] in oracle(SINCE, ASOF)[0]}
    spec = charts.province_chart(view, data.registry.provinces, data.prefectures, "en", since=SINCE).to_dict()
    bars = spec["layer"][0]
    assert "opacity" in bars["encoding"]
    rows = spec["datasets"][bars["data"]["name"]]
    assert {r["batch"] for r in rows if r["new"]} == new
    assert "since 2022-01-01" in " ".join(spec["title"]["subtitle"])
    time = charts.cumulative_chart(view, data.registry.batches, "en", ASOF, SINCE).to_dict()
    assert time["layer"][0]["mark"]["type"] == "rect"
    plain = charts.province_chart(data.view(SPEC.filters(asof=ASOF)), data.registry.provinces,
                                  data.prefectures, "en").to_dict()  # fmt: skip
    assert "opacity" not in plain["layer"][0]["encoding"]


def _deck(data, view, style: str) -> dict:
    from geo.mapview import MapOptions, build_deck

    options = MapOptions(style=style)
    deck = build_deck(data.province_codes, data.outlines, view, options, not_applicable=data.not_applicable)
    return json.loads(deck.to_json())


@pytest.mark.parametrize("style", ["markers", "areas"])
def test_the_map_marks_the_window(data, style):
    from geo.mapview import MARKERS_ACTIVE, MARKERS_REVOKED, REVOKED_CROSSES, ZONE_AREAS

    view = data.view(SPEC.filters(since=SINCE, asof=ASOF))
    layers = {layer["id"]: layer for layer in _deck(data, view, style)["layers"]}
    added, removed = oracle(SINCE, ASOF)
    assert removed and added - removed
    seat = {z["zone_id"]: [float(z["lon"]), float(z["lat"])] for z in facts.rows("zones.csv")}
    markers = layers[MARKERS_ACTIVE]["data"] + layers[MARKERS_REVOKED]["data"]
    at = {m["zone_id"]: m["position"] for m in markers}
    areas = {f["properties"]["zone_id"]: f["properties"]["c"] for f in layers.get(ZONE_AREAS, {"data": {
        "features": []}})["data"]["features"]}  # fmt: skip
    assert set(at) | set(areas) == set(view["zone_id"])  # every zone drawn, once
    # Revoked in the window: a cross over its marker, or at the seat of its (hollow) area; not pickable.
    crosses = layers[REVOKED_CROSSES]
    assert not crosses["pickable"]
    assert {c["zone_id"] for c in crosses["data"]} == removed
    for c in crosses["data"]:
        where = at.get(c["zone_id"], seat[c["zone_id"]])
        assert abs(c["position"][0] - where[0]) < 0.01 and abs(c["position"][1] - where[1]) < 0.01
    # Designated in the window: larger markers; the unchanged zones muted (markers and areas alike).
    assert layers[MARKERS_ACTIVE]["getRadius"] == "@@=r"  # per marker
    sizes = {m["zone_id"]: m["r"] for m in markers}
    base = min(sizes.values())
    assert {z for z, r in sizes.items() if r > base + 1e-6} == added & set(sizes)
    alphas = {m["zone_id"]: m["colour"][3] for m in markers}
    alphas |= {z: c[3] for z, c in areas.items() if z not in removed}  # revoked areas are hollow anyway
    assert {z for z, a in alphas.items() if a < 255} == set(alphas) - added - removed
    assert layers[MARKERS_ACTIVE]["pickable"] and (style == "markers" or layers[ZONE_AREAS]["pickable"])
    plain = {layer["id"]: layer for layer in _deck(data, data.view(SPEC.filters(asof=ASOF)), style)["layers"]}
    assert REVOKED_CROSSES not in plain
    assert all(m["colour"][3] == 255 for m in plain[MARKERS_ACTIVE]["data"])


@pytest.mark.parametrize("style", ["markers", "areas"])
def test_the_key_of_every_map_names_the_window(data, style):
    from geo.htmlmap import legend_html
    from geo.mapkey import map_key

    view = data.view(SPEC.filters(since=SINCE, asof=ASOF))
    sections = map_key(view, data.registry.batches, "en", style, since=SINCE)
    window = next(s for s in sections if s.heading == "Since 2022-01-01")
    assert [r.label for r in window.rows] == ["Designated", "Revoked (cross)", "Unchanged (muted)"]
    html = legend_html(sections)
    assert "Since 2022-01-01" in html and ">×</span>" in html
    zh = map_key(view, data.registry.batches, "zh", style, since=SINCE)
    assert any(s.heading == "2022-01-01 以来" for s in zh)
    plain = map_key(view, data.registry.batches, "en", style)
    assert not any(s.heading.startswith("Since") for s in plain)
