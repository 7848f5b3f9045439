"""A one-paragraph text description of what the map shows (the map's text alternative)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import i18n


def map_summary(view: pd.DataFrame, asof: dt.date, lang: str) -> str:
    """What the filtered map shows, in words: counts, leading provinces, location classes, batches."""
    active = view[view["status_asof"] == "active"]
    if view.empty:
        return i18n.t("empty_state", lang)
    name = "province_name_zh" if lang == "zh" else "province_name_en"
    top = active.groupby(name).size().sort_values(ascending=False, kind="stable").head(3)
    sep = "、" if lang == "zh" else ", "
    leaders = sep.join(f"{p} ({n})" for p, n in top.items())
    locations = active["location"].value_counts()
    parts = {k: int(locations.get(k, 0)) for k in ("coastal", "land_border", "inland")}
    batches = sorted(view["batch"].unique())
    return i18n.t(
        "summary",
        lang,
        shown=len(view),
        active=len(active),
        superseded=len(view) - len(active),
        provinces=active["province_code"].nunique(),
        date=asof.isoformat(),
        leaders=leaders or "—",
        coastal=parts["coastal"],
        border=parts["land_border"],
        inland=parts["inland"],
        first=batches[0],
        last=batches[-1],
    )
