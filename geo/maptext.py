"""Text drawn on the map: plain-text tooltips of zones and provinces, and short zone labels."""

from __future__ import annotations

import re

import pandas as pd

from geo import i18n

NOT_APPLICABLE_CODES = ("71", "81", "82")


def zone_tooltip(row, lang: str) -> str:
    """Plain-text tooltip of a zone (rendered as text, never as HTML)."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    first, second = (row.name_zh, row.name_en) if lang == "zh" else (row.name_en, row.name_zh)
    approved = row.approved_on.date().isoformat() if pd.notna(row.approved_on) else t("not_confirmed")
    province = row.province_name_zh if lang == "zh" else row.province_name_en
    lines = [
        f"{first} · {second}",
        f"{t('tt_province')}: {province}",
        f"{t('tt_batch')}: {row.batch} · {t('tt_approved')}: {approved}",
        f"{t('tt_document')}: {row.document_no}",
        f"{t('tt_location')}: {i18n.label('location', row.location, lang)}",
    ]
    if row.status_asof != "active":
        lines.append(f"{t('tt_status')}: {i18n.label('status', row.status_asof, lang)}")
    return "\n".join(lines)


ETHNIC_SUFFIX = re.compile(
    r"^(.+?)(?:(?:傣|景颇|哈尼|彝|白|壮|苗|藏|回|土家|布依|侗|瑶|朝鲜|羌|傈僳|纳西)族|哈萨克|蒙古|柯尔克孜)+自治州$"
)


def short_label(row, lang: str) -> str:
    """A compact map label: 杭州 / Hangzhou; 红河 / Honghe for 红河哈尼族彝族自治州."""
    if lang != "zh":
        name = str(row.name_en)
        if row.level in ("autonomous_prefecture", "prefecture"):
            return name.split(" ")[0]
        return name.replace(" (whole island)", "")
    name = str(row.name_zh)
    match = ETHNIC_SUFFIX.match(name)
    if match:
        return match.group(1)
    for suffix in ("市", "地区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
