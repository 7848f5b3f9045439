"""A zone's implementation plan as the detail panel and the exports show it: its line, link and confidence."""

from __future__ import annotations

import pandas as pd

from geo import i18n
from geo.evidence import UNVERIFIED


def plan_of(plans: pd.DataFrame, zone_id: str) -> pd.Series | None:
    """The zone's row of plans.csv (typed), or None: no plan found."""
    rows = plans[plans["zone_id"] == zone_id]
    return None if rows.empty else rows.iloc[0]


def confidence_of_fact(facts: pd.DataFrame, subject: str, fact: str) -> str:
    """The derived confidence of one fact (geo.evidence.derive's frame); unverified when it has no source."""
    rows = facts[(facts["subject"] == subject) & (facts["fact"] == fact)]
    return str(rows["confidence"].iloc[0]) if len(rows) else UNVERIFIED


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def plan_date(plan: pd.Series, lang: str) -> str:
    """'dated 2020-07-23', else 'published 2020-07-31', else 'date not found'."""
    if _day(plan["issued_on"]):
        return i18n.t("d_plan_dated", lang, day=_day(plan["issued_on"]))
    if _day(plan["published_on"]):
        return i18n.t("d_plan_published", lang, day=_day(plan["published_on"]))
    return i18n.t("d_plan_undated", lang)


def plan_line(plan: pd.Series, lang: str) -> str:
    """'浙江省人民政府关于印发…的通知 (浙政函〔2020〕…) — 浙江省人民政府, dated 2020-07-23'."""
    title = plan["title_zh"] or i18n.t("d_plan_untitled", lang)
    if plan["document_no"]:
        title += f" ({plan['document_no']})"
    issuer = plan["issuer_zh"] or "—"
    return i18n.t("d_plan_line", lang, title=title, issuer=issuer, date=plan_date(plan, lang))


def plan_columns(zone_ids: pd.Series, plans: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Per zone: its plan's title, number, issuer, dates, source and confidence (empty: no plan found)."""
    by_zone = plans.set_index("zone_id")
    rows = []
    for zone_id in zone_ids:
        if zone_id in by_zone.index:
            p = by_zone.loc[zone_id]
            rows.append(
                (p["title_zh"], p["document_no"], p["issuer_zh"], p["issued_on"], p["published_on"],
                 p["source_url"], confidence_of_fact(facts, zone_id, "plan"))
            )  # fmt: skip
        else:
            rows.append(("", "", "", pd.NaT, pd.NaT, "", ""))
    cols = ["plan_title", "plan_document_no", "plan_issuer", "plan_issued_on", "plan_published_on"]
    out = pd.DataFrame(rows, columns=[*cols, "plan_url", "plan_confidence"], index=zone_ids.index)
    for col in ("plan_issued_on", "plan_published_on"):
        out[col] = pd.to_datetime(out[col])
    return out
