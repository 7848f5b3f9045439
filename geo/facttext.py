"""How a fact reads with its confidence: a value or date is marked unless confirmed, never shown plain."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import i18n
from geo.evidence import SINGLE, UNVERIFIED, revocation_text

MARKS = {SINGLE: "mark_single", UNVERIFIED: "mark_unverified"}


def marked(value: str, confidence: str, lang: str) -> str:
    """'2022-01-22' if confirmed, else '2022-01-22 (one source)', '2022-01-22 (unverified)' / '（未核实）'."""
    key = MARKS.get(confidence)
    return i18n.t(key, lang, value=value) if key else value


def day_text(day, confidence: str, lang: str) -> str:
    """A date with its mark; 'not confirmed' for a date the registry does not have."""
    if day is None or pd.isna(day):
        return i18n.t("not_confirmed", lang)
    return marked(pd.Timestamp(day).date().isoformat(), confidence, lang)


def confidence_word(confidence: str, lang: str) -> str:
    """'Confirmed', 'Single source', 'Unverified (no source)'."""
    return i18n.label("confidence", confidence, lang)


def revoked_text(row, lang: str) -> str:
    """'Revoked by 国函〔2025〕40号 (one source), 2025-04-25 (one source)': which reply revoked the zone,
    how well that is sourced, and the day, with its own mark (a row of Dataset.zones)."""
    what = revocation_text(row.revoked_by, row.revocation_confidence, lang)
    day = day_text(row.revoked_on, row.revoked_on_confidence, lang)
    return i18n.t("revoked_on_day", lang, what=what, day=day)


def plan_text(row, lang: str) -> str:
    """The zone's implementation plan: its date (issued, else published) with the plan's mark, or 'found,
    undated'; '' for a zone with no plan found."""
    if not row.plan_confidence:
        return ""
    day = row.plan_issued_on if pd.notna(row.plan_issued_on) else row.plan_published_on
    if pd.isna(day):
        return marked(i18n.t("plan_undated", lang), row.plan_confidence, lang)
    return day_text(day, row.plan_confidence, lang)


def status_text(row, status: str, day: dt.date, lang: str) -> str:
    """A zone's status on the view's `day` (`status`: geo.asof.status_on_day): 'Active', 'Revoked by …,
    effective …', 'Active on 2024-01-01; revoked later (…)', 'Not yet designated on 2020-06-30'."""
    if status == "revoked":
        return revoked_text(row, lang)
    if status == "pending":
        return i18n.t("d_pending", lang, date=day.isoformat())
    if row.status == "revoked":
        return i18n.t("d_revoked_later", lang, date=day.isoformat(), what=revoked_text(row, lang))
    return i18n.label("status", "active", lang)


def note(en: str, zh: str, lang: str) -> str:
    """A registry row's note in `lang`: `note_zh` in Chinese (the English one where it has none)."""
    return (zh or en or "") if i18n.norm_lang(lang) == "zh" else (en or "")
