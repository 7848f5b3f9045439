"""The table page's rows and its exports (CSV with BOM, XLSX with sources, GeoJSON)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import unicodedata

import pandas as pd

from geo import i18n
from geo.filters import Filters, slug
from geo.textsafe import safe_url

# Columns of the table, in order; the document column comes in the reader's script first.
BASE_COLUMNS = (
    "name_zh", "name_en", "zone_id", "province", "batch", "level", "region", "location",
    "coastal_province", "approved_on", "published_on", "document_no", "document_no_en", "source_url",
    "superseded", "superseded_by", "single_source", "adcodes", "lon", "lat", "note",
)  # fmt: skip
DATE_COLUMNS = ("approved_on", "published_on")
BOOL_COLUMNS = ("coastal_province", "superseded", "single_source")
# What a spreadsheet may run as a formula: a cell starting with one of these signs (full-width ones too,
# which some spreadsheets read as the ASCII ones), also after leading spaces, line breaks or control or
# invisible characters; and a cell starting with a tab or line break itself (OWASP, "CSV Injection").
FORMULA_SIGNS = "=+-@＝＋－＠"
NAME = "pilot-zones"


def table_columns(lang: str) -> list[str]:
    """The table's columns for `lang`: both names and both document forms, the reader's script first."""
    cols = list(BASE_COLUMNS)
    if i18n.norm_lang(lang) == "en":
        cols[0:2] = ["name_en", "name_zh"]
        i = cols.index("document_no")
        cols[i : i + 2] = ["document_no_en", "document_no"]
    return cols


def headers(lang: str) -> dict[str, str]:
    """Column key -> header in `lang`."""
    return {c: i18n.t(f"col_{c}", lang) for c in BASE_COLUMNS}


def table_frame(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows and columns the table page shows (keys as column names; coded values as labels in `lang`)."""
    lang = i18n.norm_lang(lang)
    v = view.reset_index(drop=True)
    out = pd.DataFrame(index=v.index)
    for col in ("zone_id", "name_zh", "name_en", "document_no", "document_no_en", "adcodes", "note"):
        out[col] = v[col].astype("string").replace("", pd.NA)
    out["province"] = v["province_name_zh" if lang == "zh" else "province_name_en"].astype("string")
    out["batch"] = v["batch"].astype(int)
    for kind in ("level", "region", "location"):
        out[kind] = pd.Series([i18n.label(kind, c, lang) for c in v[kind]], index=v.index, dtype="string")
    out["coastal_province"] = v["coastal_province"].astype(bool)
    for col in DATE_COLUMNS:
        out[col] = pd.to_datetime(v[col])
    out["source_url"] = pd.Series([safe_url(u) for u in v["source_url"]], index=v.index, dtype="string")
    status = v["status_asof"] if "status_asof" in v else v["status"]
    out["superseded"] = (status == "superseded").astype(bool)
    # Who superseded a zone is only shown once that has happened on the as-of day.
    out["superseded_by"] = v["superseded_by"].astype("Int64").where(out["superseded"], pd.NA)
    out["single_source"] = (v["confidence"] != "confirmed").astype(bool)
    out["lon"] = v["lon"].astype(float)
    out["lat"] = v["lat"].astype(float)
    return out[table_columns(lang)]


def localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with its headers in `lang`."""
    return frame.rename(columns=headers(lang))


def _ignored(ch: str) -> bool:
    """Characters a spreadsheet may skip before a formula: whitespace, controls, invisible format marks."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if not isinstance(value, str) or not value:
        return value
    first = next((ch for ch in value if not _ignored(ch)), "")
    if (first and first in FORMULA_SIGNS) or value[0] in "\t\r\n":
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with BOM (Excel then reads Chinese correctly); formula-like text neutralised; ISO dates."""
    out = localised(frame, lang).copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    text = out.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def sources_sheet(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """geo.about.batch_sources() as written to a file: dates as text ('not confirmed' if unknown),
    headers in `lang`."""
    out = sources.copy()
    for col in DATE_COLUMNS:
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d").fillna(i18n.t("not_confirmed", lang))
    return out.rename(columns={c: i18n.t(f"src_{c}", lang) for c in out.columns})


def to_xlsx(
    frame: pd.DataFrame,
    lang: str,
    sources: pd.DataFrame,
    summary: list[tuple[str, str]],
    exported_on: dt.date,
) -> bytes:
    """Sheet 1: the table; sheet 2: the export date, the filters applied, the source line and the replies
    (`sources`: geo.about.batch_sources())."""
    t = i18n.Translator(lang)
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd",
        engine_kwargs={"options": options},
    ) as writer:  # fmt: skip
        data = localised(frame, lang)
        data.to_excel(writer, sheet_name=t("ex_sheet_zones"), index=False)
        sheet = writer.sheets[t("ex_sheet_zones")]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(data), len(data.columns) - 1)
        for i, col in enumerate(data.columns):
            width = max([len(str(col))] + [len(str(v)) for v in data[col].head(200)])
            sheet.set_column(i, i, min(max(width + 2, 8), 50))
        about = pd.DataFrame(
            [
                (t("app_title"), ""),
                (t("ex_exported_on"), exported_on.isoformat()),
                (t("ex_rows"), str(len(frame))),
            ]
            + [(f"{t('filters')} · {k}", v) for k, v in summary]
            + [(t("d_source"), t("source_line"))],
            columns=[t("ex_field"), t("ex_value")],
        )
        sources_name = t("ex_sheet_sources")
        about.to_excel(writer, sheet_name=sources_name, index=False)
        sources_sheet(sources, lang).to_excel(
            writer, sheet_name=sources_name, index=False, startrow=len(about) + 2
        )
        writer.sheets[sources_name].set_column(0, 1, 36)
        writer.sheets[sources_name].set_column(2, 10, 22)
    return buf.getvalue()


def _json_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _feature(fid: str, geometry: dict, row: dict, names: dict[str, str]) -> dict:
    props = {names[k]: _json_value(v) for k, v in row.items()}
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def to_geojson(frame: pd.DataFrame, lang: str, outlines: dict[str, dict] | None = None) -> bytes:
    """A FeatureCollection: one Point per row with every shown column as a property (headers in `lang`);
    with `outlines` (zone_id -> GeoJSON geometry), each zone's outline follows as a second feature."""
    names = headers(lang)
    records = frame.to_dict("records")
    features = [
        _feature(r["zone_id"], {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]}, r, names)
        for r in records
    ]
    outlines = outlines or {}
    features += [
        _feature(f"{r['zone_id']}-outline", outlines[r["zone_id"]], r, names)
        for r in records
        if outlines.get(r["zone_id"])
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def file_name(filters: Filters, day: dt.date, ext: str) -> str:
    """'pilot-zones_batch-6_2026-11-26.csv': every filter that selects rows, and the day of the export."""
    return f"{NAME}_{slug(filters)}_{day.isoformat()}.{ext}"
