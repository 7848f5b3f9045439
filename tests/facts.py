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


# Research data: the units and the first day a zone covered each, read straight from the files. A county code
# covers part of its prefecture; a code ending in 00 covers that unit whole; one ending in 0000 every unit of
# its province (a municipality, or Hainan's whole island: but whether that reaches 三沙 no source says).
UNDECIDED_UNITS = {"460300"}  # 三沙: see data/research/CODEBOOK.md


@cache
def research_units() -> dict[str, dict]:
    """unit_code -> the properties of every feature of prefectures.geojson but Hong Kong, Macao and Taiwan."""
    import json

    features = json.loads((DATA_DIR / "boundaries" / "prefectures.geojson").read_text(encoding="utf-8"))
    skip = {p["province_code"] for p in rows("provinces.csv") if p["region"] == "none"}
    props = [f["properties"] for f in features["features"]]
    return {p["adcode"]: p for p in props if p["province_code"] not in skip}


def coverage_of(zone_code: str, unit: str) -> str | None:
    if zone_code.endswith("0000"):
        return "whole" if unit[:2] == zone_code[:2] else None
    if zone_code.endswith("00"):
        return "whole" if unit == zone_code else None
    return "part" if unit == zone_code[:4] + "00" else None


@cache
def covering_zones() -> dict[str, dict[str, str]]:
    """unit_code -> {zone_id: 'whole' | 'part'} of every zone covering it."""
    out: dict[str, dict[str, str]] = {u: {} for u in research_units()}
    for z in rows("zones.csv"):
        for code in z["adcodes"].split(";"):
            for unit in out:
                kind = coverage_of(code, unit)
                if kind and out[unit].get(z["zone_id"]) != "whole":
                    out[unit][z["zone_id"]] = kind
    return out


@cache
def zone_day(convention: str) -> dict[str, str]:
    """zone_id -> the day its treatment starts under `convention` ('' when unknown)."""
    batches = {b["batch"]: b for b in rows("batches.csv")}
    plans = {p["zone_id"]: p for p in rows("plans.csv")}
    out = {}
    for z in rows("zones.csv"):
        b = batches[z["batch"]]
        if convention == "approval":
            out[z["zone_id"]] = b["approved_on"]
        elif convention == "publication":
            out[z["zone_id"]] = b["published_on"]
        else:
            out[z["zone_id"]] = plans.get(z["zone_id"], {}).get("issued_on", "")
    return out


def first_day(unit: str, convention: str, kind: str) -> tuple[str, bool]:
    """(the earliest known day a zone covered the unit wholly ('whole') or at all ('part'), whether some
    covering zone's day is unknown or its coverage undecided). ('', False): never covered."""
    days = zone_day(convention)
    zones = [z for z, k in covering_zones()[unit].items() if kind == "part" or k == "whole"]
    known = [days[z] for z in zones if days[z]]
    unknown = any(not days[z] for z in zones) or (unit in UNDECIDED_UNITS and bool(zones))
    return (min(known) if known else ""), unknown
