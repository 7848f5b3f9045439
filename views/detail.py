"""The detail panel of the selected zone: every attribute, its reply and source links, its confidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import i18n
from geo.textsafe import md_escape, safe_url
from views import state
from views.context import Context


def picked_zone(selection: object, layer_ids: tuple[str, ...]) -> str | None:
    """The zone_id of the clicked marker in a pydeck selection event, if any."""
    try:
        objects = selection["selection"]["objects"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for layer in layer_ids:
        for obj in objects.get(layer, []) or []:
            if isinstance(obj, dict) and obj.get("zone_id"):
                return str(obj["zone_id"])
    return None


def _clear() -> None:
    state.update(zone="")


def detail_panel(ctx: Context) -> None:
    """Every attribute of the selected zone (Filters.zone), its official document and link, its confidence."""
    tr, lang = ctx.tr, ctx.lang
    zone_id = ctx.filters.zone
    with st.container(border=True, key="detail_panel"):
        st.markdown(f"**{md_escape(tr('detail_title'))}**")
        zones = ctx.data.zones_by_id
        if not zone_id or zone_id not in zones.index:
            st.caption(tr("detail_none"))
            return
        z = zones.loc[zone_id]
        first, second = (z.name_zh, z.name_en) if lang == "zh" else (z.name_en, z.name_zh)
        st.markdown(f"### {md_escape(first)}\n{md_escape(second)}")

        def date(v) -> str:
            return v.date().isoformat() if pd.notna(v) else tr("not_confirmed")

        rows = [
            (tr("tt_province"), z.province_name_zh if lang == "zh" else z.province_name_en),
            (tr("d_level"), tr.label("level", z.level)),
            (tr("tt_location"), tr.label("location", z.location)),
            (tr("tt_batch"), str(z.batch)),
            (tr("tt_document"), f"{z.document_no} ({z.document_no_en})"),
            (tr("tt_approved"), date(z.approved_on)),
            (tr("d_published"), date(z.published_on)),
            (tr("tt_status"), tr.label("status", z.status)),
            (tr("d_superseded_by"), "" if pd.isna(z.superseded_by) else tr("batch_n", n=z.superseded_by)),
            (tr("d_confidence"), tr.label("confidence", z.confidence)),
            (tr("d_adcodes"), z.adcodes),
            (tr("d_marker"), f"{z.lat:.4f}°N, {z.lon:.4f}°E ({z.marker_source})"),
            (tr("d_title"), (z.title_zh if lang == "zh" else z.title_en) or tr("not_confirmed")),
            (tr("d_note"), z.note),
        ]
        table = pd.DataFrame(
            {"field": [k for k, _v in rows], "value": ["" if pd.isna(v) else str(v) for _k, v in rows]}
        )
        st.table(table, border="horizontal", hide_index=True, hide_header=True)
        if z.confidence != "confirmed":
            st.warning(md_escape(i18n.label("confidence", z.confidence, lang)), icon=":material/warning:")
        for url in (z.source_url, z.source_url_alt):
            link = safe_url(url)
            if link:
                st.link_button(f"{tr('d_source')}: {z.document_no}", link, width="stretch")
        st.button(tr("clear_selection"), on_click=_clear, key="clear_zone")
