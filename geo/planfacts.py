"""A zone's implementation plan as the detail panel and the exports show it: its line, link and confidence."""

from __future__ import annotations

import pandas as pd

from geo import i18n


def plan_of(plans: pd.DataFrame, zone_id: str) -> pd.Series | None:
    """The zone's row of plans.csv (typed), or None: no plan found."""
    rows = plans[plans["zone_id"] == zone_id]
    return None if rows.empty else rows.iloc[0]


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


def plan_columns(zone_ids: pd.Series, plans: pd.DataFrame) -> pd.DataFrame:
    """Per zone: its plan's title, number, issuer and source (empty: no plan found); the plan's dates and
    confidence are geo.evidence.plan_facts'."""
    by_zone = plans.set_index("zone_id")
    rows = []
    for zone_id in zone_ids:
        if zone_id in by_zone.index:
            p = by_zone.loc[zone_id]
            rows.append((p["title_zh"], p["document_no"], p["issuer_zh"], p["source_url"]))
        else:
            rows.append(("", "", "", ""))
    return pd.DataFrame(
        rows, columns=["plan_title", "plan_document_no", "plan_issuer", "plan_url"], index=zone_ids.index
    )
