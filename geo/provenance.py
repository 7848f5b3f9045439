"""The sources page's facts: each reply's sources, the boundary build record, the citation and BibTeX."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pandas as pd

from geo import i18n
from geo.paths import PYPROJECT
from geo.textsafe import safe_url


def single_source_facts(batch: pd.Series, zones: pd.DataFrame, lang: str) -> list[str]:
    """The facts of one reply that rest on a single source (or on none), in `lang`."""
    t = i18n.Translator(lang)
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
    # A revocation has its own confidence (geo.evidence.zone_confidence) where the caller supplies it.
    revoked_weak = zones.get("revocation_confidence", zones["confidence"]) != "confirmed"
    ended = zones[revoked_weak & (zones["superseded_by"] == batch["batch"]).fillna(False)][name]
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


def project_version(pyproject: Path = PYPROJECT) -> str:
    """The dashboard's version, from pyproject.toml."""
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


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
