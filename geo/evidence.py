"""Evidence ledger (data/evidence.csv): read and validate it; derive each fact's confidence from it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa

from geo import i18n, sourcekinds
from geo.schemas import CONFIDENCE, DATE, _real_date, row_check, text

EVIDENCE_COLUMNS = [
    "subject",
    "fact",
    "source_url",
    "source_title",
    "publisher",
    "published_on",
    "quote",
    "note",
]
ZONE_FACTS = ("designation", "revocation", "plan")  # plan: the provincial implementation plan (plans.csv)
BATCH_FACTS = ("approved_on", "published_on", "title", "document_no")
FACTS = ZONE_FACTS + BATCH_FACTS
CONFIRMED, SINGLE, UNVERIFIED = CONFIDENCE
DERIVED_COLUMNS = ["subject", "fact", "confidence", "n_sources", "n_pages", "domains"]

# Registrable domain: the public suffix plus one label. The few multi-label public suffixes this
# ledger needs are written out, after the Public Suffix List: a generic second level under a
# two-letter country code (gov.cn, com.cn, org.cn, co.uk, com.hk ...) and the Chinese provincial
# second levels (bj.cn, sh.cn ...), which the list also holds. Everything else is `label.tld`.
_GENERIC_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "mil", "net", "org"})
_CN_PROVINCIAL = frozenset(
    {"ah", "bj", "cq", "fj", "gd", "gs", "gx", "gz", "ha", "hb", "he", "hi", "hk", "hl", "hn", "jl", "js"}
    | {"jx", "ln", "mo", "nm", "nx", "qh", "sc", "sd", "sh", "sn", "sx", "tj", "tw", "xj", "xz", "yn", "zj"}
)
_URL = r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(/\S*)?"


def registrable_domain(url: str) -> str:
    """The registrable domain of a URL's host: english.www.gov.cn -> www.gov.cn, m.fx361.cc -> fx361.cc."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2:
        return host
    tld, second = labels[-1], labels[-2]
    multi = len(tld) == 2 and (second in _GENERIC_SECOND_LEVEL or (tld == "cn" and second in _CN_PROVINCIAL))
    keep = 3 if multi and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def evidence_schema(subjects: set[str]) -> pa.DataFrameSchema:
    """Columns, values and row rules of evidence.csv; `subjects` are the known zone_ids and batch:N."""

    def fits(d: pd.DataFrame) -> pd.Series:
        is_batch = d["subject"].str.startswith("batch:")
        return (~d["fact"].isin(FACTS)) | (is_batch == d["fact"].isin(BATCH_FACTS))

    return pa.DataFrameSchema(
        {
            "subject": pa.Column(
                str,
                pa.Check(
                    lambda s, k=frozenset(subjects): s.isin(k),
                    name="subject|unknown subject (must be a zone_id of zones.csv or batch:N of batches.csv)",
                ),
            ),
            "fact": text(allowed=FACTS),
            "source_url": pa.Column(
                str,
                pa.Check(
                    lambda s: s.str.fullmatch(_URL), name="source_url|malformed URL (need http(s)://host/...)"
                ),
            ),
            "source_title": text(required=False),
            "publisher": text(),
            "published_on": text(DATE[1:-1], required=False),
            "quote": text(),
            "note": text(required=False),
        },
        unique=["subject", "fact", "source_url"],
        checks=[
            row_check("published_on", "not a real calendar date", lambda d: _real_date(d["published_on"])),
            row_check(
                "fact",
                "a zone takes designation, revocation or plan; a batch:N takes approved_on, published_on, "
                "title or document_no",
                fits,
            ),
        ],
    )


def with_sources(evidence: pd.DataFrame, publishers: pd.DataFrame) -> pd.DataFrame:
    """The validated ledger with each source's registrable `domain` and its publisher's `kind`
    (publishers.csv; '' for a domain it lacks, which the loader reports)."""
    out = evidence.copy()
    out["domain"] = out["source_url"].map(registrable_domain)
    kinds = dict(zip(publishers["domain"], publishers["kind"], strict=True))
    out["kind"] = out["domain"].map(kinds).fillna("")
    return out


def derive(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (subject, fact) with evidence (`evidence`: geo.evidence.with_sources()): its confidence
    under the source-kind rule (geo.sourcekinds), n_sources (independent sources: one per domain, copies of
    one text counted once), n_pages (distinct URLs) and domains ('a; b')."""
    rows = []
    for (subject, fact), g in evidence.groupby(["subject", "fact"], sort=True):
        groups = sourcekinds.independent_sources(g)
        row_kinds = g["kind"].tolist()
        kinds = [{row_kinds[i] for i in members} for members in groups]
        rows.append(
            {
                "subject": subject,
                "fact": fact,
                "confidence": sourcekinds.confidence_of(kinds),
                "n_sources": len(groups),
                "n_pages": int(g["source_url"].nunique()),
                "domains": "; ".join(sorted(set(g["domain"]))),
            }
        )
    return pd.DataFrame(rows, columns=DERIVED_COLUMNS)


def _lookup(derived: pd.DataFrame) -> dict[tuple[str, str], str]:
    keys = zip(derived["subject"], derived["fact"], strict=True)
    return dict(zip(keys, derived["confidence"], strict=True))


def zone_confidence(zones: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Every zone's designation confidence and, for a revoked zone, its revocation confidence
    (empty for an active zone). A fact without evidence is `unverified`, never dropped."""
    found = _lookup(derived)
    revoked = zones["status"] != "active"
    return pd.DataFrame(
        {
            "zone_id": zones["zone_id"].to_numpy(),
            "designation_confidence": [found.get((z, "designation"), UNVERIFIED) for z in zones["zone_id"]],
            "revocation_confidence": [
                found.get((z, "revocation"), UNVERIFIED) if r else ""
                for z, r in zip(zones["zone_id"], revoked, strict=True)
            ],
        }
    )


def batch_confidence(batches: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """One row per batch, one column per batch fact (approved_on, published_on, title, document_no)."""
    found = _lookup(derived)
    out = pd.DataFrame({"batch": batches["batch"].astype(int).to_numpy()})
    for fact in BATCH_FACTS:
        out[fact] = [found.get((f"batch:{b}", fact), UNVERIFIED) for b in out["batch"]]
    return out


def date_confidence(zones: pd.DataFrame, batches: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Per zone (rows of Dataset.zones so far: with batch, approved_on, published_on, revoked_by_batch), the
    confidence of each date shown with it: its reply's approval and publication, and the day it was revoked
    (the revoking reply's approval, else its publication: the day it took effect). '' where the date is
    empty (no date is stated, so nothing is rated)."""
    by_batch = batch_confidence(batches, derived).set_index("batch")
    approved = batches.set_index("batch")["approved_on"]

    def rated(day: pd.Series, batch: pd.Series, fact: str) -> list[str]:
        return [
            by_batch.at[int(b), fact] if pd.notna(d) and pd.notna(b) else ""
            for d, b in zip(day, batch, strict=True)
        ]

    revoker = zones["revoked_by_batch"]
    revoked_fact = [
        "approved_on" if pd.notna(b) and pd.notna(approved.get(int(b))) else "published_on" for b in revoker
    ]
    revoked = [
        by_batch.at[int(b), fact] if pd.notna(b) else ""
        for b, fact in zip(revoker, revoked_fact, strict=True)
    ]
    return pd.DataFrame(
        {
            "approved_on_confidence": rated(zones["approved_on"], zones["batch"], "approved_on"),
            "published_on_confidence": rated(zones["published_on"], zones["batch"], "published_on"),
            "revoked_on_confidence": revoked,
        },
        index=zones.index,
    )


def plan_facts(zones: pd.DataFrame, plans: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Per zone: its implementation plan's dates (plans.csv: issued_on, published_on; NaT where none) and the
    plan's confidence ('' for a zone with no plan found)."""
    found = _lookup(derived)
    by_zone = plans.set_index("zone_id")
    has = zones["zone_id"].isin(by_zone.index).to_numpy()
    ids = zones["zone_id"]
    return pd.DataFrame(
        {
            "plan_issued_on": pd.to_datetime(ids.map(by_zone["issued_on"])),
            "plan_published_on": pd.to_datetime(ids.map(by_zone["published_on"])),
            "plan_confidence": [
                found.get((z, "plan"), UNVERIFIED) if h else "" for z, h in zip(ids, has, strict=True)
            ],
        },
        index=zones.index,
    )


def revocation_text(document_no: str, confidence: str, lang: str) -> str:
    """Which reply revoked a zone and how well that is sourced: 'Revoked by 国函〔2025〕40号 (one source)'."""
    key = {SINGLE: "rev_one_source", UNVERIFIED: "rev_no_source"}.get(confidence, "rev_sourced")
    return i18n.t(key, lang, doc=document_no)


def subject_sources(evidence: pd.DataFrame, subject: str) -> pd.DataFrame:
    """The ledger rows of one subject (`evidence`: with_sources()), by fact (designation, revocation, plan,
    then the batch facts), official government sources first, then dated sources by date, then the undated
    ones."""
    rows = evidence[evidence["subject"] == subject]
    keys = pd.DataFrame(
        {
            "fact": rows["fact"].map(FACTS.index),
            "unofficial": rows["kind"] != sourcekinds.OFFICIAL_GOVERNMENT,
            "undated": rows["published_on"] == "",
            "day": rows["published_on"],
            "url": rows["source_url"],
        },
        index=rows.index,
    )
    order = keys.sort_values(list(keys.columns), kind="stable").index
    return rows.loc[order].reset_index(drop=True)


def split_aliases(aliases: str) -> list[str]:
    """The alternative names of a zone from its `aliases` cell ('Kashi;Kashgar' -> ['Kashi', 'Kashgar'])."""
    return [a.strip() for a in (aliases or "").split(";") if a.strip()]
