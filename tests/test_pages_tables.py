"""The charts, table and sources pages under AppTest: they follow the shared filters and the language."""

from __future__ import annotations

import csv
import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import DATA_DIR
from tests import facts
from tests.apptest import captions, run, widget
from tests.facts import expected


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def raw_zones() -> list[dict]:
    with open(DATA_DIR / "zones.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# Charts ------------------------------------------------------------------------------------------


def test_charts_page_draws_five_titled_charts():
    at = run("views/charts.py")
    assert at.title[0].value == "Charts"
    titles = [s["title"]["text"] for s in chart_specs(at)]
    assert titles == [
        "Active pilot zones per province",
        "Active pilot zones over time",
        "Active zones by economic region",
        "Active zones by location",
        "Days from approval to the implementation plan",
    ]


def test_charts_page_in_chinese_follows_filters():
    at = run("views/charts.py", lang="zh", batch="6")
    assert at.title[0].value == "图表"
    specs = chart_specs(at)
    assert specs[0]["title"]["text"] == "各省份有效综试区数量"
    colours = specs[0]["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert colours == ["第6批"], "only the filtered batch is drawn"


def test_coverage_toggle_switches_the_province_chart():
    at = run("views/charts.py")
    widget(at, "segmented_control", "measure").set_value("coverage").run()
    assert not at.exception
    spec = chart_specs(at)[0]
    assert spec["title"]["text"].startswith("Share of each province")
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == "%"
    assert at.query_params["measure"] == "coverage"  # the choice is part of the link


def test_charts_page_with_no_match_says_so():
    at = run("views/charts.py", q="nothing matches this")
    assert not chart_specs(at)
    assert "No zone matches" in at.info[0].value


# Table -------------------------------------------------------------------------------------------


def test_table_shows_the_filtered_rows_and_offers_three_downloads(offered):
    at = run("views/table.py", batch="6")
    wanted = [r["zone_id"] for r in raw_zones() if r["batch"] == "6"]
    table = at.dataframe[0].value
    assert table["zone_id"].tolist() == wanted
    head = expected(batch={6})
    assert any(
        c.startswith(f"{head.active} active zones · {head.designated} designated") for c in captions(at)
    )
    labels = [b.label for b in at.download_button]
    assert labels == ["CSV (UTF-8, opens in Excel)", "Excel workbook (with sources)", "GeoJSON (zone points)"]
    # Each file is built when its button is clicked: the page registers what writes it (the map page, run
    # first, registers its own: the HTML map and the slides).
    files = {name.rsplit(".", 1)[1]: write for name, (_mime, write) in offered.items()}
    assert {"csv", "geojson", "xlsx"} <= set(files)
    csv_rows = list(csv.DictReader(io.StringIO(files["csv"]().decode("utf-8-sig"))))
    assert [r["zone_id"] for r in csv_rows] == wanted
    assert files["xlsx"]()[:2] == b"PK"  # a workbook (an OOXML zip); its sheets: tests/test_export.py
    offered.clear()
    at.checkbox(key="dl_outlines").check().run()  # the GeoJSON with outlines is built without error
    assert not at.exception and len(at.download_button) == 3
    (geojson,) = [write for name, (_mime, write) in offered.items() if name.endswith(".geojson")]
    features = json.loads(geojson())["features"]
    points = [f["properties"]["zone_id"] for f in features if f["geometry"]["type"] == "Point"]
    assert points == wanted and len(features) > len(points)  # each zone's point, then the outlines


@pytest.mark.parametrize("query", ["杭州", "hangzhou"])
def test_the_search_narrows_the_table_in_both_scripts(query):
    at = run("views/table.py", q=query)
    assert at.dataframe[0].value["zone_id"].tolist() == ["hangzhou"]


def test_table_in_chinese_uses_chinese_labels():
    at = run("views/table.py", lang="zh", province="44")
    assert at.title[0].value == "数据表"
    table = at.dataframe[0].value
    assert set(table["province"]) == {"广东省"}
    assert "地级市" in set(table["level"])
    assert len(table) == sum(r["province_code"] == "44" for r in raw_zones())
    assert any(c.startswith(f"有效综试区 {expected(province={'44'}).active} 个") for c in captions(at))
    assert [b.label for b in at.download_button][0] == "CSV（UTF-8，可用 Excel 打开）"


def test_table_with_no_match_says_so():
    at = run("views/table.py", q="nothing matches this")
    assert at.dataframe[0].value.empty
    assert "No zone matches" in at.info[0].value


# Sources -----------------------------------------------------------------------------------------


def test_sources_page_lists_every_reply_and_how_to_cite():
    at = run("views/sources.py")
    with open(DATA_DIR / "batches.csv", encoding="utf-8-sig", newline="") as f:
        batches = list(csv.DictReader(f))
    table = at.dataframe[0].value
    assert table["document_no"].tolist() == [b["document_no"] for b in batches]
    assert table["document_no_en"].tolist() == [b["document_no_en"] for b in batches]
    assert table["zones"].tolist() == [int(b["zone_count"]) for b in batches]
    codes = [c.value for c in at.code]
    assert any("pilot-zones-map contributors" in c for c in codes)
    assert any(c.startswith("@misc{") for c in codes)
    sections = [h.value for h in at.main.subheader]
    assert sections == [
        "The State Council replies",
        "Facts that rest on one source or none",
        "The evidence ledger",
        "Boundary data",
        "Data version and how current it is",
        "How to cite",
    ]
    build = DATA_DIR / "boundaries" / "BUILD.json"
    if build.exists():
        package = json.loads(build.read_text(encoding="utf-8"))["source"]["package"]
        assert package in " ".join(m.value for m in at.markdown).replace("\\", "")
    else:
        assert "BUILD.json" in at.info[0].value


def test_the_replies_table_says_what_rests_on_one_source_from_the_ledger_not_a_note():
    at = run("views/sources.py")
    table = at.dataframe[0].value.set_index("batch")
    weak = facts.weak_facts()["batch"]  # 'batch:N fact' -> confidence, from data/evidence.csv
    for key, confidence in weak.items():
        batch, fact = key.removeprefix("batch:").split(" ")
        word = {"approved_on": "Approval date", "published_on": "Publication date", "title": "Title",
                "document_no": "Document number"}[fact]  # fmt: skip
        single = table.at[int(batch), "single"]
        if f"{word.lower()} not confirmed" not in single:  # an empty value says so instead
            said = "one source" if confidence == "single_source" else "no source in the ledger"
            assert f"{word}: {said}" in single, (key, single)


def test_sources_page_in_chinese():
    at = run("views/sources.py", lang="zh")
    assert at.title[0].value == "数据来源"
    assert [h.value for h in at.main.subheader] == [
        "国务院批复",
        "仅有单一来源或没有来源的事实",
        "证据台账",
        "边界数据",
        "数据版本与时效",
        "引用方式",
    ]
    weak = [d.value for d in at.dataframe if "domains" in d.value and "zone" in d.value]
    assert "德州市 · Dezhou" in weak[0]["zone"].tolist()
    table = at.dataframe[0].value
    assert table["title"].iloc[0].startswith("国务院关于同意设立中国（杭州）")
