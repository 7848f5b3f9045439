"""The map page: headline figures, the roll-out timeline, the pydeck map with legend and detail panel."""

from typing import Literal

import streamlit as st

from geo.maptext import map_description
from geo.mapview import (
    DEFAULT_SIZE,
    MARKERS_ACTIVE,
    MARKERS_REVOKED,
    FrozenDeck,
    MapOptions,
    build_deck,
    legend_entries,
)
from geo.textsafe import md_escape
from views import compare, context, mapfile, mapsize, pages, presenter, slides, state, widgets
from views.context import Context
from views.detail import detail_panel, picked_zone
from views.headline import headline
from views.legend import legend
from views.timeline import run, timeline


def _selected() -> None:
    zone = picked_zone(st.session_state.get("map"), (MARKERS_ACTIVE, MARKERS_REVOKED))
    if zone:
        state.update(by_widget=True, zone=zone)


def _deck(ctx: Context, options: MapOptions) -> FrozenDeck:
    """The map for this view, memoised by everything it depends on (the rows and the options) and
    serialised once."""
    data = ctx.data
    return data.memo(
        ("deck", ctx.filters.rows_key(), options),
        lambda: FrozenDeck(
            build_deck(
                data.province_codes,
                data.outlines,
                ctx.view,
                options,
                data.maritime_features,
                not_applicable=data.not_applicable,
            )
        ),
    )


def _options(ctx: Context, size: tuple[int, int]) -> MapOptions:
    """The map page's display options for a map of `size` CSS pixels (presenter mode labels the zones)."""
    present, basemap = ctx.filters.present, ctx.filters.basemap
    return MapOptions(lang=ctx.lang, presenter=present, labels=present, basemap=basemap, size=size)


def _legend(ctx: Context) -> None:
    entries = ctx.data.memo(
        ("legend", ctx.filters.rows_key(), ctx.lang),
        lambda: legend_entries(ctx.view, ctx.data.registry.batches, ctx.lang, ctx.counts.since),
    )
    legend(entries, ctx.lang)


def draw(ctx: Context) -> None:
    """The page for one view (drawn again on every step while the roll-out plays)."""
    tr, filters = ctx.tr, ctx.filters
    wide = filters.present  # presenter mode: the button column lines up with the map's side column
    title_col, button_col = st.columns(
        [5, 2] if wide else [5, 1], vertical_alignment="center", gap="medium" if wide else "small"
    )
    title_col.title(tr("app_title"))
    with button_col:
        presenter.toggle(ctx)
    if not filters.present:
        headline(ctx, per_row=4)
    timeline(ctx)
    if ctx.view.empty:
        widgets.empty_state(ctx)
    widgets.search_answers(ctx)

    present = filters.present
    map_col, side_col = st.columns([3, 1] if not present else [5, 2], gap="medium")
    with map_col:
        size = mapsize.map_size()
        # Presenter mode: the height left on the screen (views/presenter.py).
        height: int | Literal["stretch"] = "stretch" if present else 540
        if size is None:  # the first run: the map is drawn once its size is known (views/mapsize.py)
            mapsize.placeholder(540)  # (presenter mode's layout rules give it the height left)
        else:
            st.pydeck_chart(
                _deck(ctx, _options(ctx, size)),
                on_select=_selected,
                selection_mode="single-object",
                key="map",
                height=height,
                width="stretch",
            )
        mapsize.reporter(size)
        if not present:
            st.caption(tr("map_hint"))
        widgets.source_line(ctx)
        if not present:
            # Written only while the expander is open (opening it reruns the page).
            summary = st.expander(tr("summary_title"), key="map_summary", on_change="rerun")
            if summary.open:
                text = ctx.data.memo(
                    ("description", filters.rows_key(), ctx.asof, ctx.lang),
                    lambda: map_description(ctx.view, ctx.asof.isoformat(), ctx.lang, ctx.counts.since),
                )
                summary.markdown(md_escape(text))
                summary.page_link(
                    pages.TABLE.script,
                    label=tr("see_table"),
                    icon=":material/table:",
                    query_params=state.link_params(filters, pages.TABLE),
                )
            compare.changes(ctx)  # what changed since the earlier date, when comparing
    with side_col, st.container(key="presenter_side" if present else "side"):
        if present:
            headline(ctx, per_row=2)
        if filters.zone:
            detail_panel(ctx)
        _legend(ctx)
        slides.downloads(ctx)
        if not present:
            mapfile.download(ctx, lambda: _deck(ctx, _options(ctx, size or DEFAULT_SIZE)))
            if not filters.zone:
                detail_panel(ctx)


def draw_embedded(ctx: Context) -> None:
    """The map alone, for an iframe (?embed=true): title, counts, map, legend and source line."""
    st.markdown(f"**{md_escape(ctx.tr('app_title'))}**")
    st.caption(f"{ctx.counts.headline(ctx.lang)} · {ctx.tr('as_of_day', date=ctx.asof.isoformat())}")
    map_col, side_col = st.columns([4, 1], gap="small")
    with map_col:
        size = mapsize.map_size()
        if size is None:  # the first run: the map is drawn once its size is known (views/mapsize.py)
            mapsize.placeholder(480)
        else:
            options = MapOptions(lang=ctx.lang, basemap=ctx.filters.basemap, size=size)
            with st.container(key="map"):  # the class views/mapsize.py finds the map by (no selection here)
                st.pydeck_chart(_deck(ctx, options), height=480, width="stretch")
        mapsize.reporter(size)
        widgets.source_line(ctx)
    with side_col:
        _legend(ctx)


page_ctx = context.current()
if st.context.is_embedded:
    draw_embedded(page_ctx)
else:
    presenter.style(page_ctx)
    run(draw, page_ctx)
