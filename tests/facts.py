"""Expected numbers computed straight from data/*.csv with the csv module, not with the code under test."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache

from geo.paths import DATA_DIR


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


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
        if z["superseded_by"] and days[int(z["superseded_by"])] <= day:
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
