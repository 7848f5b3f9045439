"""When each zone treats each prefecture-level unit under a dating convention: spells with bounded days."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from geo.join import covers
from geo.schemas import FIRST_DAY

CONVENTIONS = ("approval", "publication", "plan")
PERIODS = ("year", "month")
FIRST_YEAR = 2010  # a panel's default first year: five years before the first zone
KINDS = ("whole", "part")  # `part`: the zone covers all or part of the unit (whole implies part)
# Coverage no source decides: (zone_id, unit code) -> why. The unit is neither treated nor a control from
# the day the zone could start: its values there are left blank (the codebook gives the words and sources).
UNDECIDED = {("hainan", "460300"): "sansha"}  # 海南全岛 names the island; 三沙 governs other island groups
_YEAR = re.compile(r"〔(\d{4})〕")


@dataclass(frozen=True)
class Day:
    """A day known (lo == hi), or bounded: on or after `lo`, on or before `hi` (None: no later bound, it may
    never come). Days with the same `key` are one event (a reply that starts one zone and revokes another)."""

    key: str
    lo: dt.date
    hi: dt.date | None

    @property
    def known(self) -> bool:
        return self.hi == self.lo

    def by(self, day: dt.date) -> bool | None:
        """Whether it has come by `day`: True, False, or None (the bounds do not tell)."""
        if self.hi is not None and self.hi <= day:
            return True
        return False if self.lo > day else None


@dataclass(frozen=True)
class Spell:
    """One zone covering one unit (wholly or in part) from `start` until `end` (its revocation, if any)."""

    zone_id: str
    batch: int
    unit_code: str
    whole: bool
    start: Day
    end: Day | None


def document_year(document_no: str) -> int | None:
    """The year a document was issued, from its number: 国函〔2025〕40号 -> 2025."""
    found = _YEAR.search(document_no or "")
    return int(found.group(1)) if found else None


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _within_year(year: int | None, lo: dt.date, hi: dt.date | None) -> tuple[dt.date, dt.date | None]:
    """Bounds narrowed to a document's year, when its number gives one."""
    if year is None:
        return lo, hi
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return max(lo, first), last if hi is None else min(hi, last)


def reply_days(batches: pd.DataFrame) -> dict[tuple[str, int], Day]:
    """(convention, batch) -> the reply's day: its approval (known, or within its document number's year
    and not after its publication) and its publication (known, or not before its approval, no later bound)."""
    out = {}
    for b in batches.itertuples(index=False):
        batch, year = int(b.batch), document_year(b.document_no)
        approved, published = _day(b.approved_on), _day(b.published_on)
        if approved is None:
            lo, hi = _within_year(year, FIRST_DAY, published)
            approval = Day(f"approval:{batch}", lo, hi)
        else:
            approval = Day(f"approval:{batch}", approved, approved)
        out["approval", batch] = approval
        if published is None:
            out["publication", batch] = Day(f"publication:{batch}", approval.lo, None)
        else:
            out["publication", batch] = Day(f"publication:{batch}", published, published)
    return out


def plan_day(zone_id: str, plan: pd.Series | None, approval: Day) -> Day:
    """The day of a zone's implementation plan: the day it bears; else not before its reply's approval (nor
    its number's year) and not after its publication if known; no plan found: after the approval, no bound."""
    key = f"plan:{zone_id}"
    if plan is None:
        return Day(key, approval.lo, None)
    issued = _day(plan["issued_on"])
    if issued is not None:
        return Day(key, issued, issued)
    lo, hi = _within_year(document_year(plan["document_no"]), approval.lo, _day(plan["published_on"]))
    return Day(key, lo, hi)


def start_days(zones: pd.DataFrame, plans: pd.DataFrame, days: dict[tuple[str, int], Day], convention: str):
    """zone_id -> the day its treatment starts under `convention`."""
    by_zone = plans.set_index("zone_id")
    out = {}
    for zone_id, batch in zip(zones["zone_id"], zones["batch"], strict=True):
        if convention == "plan":
            plan = by_zone.loc[zone_id] if zone_id in by_zone.index else None
            out[zone_id] = plan_day(zone_id, plan, days["approval", int(batch)])
        else:
            out[zone_id] = days[convention, int(batch)]
    return out


def coverage(zone_code: str, unit_code: str) -> str | None:
    """'whole', 'part' or None: geo.join.covers decides whether the zone area reaches the unit; a county-level
    area (a code not ending in 00) covers part of its prefecture, any other area the whole unit."""
    if not covers(zone_code, unit_code):
        return None
    return "whole" if zone_code.endswith("00") else "part"


def spells(
    zones: pd.DataFrame,
    plans: pd.DataFrame,
    batches: pd.DataFrame,
    unit_codes: Iterable[str],
    convention: str,
) -> list[Spell]:
    """Every zone's cover of every unit under `convention`. A revoked zone ends on its revoking reply's day
    (its approval under the plan convention). Undecided coverage starts on a day with no later bound."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {', '.join(CONVENTIONS)}, not {convention!r}")
    days = reply_days(batches)
    starts = start_days(zones, plans, days, convention)
    batch_of = dict(zip(batches["document_no"], batches["batch"], strict=True))
    by_province: dict[str, list[str]] = {}
    for code in unit_codes:
        by_province.setdefault(code[:2], []).append(code)
    end_kind = "approval" if convention == "plan" else convention
    out = []
    for z in zones.itertuples(index=False):
        end = days[end_kind, int(batch_of[z.revoked_by])] if z.revoked_by else None
        found: dict[str, bool] = {}
        for code in z.adcodes.split(";"):
            for unit in by_province.get(code[:2], []):
                kind = coverage(code, unit)
                if kind:
                    found[unit] = found.get(unit, False) or kind == "whole"
        for unit, whole in found.items():
            start = starts[z.zone_id]
            if (z.zone_id, unit) in UNDECIDED:
                start = Day(f"{start.key}|cover:{z.zone_id}:{unit}", start.lo, None)
            out.append(Spell(z.zone_id, int(z.batch), unit, whole, start, end))
    return out


def active(spells: list[Spell], day: dt.date) -> tuple[bool | None, tuple[str, ...]]:
    """Whether any of the spells is active at the end of `day` (None: the bounds of its days do not tell,
    whatever they turn out to be), and the zones that are or may be active then."""
    unknown: dict[str, None] = {}
    for s in spells:
        for d in (s.start, s.end):
            if d is not None and d.by(day) is None:
                unknown[d.key] = None
    keys = list(unknown)
    if not keys:  # every day is known by now: the common case, answered directly
        on = [s.zone_id for s in spells if s.start.by(day) and not (s.end is not None and s.end.by(day))]
        return bool(on), tuple(on)
    results: set[bool] = set()
    maybe: dict[str, None] = {}
    for combo in itertools.product((False, True), repeat=len(keys)):
        came = dict(zip(keys, combo, strict=True))

        on = [s.zone_id for s in spells if _came(s.start, day, came) and not _came(s.end, day, came)]
        results.add(bool(on))
        maybe.update(dict.fromkeys(on))
    value = results.pop() if len(results) == 1 else None
    return value, tuple(maybe)


def _came(d: Day | None, day: dt.date, came: dict[str, bool]) -> bool:
    """Whether `d` has come by `day`, taking the scenario `came` for the days whose bounds do not tell."""
    if d is None:
        return False
    seen = d.by(day)
    return came[d.key] if seen is None else seen


def first_day(spells: list[Spell]) -> Day | None:
    """The first day any of the spells starts, bounded (None: no spell)."""
    if not spells:
        return None
    lo = min(s.start.lo for s in spells)
    his = [s.start.hi for s in spells if s.start.hi is not None]
    hi = min(his) if his else None
    return Day("first", lo, hi)


def first_spells(spells: list[Spell], first: Day) -> list[Spell]:
    """The spells behind a first day: those starting on it, or, while it is bounded, any that may."""
    if first.known:
        return [s for s in spells if s.start.known and s.start.lo == first.lo]
    return [s for s in spells if first.hi is None or s.start.lo <= first.hi]
