"""The map page: headline figures, the roll-out timeline, the pydeck map with legend and detail panel."""

import datetime as dt
import time

import streamlit as st

from geo import i18n
from geo.asof import timeline_steps
from geo.mapview import MARKERS_ACTIVE, MARKERS_SUPERSEDED, MapOptions, build_deck, legend_entries
from geo.summary import map_summary
from views import common, mapparts

ctx = common.ctx()
lang = ctx.lang
t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
presenter = mapparts.presenter_mode()
steps = timeline_steps(ctx.data.reg.batches)

title_col, button_col = st.columns([5, 1], vertical_alignment="center")
title_col.title(t("app_title"))
with button_col:
    mapparts.presenter_toggle(presenter, lang)
show_superseded = st.session_state.get("show_superseded", True)
view = ctx.view if show_superseded else ctx.view[ctx.view["status_asof"] == "active"]
if not presenter:
    mapparts.headline(ctx, view, per_row=4)
mapparts.timeline(ctx, steps)
if view.empty:
    st.info(t("empty_state"), icon=":material/search_off:")

map_col, side_col = st.columns([3, 1], gap="medium")
with map_col:
    options = MapOptions(
        lang=lang, presenter=presenter, labels=presenter, basemap=st.session_state.get("basemap", False)
    )
    deck = build_deck(ctx.data.province_codes, ctx.data.outlines, view, options, ctx.data.maritime)
    event = st.pydeck_chart(
        deck,
        on_select="rerun",
        selection_mode="single-object",
        key="map",
        height=520 if presenter else 540,
        width="stretch",
    )
    if not presenter:
        st.caption(t("map_hint"))
    common.source_line(lang)
    if not presenter:
        with st.expander(t("summary_title"), expanded=False):
            st.write(map_summary(ctx.view, ctx.filters.asof or dt.date.today(), lang))
            st.page_link("views/table.py", label=t("see_table"), icon=":material/table:")
picked = mapparts.selected_zone(event, (MARKERS_ACTIVE, MARKERS_SUPERSEDED))
if picked:
    st.session_state["zone"] = picked
with side_col:
    if presenter:
        mapparts.headline(ctx, view, per_row=2)
    mapparts.legend(legend_entries(view, ctx.data.reg.batches, lang), lang)
    mapparts.static_downloads(ctx, view)
    mapparts.detail_panel(ctx, st.session_state.get("zone"))

if st.session_state.get("playing"):
    time.sleep(1.4)
    mapparts.advance_playback(steps, ctx.filters.asof)
    st.rerun()
