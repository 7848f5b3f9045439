"""The table page's rows and exports (CSV with BOM, XLSX with sources, GeoJSON); sources and citation."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import tomllib
import unicodedata
from pathlib import Path

import pandas as pd

from geo import i18n
from geo.filters import MULTI_PARAMS, Filters, option_label
from geo.textsafe import safe_url

# Columns of the table, in order; the document column comes in the reader's script first.
BASE_COLUMNS = (
    "name_zh", "name_en", "zone_id", "province", "batch", "level", "region", "location",
    "coastal_province", "approved_on", "published_on", "document_no", "document_no_en", "source_url",
    "superseded", "superseded_by", "single_source", "adcodes", "lon", "lat", "note",
)  # fmt: skip
DATE_COLUMNS = ("approved_on", "published_on")
BOOL_COLUMNS = ("coastal_province", "superseded", "single_source")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NAME = "pilot-zones"
ROOT = Path(__file__).resolve().parent.parent


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


def _norm(text: str) -> str:
    """Fold case and width; drop the apostrophes of pinyin (Xi'an -> xian)."""
    return re.sub(r"['’]", "", unicodedata.normalize("NFKC", str(text)).casefold())


def _matches(word: str, text: str) -> bool:
    """Latin letters and digits match the start of a word (so 'hangzhou' is not found in 'Changzhou');
    anything with Chinese characters matches anywhere."""
    if word.isascii():
        return any(token.startswith(word) for token in re.findall(r"[0-9a-z]+", text))
    return word in text


def search(view: pd.DataFrame, query: str) -> pd.DataFrame:
    """Zones whose names, province, id, codes or document match every word of `query`, in either script."""
    words = [w for w in _norm(query or "").split() if w]
    if not words or view.empty:
        return view
    fields = ("name_zh", "name_en", "province_name_zh", "province_name_en", "zone_id", "adcodes",
              "document_no", "document_no_en")  # fmt: skip
    hay = view[[f for f in fields if f in view]].astype(str).agg(" ".join, axis=1).map(_norm)
    mask = [all(_matches(w, text) for w in words) for text in hay]
    return view[pd.Series(mask, index=view.index, dtype=bool)]


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


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
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


def filters_summary(
    filters: Filters, provinces: pd.DataFrame, lang: str, query: str = ""
) -> list[tuple[str, str]]:
    """(filter, value) pairs in `lang` describing what was filtered; one 'all zones' row if nothing was."""
    rows = []
    for name in MULTI_PARAMS:
        values = getattr(filters, name)
        if values:
            shown = ", ".join(option_label(name, v, lang, provinces) for v in values)
            rows.append((i18n.t(f"f_{name}", lang), shown))
    if filters.q:
        rows.append((i18n.t("f_q", lang), filters.q))
    if query:
        rows.append((i18n.t("tb_search", lang), query))
    if filters.asof:
        rows.append((i18n.t("f_asof", lang), filters.asof.isoformat()))
    return rows or [(i18n.t("filters", lang), i18n.t("ex_no_filters", lang))]


def sources_sheet(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """batch_sources() as written to a file: dates as text ('not confirmed' if unknown), headers in `lang`."""
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
    (`sources`: batch_sources())."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
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


def file_name(filters: Filters, day: dt.date, ext: str, searched: bool = False) -> str:
    """'pilot-zones_batch-6_2026-11-26.csv': what was filtered, and when it was exported."""
    slug = filters.describe()
    if searched and "search" not in slug.split("_"):
        slug = "search" if slug == "all" else f"{slug}_search"
    return f"{NAME}_{slug}_{day.isoformat()}.{ext}"


# The sources page (also the XLSX sources sheet) ------------------------------------------------


def single_source_facts(batch: pd.Series, zones: pd.DataFrame, lang: str) -> list[str]:
    """The facts of one reply that rest on a single source (or on none), in `lang`."""
    t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
    name = "name_zh" if i18n.norm_lang(lang) == "zh" else "name_en"
    sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
    facts = []
    if batch["confidence"] != "confirmed":
        facts.append(t("so_single_reply"))
    for col, key in (("approved_on", "so_no_approved"), ("published_on", "so_no_published")):
        if pd.isna(batch[col]):
            facts.append(t(key))
    if not str(batch.get("title_zh", "") or "").strip():
        facts.append(t("so_no_title"))
    weak = zones["confidence"] != "confirmed"
    names = zones[weak & (zones["batch"] == batch["batch"]) & (zones["status"] == "active")][name]
    if len(names):
        facts.append(t("so_single_names", n=len(names), names=sep.join(names)))
    ended = zones[weak & (zones["superseded_by"] == batch["batch"]).fillna(False)][name]
    if len(ended):
        facts.append(t("so_single_supersession", names=sep.join(ended)))
    return facts


def batch_sources(batches: pd.DataFrame, zones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per reply for the sources page: documents in both forms, dates, title, links, zone count
    and the facts resting on a single source."""
    zh = i18n.norm_lang(lang) == "zh"
    rows = []
    for _, b in batches.sort_values("batch").iterrows():
        title = (b["title_zh"] if zh else b["title_en"]) or (b["title_en"] if zh else b["title_zh"])
        rows.append(
            {
                "batch": int(b["batch"]),
                "document_no": b["document_no"],
                "document_no_en": b["document_no_en"],
                "approved_on": b["approved_on"],
                "published_on": b["published_on"],
                "title": title or i18n.t("not_confirmed", lang),
                "source_url": safe_url(b["source_url"]),
                "source_url_alt": safe_url(b.get("source_url_alt", "")),
                "zones": int((zones["batch"] == b["batch"]).sum()),
                "single": "; ".join(single_source_facts(b, zones, lang)) or i18n.t("so_single_none", lang),
                "note": b["note"],
            }
        )
    return pd.DataFrame(rows)


def build_facts(info: dict, prefix: str = "") -> list[tuple[str, str]]:
    """BUILD.json flattened to (dotted key, text) pairs, in file order."""
    out = []
    for key, value in info.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out += build_facts(value, f"{name}.")
        elif isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
            out.append((name, ", ".join(str(v) for v in value)))
        else:
            out.append((name, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)))
    return out


def citation(version: str, data_day: dt.date, today: dt.date, lang: str, url: str = "") -> str:
    """A one-line citation of the dashboard and its data."""
    text = i18n.t("so_cite_text", lang, year=today.year, version=version, data=data_day.isoformat(),
                  today=today.isoformat())  # fmt: skip
    return f"{text} {url}".strip()


def bibtex(version: str, data_day: dt.date, today: dt.date, url: str = "") -> str:
    """A BibTeX @misc entry for the dashboard and its data."""
    lines = [
        f"@misc{{pilot_zones_map_{today.year},",
        "  author = {{The pilot-zones-map contributors}},",
        "  title = {China's Cross-border E-commerce Comprehensive Pilot Zones: a reference map"
        " ({中国跨境电子商务综合试验区})},",
        f"  year = {{{today.year}}},",
        f"  version = {{{version}}},",
        f"  note = {{Dashboard and dataset; data as of {data_day.isoformat()};"
        f" accessed {today.isoformat()}}},",
    ]
    if url:
        lines.append(f"  url = {{{url}}},")
    return "\n".join(lines) + "\n}"


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The dashboard's version, from pyproject.toml."""
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def read_build(path: Path = ROOT / "data" / "boundaries" / "BUILD.json") -> dict | None:
    """The boundary build record, or None when it is missing or unreadable."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def md_sections(text: str, word: str) -> list[str]:
    """The Markdown sections (heading and body) whose heading contains `word` (case-insensitive)."""
    parts = re.split(r"(?m)^(?=#{1,6} )", text)
    return [p.strip() for p in parts if p.startswith("#") and word.casefold() in p.splitlines()[0].casefold()]


def boundary_summary(info: dict, lang: str) -> list[tuple[str, str]]:
    """The facts of BUILD.json a reader asks about (package, version, licence, datum conversion,
    simplification, files) as (label, text) pairs in `lang`; facts the record lacks are left out."""
    source, datum, simple = (
        info.get("source", {}),
        info.get("datum_conversion", {}),
        info.get("simplification", {}),
    )
    rows = [
        ("so_b_package", " ".join(str(source[k]) for k in ("package", "version") if source.get(k))),
        ("so_b_licence", source.get("licence", "")),
        ("so_b_datum", " → ".join(str(datum[k]) for k in ("from", "to") if datum.get(k))),
        ("so_b_method", datum.get("method", "")),
        ("so_b_simplify", simple.get("method", "")),
        ("so_b_tolerance", "; ".join(f"{k}: {v}" for k, v in simple.items() if k != "method")),
        (
            "so_b_files",
            "; ".join(
                f"{name} ({f.get('features', '?')}, {f.get('bytes', 0) / 1e6:.2f} MB)"
                for name, f in info.get("files", {}).items()
            ),
        ),  # fmt: skip
        ("so_b_builder", info.get("builder", "")),
    ]
    return [(i18n.t(key, lang), str(value)) for key, value in rows if value]
