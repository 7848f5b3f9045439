"""Text of the map: plain-text tooltips, short zone labels, and the text description of a view."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from geo import i18n
from geo.counts import count
from geo.facttext import day_text, plan_text, revoked_text
from geo.filters import Filters, Vocabulary, in_words


def zone_tooltip(row, lang: str) -> str:
    """Plain-text tooltip of a zone (rendered as text, never as HTML): every date and fact with its
    confidence (a row of a view: Dataset.zones with `status_asof`)."""
    t = i18n.Translator(lang)
    first, second = (row.name_zh, row.name_en) if lang == "zh" else (row.name_en, row.name_zh)
    province = row.province_name_zh if lang == "zh" else row.province_name_en
    lines = [
        f"{first} · {second}",
        f"{t('tt_province')}: {province}",
        f"{t('tt_batch')}: {row.batch} · {t('tt_document')}: {row.document_no}",
        f"{t('tt_approved')}: {day_text(row.approved_on, row.approved_on_confidence, lang)}"
        f" · {t('tt_published')}: {day_text(row.published_on, row.published_on_confidence, lang)}",
        f"{t('tt_evidence')}: {t.label('confidence', row.designation_confidence)}",
        f"{t('tt_location')}: {i18n.label('location', row.location, lang)}",
    ]
    plan = plan_text(row, lang)
    if plan:
        lines.append(f"{t('tt_plan')}: {plan}")
    if row.status_asof == "revoked":
        lines.append(f"{t('tt_status')}: {revoked_text(row, lang)}")
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


def map_description(view: pd.DataFrame, asof: str, lang: str, since: dt.date | None = None) -> str:
    """The map's text alternative: counts, the changes since `since` (when comparing), leading provinces,
    location classes and batches, in words. Plain text (the caller shows it literally)."""
    if view.empty:
        return i18n.t("empty_state", lang)
    numbers = count(view, since, dt.date.fromisoformat(asof))
    active = view[view["status_asof"] == "active"]
    name = "province_name_zh" if lang == "zh" else "province_name_en"
    top = active.groupby(name).size().sort_values(ascending=False, kind="stable").head(3)
    sep = "、" if lang == "zh" else ", "
    locations = active["location"].value_counts()
    batches = sorted(int(b) for b in view["batch"].unique())
    parts = [
        i18n.t(
            "desc_head" if len(batches) > 1 else "desc_head_one",
            lang,
            zones=i18n.plural("n_zones", numbers.designated, lang),
            date=asof,
            first=batches[0],
            last=batches[-1],
        )
    ]
    if numbers.since is not None:
        parts.append(
            i18n.t(
                "desc_window",
                lang,
                since=numbers.since.isoformat(),
                added=numbers.added,
                removed=numbers.removed,
            )
        )
    if numbers.revoked:
        parts.append(i18n.t("desc_revoked", lang, active=numbers.active, revoked=numbers.revoked))
    if numbers.active:
        leaders = sep.join(f"{p} ({n})" for p, n in top.items())
        parts.append(
            i18n.t(
                "desc_where",
                lang,
                provinces=i18n.plural("n_provinces", numbers.provinces, lang),
                leaders=leaders,
                coastal=int(locations.get("coastal", 0)),
                border=int(locations.get("land_border", 0)),
                inland=int(locations.get("inland", 0)),
            )
        )
    else:
        parts.append(i18n.t("desc_none_active", lang))
    parts.append(i18n.t("desc_legend", lang))
    return " ".join(parts)


def view_subtitle(
    filters: Filters, vocab: Vocabulary, view: pd.DataFrame, asof: dt.date, latest: str, lang: str
) -> str:
    """What a picture of the view shows, in one line: the filters in words, the counts, the view's day and
    the newest reply in effect on it ('Guangdong · Batch 6 (国函〔2022〕8号) · 8 active zones · as of … ·
    latest reply …'; `latest`: geo.provenance.Provenance.latest_words)."""
    parts = [
        *in_words(filters, vocab, lang),
        count(view, filters.since, filters.asof).headline(lang),
        i18n.t("as_of_day", lang, date=asof.isoformat()),
        latest,
    ]
    return " · ".join(parts)
