"""The table page's rows and its exports (CSV with BOM, XLSX with columns and sources, GeoJSON)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import unicodedata

import pandas as pd

from geo import i18n
from geo.evidence import revocation_text
from geo.facttext import day_text, note, plan_text
from geo.filters import Filters, slug
from geo.textsafe import safe_url

# Columns of the downloads, in order: the registry's snake_case names (zones.csv's wherever they hold the
# same fact), the same in every language, with a `*_confidence` column beside each fact and date. Coded
# columns hold the registry's codes; to_xlsx adds a sheet with every column's labels and meaning.
EXPORT_COLUMNS = (
    "zone_id", "name_zh", "name_en", "province_code", "province_name_zh", "province_name_en", "batch",
    "level", "region", "location", "coastal_province", "approved_on", "approved_on_confidence",
    "published_on", "published_on_confidence", "document_no", "document_no_en", "source_url",
    "designation_confidence", "status", "revoked_by", "revocation_confidence", "revoked_on",
    "revoked_on_confidence", "revocation", "plan_title", "plan_document_no", "plan_issuer", "plan_issued_on",
    "plan_published_on", "plan_url", "plan_confidence",
    "adcodes", "lon", "lat", "marker_source", "seat_zh", "aliases", "note", "note_zh",
    "change",  # since the earlier date compared with (geo.changes); empty when the view compares with none
)  # fmt: skip
# Each date column of the downloads -> the column of its confidence.
DATE_CONFIDENCE = {
    "approved_on": "approved_on_confidence",
    "published_on": "published_on_confidence",
    "revoked_on": "revoked_on_confidence",
    "plan_issued_on": "plan_confidence",
    "plan_published_on": "plan_confidence",
}
# Columns of the table page (labels in the reader's language; see table_frame): dates as text, marked
# unless confirmed.
TABLE_COLUMNS = (
    "name_zh", "name_en", "zone_id", "province", "batch", "level", "region", "location", "coastal_province",
    "approved_on", "published_on", "document_no", "document_no_en", "source_url",
    "designation_confidence", "status", "revoked_on", "revocation_confidence", "plan", "adcodes", "lon",
    "lat", "note",
)  # fmt: skip
# Coded columns -> the i18n.VALUE_LABELS kind that reads them.
CODED = {
    "level": "level",
    "region": "region",
    "location": "location",
    "status": "status",
    "designation_confidence": "confidence",
    "revocation_confidence": "confidence",
    "approved_on_confidence": "confidence",
    "published_on_confidence": "confidence",
    "revoked_on_confidence": "confidence",
    "plan_confidence": "confidence",
    "change": "change",
}
DATE_COLUMNS = ("approved_on", "published_on")  # the reply's dates (also in the XLSX sources sheet)
BOOL_COLUMNS = ("coastal_province",)
# What a spreadsheet may run as a formula: a cell starting with one of these signs (full-width ones too,
# which some spreadsheets read as the ASCII ones), also after leading spaces, line breaks or control or
# invisible characters; and a cell starting with a tab or line break itself (OWASP, "CSV Injection").
FORMULA_SIGNS = "=+-@＝＋－＠"
NAME = "pilot-zones"
SHEET_ZONES, SHEET_COLUMNS, SHEET_SOURCES = "zones", "columns", "sources"
SHEET_METADATA, SHEET_FACTS = "metadata", "facts"
# The wording of a revocation in the files (their values do not change with the language).
FILE_LANG = "en"


def _text(values) -> pd.Series:
    return pd.Series(values, dtype="string").replace("", pd.NA)


def export_frame(view: pd.DataFrame) -> pd.DataFrame:
    """The rows of `view` as the downloads hold them: EXPORT_COLUMNS, codes as in the registry, the status
    and revocation as of the view's day (status_asof, if the view has it), each date's confidence beside
    it."""
    v = view.reset_index(drop=True)
    out = pd.DataFrame(index=v.index)
    for col in ("zone_id", "name_zh", "name_en", "province_code", "province_name_zh", "province_name_en"):
        out[col] = _text(v[col].to_numpy())
    out["batch"] = v["batch"].astype(int)
    for col in ("level", "region", "location"):
        out[col] = _text(v[col].to_numpy())
    out["coastal_province"] = v["coastal_province"].astype(bool)
    for col in DATE_COLUMNS:
        out[col] = pd.to_datetime(v[col])
        out[f"{col}_confidence"] = _text(v[f"{col}_confidence"].to_numpy())
    out["document_no"] = _text(v["document_no"].to_numpy())
    out["document_no_en"] = _text(v["document_no_en"].to_numpy())
    out["source_url"] = _text([safe_url(u) or "" for u in v["source_url"]])
    out["designation_confidence"] = _text(v["designation_confidence"].to_numpy())
    status = v["status_asof"] if "status_asof" in v else v["status"]
    revoked = (status == "revoked").to_numpy()
    out["status"] = _text(status.to_numpy())
    # Who revoked a zone, and when, is only said once that has happened on the view's day.
    out["revoked_by"] = _text(v["revoked_by"].where(revoked, "").to_numpy())
    out["revocation_confidence"] = _text(v["revocation_confidence"].where(revoked, "").to_numpy())
    out["revoked_on"] = pd.to_datetime(v["revoked_on"]).where(revoked)
    out["revoked_on_confidence"] = _text(v["revoked_on_confidence"].where(revoked, "").to_numpy())
    out["revocation"] = _text(
        [
            revocation_text(doc, conf, FILE_LANG) if r else ""
            for doc, conf, r in zip(v["revoked_by"], v["revocation_confidence"], revoked, strict=True)
        ]
    )
    for col in ("plan_issued_on", "plan_published_on"):
        out[col] = pd.to_datetime(v[col])
    out["plan_confidence"] = _text(v["plan_confidence"].to_numpy())
    out["adcodes"] = _text(v["adcodes"].to_numpy())
    out["lon"] = v["lon"].astype(float)
    out["lat"] = v["lat"].astype(float)
    for col in ("marker_source", "seat_zh", "aliases", "note", "note_zh"):
        out[col] = _text(v[col].to_numpy())
    out["change"] = _text(v["change"].to_numpy()) if "change" in v else _text([""] * len(v))
    for col in ("plan_title", "plan_document_no", "plan_issuer"):
        out[col] = _text(v[col].to_numpy())
    out["plan_url"] = _text([safe_url(u) or "" for u in v["plan_url"]])
    return out[list(EXPORT_COLUMNS)]


def table_columns(lang: str, compare: bool = False) -> list[str]:
    """The table's columns for `lang`: both names and both document forms, the reader's script first; when
    the view compares with an earlier date, each zone's change after the names."""
    cols = list(TABLE_COLUMNS)
    if i18n.norm_lang(lang) == "en":
        cols[0:2] = ["name_en", "name_zh"]
        i = cols.index("document_no")
        cols[i : i + 2] = ["document_no_en", "document_no"]
    if compare:
        cols.insert(2, "change")
    return cols


def headers(lang: str) -> dict[str, str]:
    """Column key -> its label in `lang` (the table page's headers; the XLSX "columns" sheet)."""
    return {c: i18n.t(f"col_{c}", lang) for c in dict.fromkeys(TABLE_COLUMNS + EXPORT_COLUMNS)}


def table_frame(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows and columns the table page shows: the export's rows with coded values as labels in `lang`,
    the province's name, each date as text marked with its confidence ('2022-01-22 (unverified)'), the
    plan, the note and the status ('Active', 'Revoked by 国函〔2025〕40号 (one source)') in `lang`."""
    lang = i18n.norm_lang(lang)
    v = view.reset_index(drop=True)
    e = export_frame(v)
    out = e.copy()
    out["province"] = e["province_name_zh" if lang == "zh" else "province_name_en"]
    for col, kind in CODED.items():
        out[col] = _text([i18n.label(kind, c, lang) if isinstance(c, str) else "" for c in e[col]])
    for col in ("approved_on", "published_on", "revoked_on"):
        confidence = e[DATE_CONFIDENCE[col]].fillna("")
        known = e[col].notna() | (col != "revoked_on")  # an unknown reply date says so; no revocation is ''
        shown = [day_text(d, c, lang) if k else "" for d, c, k in zip(e[col], confidence, known, strict=True)]
        out[col] = _text(shown)
    out["plan"] = _text([plan_text(r, lang) for r in v.itertuples(index=False)])
    out["note"] = _text([note(en, zh, lang) for en, zh in zip(v["note"], v["note_zh"], strict=True)])
    revoked = (e["status"] == "revoked").to_numpy()
    out["status"] = _text(
        [
            revocation_text(doc, conf, lang) if r else i18n.label("status", s, lang)
            for doc, conf, r, s in zip(
                v["revoked_by"], v["revocation_confidence"], revoked, e["status"], strict=True
            )
        ]
    )
    return out[table_columns(lang, compare=bool(e["change"].notna().any()))]


def columns_sheet(columns) -> pd.DataFrame:
    """One row per exported column: its name, its label and meaning in both languages, and its codes."""
    rows = []
    for col in columns:
        kind = CODED.get(col)
        labels = i18n.VALUE_LABELS[kind] if kind else {}
        # A view holds no 'pending' zone (one whose reply came after the view's day).
        codes = "; ".join(f"{c} = {x['en']} / {x['zh']}" for c, x in labels.items() if c != "pending")
        rows.append(
            {
                "column": col,
                "label_en": i18n.t(f"col_{col}", "en"),
                "label_zh": i18n.t(f"col_{col}", "zh"),
                "meaning_en": i18n.t(f"colm_{col}", "en"),
                "meaning_zh": i18n.t(f"colm_{col}", "zh"),
                "codes": codes,
            }
        )
    return pd.DataFrame(rows)


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


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel then reads Chinese correctly); the frame's column names as headers;
    formula-like text neutralised; ISO dates."""
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    text = out.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def sources_sheet(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """geo.provenance.batch_sources() as written to a file (the Sources page's table): headers in `lang`."""
    return sources.rename(columns={c: i18n.t(f"src_{c}", lang) for c in sources.columns})


def facts_sheet(facts: pd.DataFrame) -> pd.DataFrame:
    """geo.provenance fact_table rows as written to a file: every fact of the exported zones and their
    replies with its confidence, under the stable column names."""
    return facts.drop(columns=["zone_id"])


def _fit_columns(sheet, frame: pd.DataFrame, widest: int = 50) -> None:
    for i, col in enumerate(frame.columns):
        width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
        sheet.set_column(i, i, min(max(width + 2, 8), widest))


def to_xlsx(
    frame: pd.DataFrame,
    lang: str,
    sources: pd.DataFrame,
    facts: pd.DataFrame,
    metadata: list[tuple[str, str, str]],
) -> bytes:
    """Sheet "zones": the rows (export_frame), headed by the stable column names; sheet "columns": each
    column's labels in both languages, meaning and codes; sheet "metadata", in `lang`: the view it shows
    (`metadata`: geo.provenance.view_metadata); sheet "sources": the replies as the Sources page lists them
    (`sources`: geo.provenance.batch_sources); sheet "facts": every fact of these zones and their replies
    with its confidence (`facts`: geo.provenance.of().facts)."""
    t = i18n.Translator(lang)
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd",
        engine_kwargs={"options": options},
    ) as writer:  # fmt: skip
        frame.to_excel(writer, sheet_name=SHEET_ZONES, index=False)
        sheet = writer.sheets[SHEET_ZONES]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        _fit_columns(sheet, frame)
        columns = columns_sheet(frame.columns)
        columns.to_excel(writer, sheet_name=SHEET_COLUMNS, index=False)
        writer.sheets[SHEET_COLUMNS].freeze_panes(1, 1)
        _fit_columns(writer.sheets[SHEET_COLUMNS], columns, widest=70)
        about = pd.DataFrame(
            [(key, label, neutralise(value)) for key, label, value in metadata],
            columns=["key", t("ex_field"), t("ex_value")],
        )
        about.to_excel(writer, sheet_name=SHEET_METADATA, index=False)
        writer.sheets[SHEET_METADATA].set_column(0, 1, 28)
        writer.sheets[SHEET_METADATA].set_column(2, 2, 100)
        sources_sheet(sources, lang).to_excel(writer, sheet_name=SHEET_SOURCES, index=False)
        writer.sheets[SHEET_SOURCES].set_column(0, 10, 22)
        listed = facts_sheet(facts)
        listed.to_excel(writer, sheet_name=SHEET_FACTS, index=False)
        writer.sheets[SHEET_FACTS].freeze_panes(1, 0)
        _fit_columns(writer.sheets[SHEET_FACTS], listed)
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


def _feature(fid: str, geometry: dict, row: dict) -> dict:
    props = {k: _json_value(v) for k, v in row.items()}
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def to_geojson(
    frame: pd.DataFrame,
    outlines: dict[str, dict] | None = None,
    metadata: list[tuple[str, str, str]] | None = None,
) -> bytes:
    """A FeatureCollection: one Point per row with every column as a property (keys: the column names);
    with `outlines` (zone_id -> GeoJSON geometry), each zone's outline follows as a second feature; with
    `metadata` (geo.provenance.view_metadata), a top-level "metadata" member (a foreign member, RFC 7946
    §6.1) stating the view: key -> value, the filters under "filters"."""
    records = frame.to_dict("records")
    features = [
        _feature(r["zone_id"], {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]}, r)
        for r in records
    ]
    outlines = outlines or {}
    features += [
        _feature(f"{r['zone_id']}-outline", outlines[r["zone_id"]], r)
        for r in records
        if outlines.get(r["zone_id"])
    ]
    collection: dict = {"type": "FeatureCollection", "features": features}
    if metadata:
        about: dict = {k: v for k, _label, v in metadata if not k.startswith("filter:")}
        chosen = [(k.removeprefix("filter:"), v) for k, _label, v in metadata if k.startswith("filter:")]
        about["filters"] = dict(chosen)
        collection["metadata"] = about
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def file_name(filters: Filters, day: dt.date, ext: str) -> str:
    """'pilot-zones_batch-6_2026-11-26.csv': every filter that selects rows, and the day of the export."""
    return f"{NAME}_{slug(filters)}_{day.isoformat()}.{ext}"
