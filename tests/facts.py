"""Expected numbers computed straight from data/*.csv with the csv module, not with the code under test."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
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
    provinces_shown: int = 0  # with a zone in view, active or revoked
    batches: int = 0  # with a zone in view
    batches_active: int = 0  # with an active zone


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
    provinces, shown, batches, batches_active = set(), set(), set(), set()
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
        shown.add(z["province_code"])
        batches.add(z["batch"])
        if z["revoked_by"] and days[revoking_batch()[z["zone_id"]]] <= day:
            revoked += 1
        else:
            active += 1
            provinces.add(z["province_code"])
            batches_active.add(z["batch"])
    return Expected(
        designated, active, revoked, len(provinces), len(shown), len(batches), len(batches_active)
    )


def batch_sizes() -> dict[int, int]:
    out: dict[int, int] = {}
    for z in rows("zones.csv"):
        out[int(z["batch"])] = out.get(int(z["batch"]), 0) + 1
    return out


def zone_ids_where(**conditions: str) -> set[str]:
    """The ids of zones whose columns equal the given values: zone_ids_where(level='county_level_city')."""
    return {z["zone_id"] for z in rows("zones.csv") if all(z[k] == v for k, v in conditions.items())}


# The evidence ledger, read on its own terms. A site is the host's last two labels, three under gov.cn,
# com.cn, com.tw and the like (enough for the hosts of data/evidence.csv); publishers.csv gives its kind.
ZONE_FACTS = ("designation", "revocation", "plan")
BATCH_FACTS = ("approved_on", "published_on", "title", "document_no")


def site(url: str) -> str:
    labels = (urlsplit(url).hostname or "").lower().split(".")
    three = len(labels[-1]) == 2 and labels[-2] in ("gov", "com", "org", "net", "edu", "co")
    return ".".join(labels[-3:] if three else labels[-2:])


@cache
def kinds() -> dict[str, str]:
    """site -> its kind (publishers.csv)."""
    return {r["domain"]: r["kind"] for r in rows("publishers.csv")}


def words(quote: str) -> str:
    """The words of a quote: NFKC, case folded, no spaces, no punctuation."""
    text = unicodedata.normalize("NFKC", quote).casefold()
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c)[0] == "P"))


def stated_facts() -> list[tuple[str, str]]:
    """(subject, fact) of every fact the registry states: each zone's designation, each revoked zone's
    revocation, each plan of plans.csv, each reply's four facts."""
    out = [(z["zone_id"], "designation") for z in rows("zones.csv")]
    out += [(z["zone_id"], "revocation") for z in rows("zones.csv") if z["revoked_by"]]
    out += [(p["zone_id"], "plan") for p in rows("plans.csv")]
    out += [(f"batch:{b['batch']}", f) for b in rows("batches.csv") for f in BATCH_FACTS]
    return out


def sources(ledger: list[dict[str, str]]) -> list[set[str]]:
    """The independent sources of one fact's ledger rows, each as the set of its sites' kinds. Rows are one
    source when they share a site, or quote the same words on the same day; an undated row quoting the same
    words as dated rows belongs to the earliest of them; undated rows alike and with no dated twin, to one."""
    keys = [(site(r["source_url"]), words(r["quote"]), r["published_on"]) for r in ledger]
    home = {}
    for i, (_s, w, d) in enumerate(keys):
        dated = sorted((d2, j) for j, (_s2, w2, d2) in enumerate(keys) if w2 == w and d2)
        if d:
            home[i] = ("text", w, d)
        elif dated:
            home[i] = ("text", w, dated[0][0])
        else:
            home[i] = ("text", w, "")
    # Merge by shared site and shared text until nothing changes.
    groups = [{i} for i in range(len(ledger))]
    changed = True
    while changed:
        changed = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if any(keys[i][0] == keys[j][0] or home[i] == home[j] for i in groups[a] for j in groups[b]):
                    groups[a] |= groups.pop(b)
                    changed = True
                    break
            if changed:
                break
    return [{kinds()[keys[i][0]] for i in g} for g in groups]


@cache
def fact_confidence() -> dict[tuple[str, str], str]:
    """(subject, fact) -> confidence of every fact the registry states, by source kind: an
    official_government source, or two independent sources one of which is official_news or
    established_media, confirm it; any other source leaves it single_source; no row, unverified."""
    ledger: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in rows("evidence.csv"):
        ledger.setdefault((r["subject"], r["fact"]), []).append(r)
    out = {}
    for key in stated_facts():
        found = sources(ledger.get(key, []))
        official = any("official_government" in k for k in found)
        outlet = len(found) >= 2 and any(k & {"official_news", "established_media"} for k in found)
        if official or outlet:
            out[key] = "confirmed"
        else:
            out[key] = "single_source" if found else "unverified"
    return out


@cache
def domain_count_confidence() -> dict[tuple[str, str], str]:
    """The earlier rule, for data/SOURCES.md's table of it: a gov.cn page or pages on two sites confirm."""
    urls: dict[tuple[str, str], set[str]] = {}
    for r in rows("evidence.csv"):
        urls.setdefault((r["subject"], r["fact"]), set()).add(r["source_url"])
    out = {}
    for key in stated_facts():
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
        if confidence != "confirmed" and fact != "plan":
            group = fact if fact in ZONE_FACTS else "batch"
            out[group][subject if group != "batch" else f"{subject} {fact}"] = confidence
    return out


def revocation_wording(zone_id: str) -> str:
    """How a revoked zone's revocation reads: 'Revoked by 国函〔2025〕40号 (one source)'."""
    zone = next(z for z in rows("zones.csv") if z["zone_id"] == zone_id)
    doc = zone["revoked_by"]
    how = {"single_source": " (one source)", "unverified": " (no source)"}
    return f"Revoked by {doc}" + how.get(fact_confidence()[(zone_id, "revocation")], "")


MARKS = {"single_source": " (one source)", "unverified": " (unverified)"}


def n_sources(subject: str, fact: str) -> int:
    """How many independent sources a fact has (see sources())."""
    return len(sources([r for r in rows("evidence.csv") if r["subject"] == subject and r["fact"] == fact]))


def revoked_on_wording(zone_id: str) -> str:
    """The day a zone was revoked as the detail panel writes it: the revoking reply's approval date, else its
    publication date, marked with that date's confidence ('2025-04-25 (one source)')."""
    reply = next(b for b in rows("batches.csv") if int(b["batch"]) == revoking_batch()[zone_id])
    fact = "approved_on" if reply["approved_on"] else "published_on"
    return reply[fact] + MARKS.get(fact_confidence()[(f"batch:{reply['batch']}", fact)], "")


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
