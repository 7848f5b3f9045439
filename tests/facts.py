"""Expected numbers computed straight from data/*.csv with the csv module, not with the code under test."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from geo.paths import DATA_DIR


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@cache
def revoking_batch() -> dict[str, int]:
    """zone_id -> the batch whose reply revoked it (zones.csv names the reply by its document number)."""
    batch_of = {b["document_no"]: int(b["batch"]) for b in rows("batches.csv")}
    return {z["zone_id"]: batch_of[z["revoked_by"]] for z in rows("zones.csv") if z["revoked_by"]}


@cache
def effective_days() -> dict[int, dt.date]:
    """batch -> the day its reply took effect: approval, else publication."""
    out = {}
    for b in rows("batches.csv"):
        day = b["approved_on"] or b["published_on"]
        out[int(b["batch"])] = dt.date.fromisoformat(day)
    return out


@dataclass(frozen=True)
class Expected:
    designated: int
    active: int
    revoked: int
    provinces: int  # with an active zone


def expected(
    day: dt.date | None = None,
    batch: set[int] | None = None,
    province: set[str] | None = None,
    zone_ids: set[str] | None = None,
) -> Expected:
    """The numbers a page must show for these filters on `day` (default: the newest reply)."""
    days = effective_days()
    day = day or max(days.values())
    designated = active = revoked = 0
    provinces = set()
    for z in rows("zones.csv"):
        if batch and int(z["batch"]) not in batch:
            continue
        if province and z["province_code"] not in province:
            continue
        if zone_ids is not None and z["zone_id"] not in zone_ids:
            continue
        if days[int(z["batch"])] > day:
            continue
        designated += 1
        if z["revoked_by"] and days[revoking_batch()[z["zone_id"]]] <= day:
            revoked += 1
        else:
            active += 1
            provinces.add(z["province_code"])
    return Expected(designated, active, revoked, len(provinces))


def batch_sizes() -> dict[int, int]:
    out: dict[int, int] = {}
    for z in rows("zones.csv"):
        out[int(z["batch"])] = out.get(int(z["batch"]), 0) + 1
    return out


def zone_ids_where(**conditions: str) -> set[str]:
    """The ids of zones whose columns equal the given values: zone_ids_where(level='county_level_city')."""
    return {z["zone_id"] for z in rows("zones.csv") if all(z[k] == v for k, v in conditions.items())}


# The evidence ledger, read on its own terms: a fact is confirmed by a gov.cn page or by pages on two
# sites, rests on a single source with one site, and is unverified with none. A site is the host's last
# two labels, three under gov.cn, com.cn and org.cn (enough for the hosts of data/evidence.csv).
ZONE_FACTS = ("designation", "revocation", "plan")
BATCH_FACTS = ("approved_on", "published_on", "title", "document_no")


def site(url: str) -> str:
    labels = (urlsplit(url).hostname or "").lower().split(".")
    three = labels[-1] == "cn" and labels[-2] in ("gov", "com", "org")
    return ".".join(labels[-3:] if three else labels[-2:])


@cache
def fact_confidence() -> dict[tuple[str, str], str]:
    """(subject, fact) -> confidence of every fact the registry states (no row in the ledger: unverified)."""
    urls: dict[tuple[str, str], set[str]] = {}
    for r in rows("evidence.csv"):
        urls.setdefault((r["subject"], r["fact"]), set()).add(r["source_url"])
    facts = [(z["zone_id"], "designation") for z in rows("zones.csv")]
    facts += [(z["zone_id"], "revocation") for z in rows("zones.csv") if z["revoked_by"]]
    facts += [(f"batch:{b['batch']}", f) for b in rows("batches.csv") for f in BATCH_FACTS]
    out = {}
    for key in facts:
        found = urls.get(key, set())
        official = any((urlsplit(u).hostname or "").endswith(".gov.cn") for u in found)
        sites = {site(u) for u in found}
        out[key] = "confirmed" if official or len(sites) >= 2 else "single_source" if sites else "unverified"
    return out


def weak_facts() -> dict[str, dict[str, str]]:
    """The facts resting on one source or none, by group: designation and revocation (zone_id ->
    confidence), batch ('batch:N fact' -> confidence)."""
    out: dict[str, dict[str, str]] = {"designation": {}, "revocation": {}, "batch": {}}
    for (subject, fact), confidence in fact_confidence().items():
        if confidence != "confirmed":
            group = fact if fact in ZONE_FACTS else "batch"
            out[group][subject if group != "batch" else f"{subject} {fact}"] = confidence
    return out


def revocation_wording(zone_id: str) -> str:
    """How a revoked zone's revocation reads: 'Revoked by 国函〔2025〕40号 (one source)'."""
    zone = next(z for z in rows("zones.csv") if z["zone_id"] == zone_id)
    doc = zone["revoked_by"]
    how = {"single_source": " (one source)", "unverified": " (no source)"}
    return f"Revoked by {doc}" + how.get(fact_confidence()[(zone_id, "revocation")], "")


def ledger_rows(zone_id: str, fact: str) -> list[dict[str, str]]:
    return [r for r in rows("evidence.csv") if r["subject"] == zone_id and r["fact"] == fact]


def changes_between(since: dt.date, day: dt.date) -> list[tuple[dt.date, str, str, str]]:
    """Every designation and revocation that took effect after `since` and on or before `day`, as
    (day, 'designated' | 'revoked', zone_id, document number of the reply), oldest first."""
    days = effective_days()
    doc_of = {int(b["batch"]): b["document_no"] for b in rows("batches.csv")}
    out = []
    for z in rows("zones.csv"):
        designated = days[int(z["batch"])]
        if since < designated <= day:
            out.append((designated, "designated", z["zone_id"], doc_of[int(z["batch"])]))
        if z["revoked_by"]:
            revoked = days[revoking_batch()[z["zone_id"]]]
            if since < revoked <= day:
                out.append((revoked, "revoked", z["zone_id"], z["revoked_by"]))
    return sorted(out)


def reply_days() -> list[dt.date]:
    """The days the replies took effect, oldest first."""
    return sorted(effective_days().values())
