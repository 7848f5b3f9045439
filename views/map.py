"""The map page: headline figures, the roll-out timeline, the pydeck map with legend and detail panel."""

import streamlit as st

from geo.maptext import map_description
from geo.mapview import (
    MARKERS_ACTIVE,
    MARKERS_SUPERSEDED,
    FrozenDeck,
    MapOptions,
    build_deck,
    legend_entries,
)
from geo.textsafe import md_escape
from views import context, presenter, slides, state, widgets
from views.context import Context
from views.detail import detail_panel, picked_zone
from views.headline import headline
from views.legend import legend
from views.timeline import run, timeline


def _selected() -> None:
    zone = picked_zone(st.session_state.get("map"), (MARKERS_ACTIVE, MARKERS_SUPERSEDED))
    if zone:
        state.update(by_widget=True, zone=zone)


def draw(ctx: Context) -> None:
    """The page for one view (drawn again on every step while the roll-out plays)."""
    tr, filters = ctx.tr, ctx.filters
    title_col, button_col = st.columns([5, 1], vertical_alignment="center")
    title_col.title(tr("app_title"))
    with button_col:
        presenter.toggle(ctx)
    if not filters.present:
        headline(ctx, per_row=4)
    timeline(ctx)
    if ctx.view.empty:
        widgets.empty_state(ctx)

    map_col, side_col = st.columns([3, 1], gap="medium")
    with map_col:
        options = MapOptions(
            lang=ctx.lang, presenter=filters.present, labels=filters.present, basemap=filters.basemap
        )
        data = ctx.data
        # Memoised by everything it depends on (the rows and the options) and serialised once.
        deck = data.memo(
            ("deck", filters.rows_key(), options),
            lambda: FrozenDeck(
                build_deck(data.province_codes, data.outlines, ctx.view, options, data.maritime_features)
            ),
        )
        st.pydeck_chart(
            deck,
            on_select=_selected,
            selection_mode="single-object",
            key="map",
            height=520 if filters.present else 540,
            width="stretch",
        )
        if not filters.present:
            st.caption(tr("map_hint"))
        widgets.source_line(ctx)
        if not filters.present:
            # Written only while the expander is open (opening it reruns the page).
            summary = st.expander(tr("summary_title"), key="map_summary", on_change="rerun")
            if summary.open:
                text = ctx.data.memo(
                    ("description", filters.rows_key(), ctx.asof, ctx.lang),
                    lambda: map_description(ctx.view, ctx.asof.isoformat(), ctx.lang),
                )
                summary.markdown(md_escape(text))
                summary.page_link(
                    "views/table.py",
                    label=tr("see_table"),
                    icon=":material/table:",
                    query_params=state.link_params(filters),
                )
    with side_col:
        if filters.present:
            headline(ctx, per_row=2)
        if filters.zone:
            detail_panel(ctx)
        entries = ctx.data.memo(
            ("legend", filters.rows_key(), ctx.lang),
            lambda: legend_entries(ctx.view, ctx.data.registry.batches, ctx.lang),
        )
        legend(entries, ctx.lang)
        slides.downloads(ctx)
        if not filters.zone:
            detail_panel(ctx)


page_ctx = context.current()
presenter.style(page_ctx)
run(draw, page_ctx)
