"""The sources page's facts: each reply's sources, the boundary build record, the citation and BibTeX."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd

from geo import i18n
from geo.evidence import BATCH_FACTS, CONFIRMED, SINGLE, UNVERIFIED, revocation_text
from geo.textsafe import safe_url

WEAK = (SINGLE, UNVERIFIED)  # the confidences the sources page lists
TITLE = "China's Cross-border E-commerce Comprehensive Pilot Zones: a reference map"  # as in CITATION.cff
AUTHORS = "The pilot-zones-map contributors"  # as in CITATION.cff


def _sources(facts: pd.DataFrame) -> dict[tuple[str, str], tuple[str, int, str]]:
    """(subject, fact) -> (confidence, number of sources, domains) for every fact with evidence."""
    keys = zip(facts["subject"], facts["fact"], strict=True)
    values = zip(facts["confidence"], facts["n_sources"], facts["domains"], strict=True)
    return dict(zip(keys, values, strict=True))


def weak_facts(zones: pd.DataFrame, batches: pd.DataFrame, facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The facts that rest on one source or on none, in three groups of codes (not labels): "designation"
    and "revocation" (one row per zone of `zones`, i.e. Dataset.zones), "batch" (one row per reply and
    fact, with the registry's value as text). `facts`: geo.evidence.derive() of the ledger."""
    found = _sources(facts)

    def counted(frame: pd.DataFrame, subjects, fact: str) -> pd.DataFrame:
        got = [found.get((s, fact), (UNVERIFIED, 0, "")) for s in subjects]
        return frame.assign(n_sources=[n for _c, n, _d in got], domains=[d for _c, _n, d in got])

    names = ["zone_id", "name_zh", "name_en", "batch", "document_no"]
    designated = zones[zones["designation_confidence"].isin(WEAK)]
    designation = counted(
        designated[names].assign(confidence=designated["designation_confidence"]),
        designated["zone_id"],
        "designation",
    )
    ended = zones[(zones["status"] == "revoked") & zones["revocation_confidence"].isin(WEAK)]
    revocation = counted(
        ended[names[:3]].assign(
            revoked_by=ended["revoked_by"],
            revoked_by_batch=ended["revoked_by_batch"].astype(int),
            confidence=ended["revocation_confidence"],
            note=ended["note"],
        ),
        ended["zone_id"],
        "revocation",
    )
    rows = []
    for b in batches.sort_values("batch").itertuples(index=False):
        for fact in BATCH_FACTS:
            confidence, n, domains = found.get((f"batch:{b.batch}", fact), (UNVERIFIED, 0, ""))
            if confidence not in WEAK:
                continue
            value = getattr(b, fact)
            if pd.isna(value):
                text = ""
            else:
                text = value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)
            rows.append((int(b.batch), b.document_no, fact, text, confidence, n, domains))
    batch = pd.DataFrame(
        rows, columns=["batch", "document_no", "fact", "value", "confidence", "n_sources", "domains"]
    )
    return {
        "designation": designation.reset_index(drop=True),
        "revocation": revocation.reset_index(drop=True),
        "batch": batch,
    }


def single_source_facts(batch: pd.Series, zones: pd.DataFrame, facts: pd.DataFrame, lang: str) -> list[str]:
    """The facts of one reply (a row of the registry's batches) that rest on a single source or on none,
    in `lang`, all derived from the ledger (`facts`: geo.evidence.derive()) and Dataset.zones: each of its
    own facts, the names of its zones, the revocations it made."""
    t = i18n.Translator(lang)
    name = "name_zh" if i18n.norm_lang(lang) == "zh" else "name_en"
    sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
    found = _sources(facts)
    out = []
    for fact in BATCH_FACTS:
        value = batch["title_zh"] if fact == "title" else batch[fact]
        confidence = found.get((f"batch:{batch['batch']}", fact), (UNVERIFIED, 0, ""))[0]
        if pd.isna(value) or not str(value).strip():
            out.append(t(f"so_no_{fact}"))
        elif confidence != CONFIRMED:
            key = "so_fact_one_source" if confidence == SINGLE else "so_fact_no_source"
            out.append(t(key, fact=t(f"fact_{fact}")))
    weak = zones["designation_confidence"] != CONFIRMED
    names = zones[weak & (zones["batch"] == batch["batch"]) & (zones["status"] == "active")][name]
    if len(names):
        out.append(t("so_single_names", n=len(names), names=sep.join(names)))
    ended = zones[(zones["revoked_by_batch"] == batch["batch"]).fillna(False)]
    confidence = ended["revocation_confidence"]
    for level, group in ended[confidence != CONFIRMED].groupby(confidence, sort=True):
        revoked = revocation_text(batch["document_no"], str(level), lang)
        out.append(t("so_single_revocation", names=sep.join(group[name]), revoked=revoked))
    return out


def batch_sources(batches: pd.DataFrame, zones: pd.DataFrame, facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per reply for the sources page: documents in both forms, dates, title, links, zone count
    and the facts resting on a single source or none (`zones`: Dataset.zones; `facts`: Dataset.facts)."""
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
                "single": "; ".join(single_source_facts(b, zones, facts, lang))
                or i18n.t("so_single_none", lang),
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
    text = i18n.t("so_cite_text", lang, authors=AUTHORS, title=TITLE, year=today.year, version=version,
                  data=data_day.isoformat(), today=today.isoformat())  # fmt: skip
    return f"{text} {url}".strip()


def bibtex(version: str, data_day: dt.date, today: dt.date, url: str = "") -> str:
    """A BibTeX @misc entry for the dashboard and its data."""
    lines = [
        f"@misc{{pilot_zones_map_{today.year},",
        f"  author = {{{{{AUTHORS}}}}},",
        f"  title = {{{TITLE} ({{中国跨境电子商务综合试验区}})}},",
        f"  year = {{{today.year}}},",
        f"  version = {{{version}}},",
        f"  note = {{Dashboard and dataset; data as of {data_day.isoformat()};"
        f" accessed {today.isoformat()}}},",
    ]
    if url:
        lines.append(f"  url = {{{url}}},")
    return "\n".join(lines) + "\n}"


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
