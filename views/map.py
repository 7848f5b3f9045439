"""The map page: headline figures, the roll-out timeline, the pydeck map with legend and detail dialog."""

import streamlit as st

from geo.mapkey import map_key, outside_provinces
from geo.maplayers import PICKABLE, pick_shapes
from geo.maptext import map_description
from geo.mapview import DEFAULT_SIZE, FrozenDeck, MapOptions, build_deck, pick_token, with_pick_ids
from geo.textsafe import md_escape
from views import compare, context, controls, mapfile, mapsize, pages, presenter, slides, state, widgets
from views.context import Context
from views.detail import detail_dialog, picked_zone
from views.headline import headline
from views.legend import legend
from views.timeline import run, timeline, upcoming

CLICKS = "_map_clicks"  # zones clicked on the map in this session: the map's ids change with each one


def _selected() -> None:
    zone = picked_zone(st.session_state.get("map"), PICKABLE)
    if zone:
        st.session_state[CLICKS] = st.session_state.get(CLICKS, 0) + 1
        state.update(by_widget=True, zone=zone)


def _outside(ctx: Context) -> frozenset:
    """The provinces a province or region filter leaves out of the view."""
    f = ctx.filters
    return outside_provinces(ctx.data.registry.provinces, f.province, f.region)


def _deck(ctx: Context, options: MapOptions) -> FrozenDeck:
    """The map for this view, memoised by everything it depends on (the rows and the options) and
    serialised once."""
    data = ctx.data
    shapes = data.memo(("province-shapes",), lambda: pick_shapes(data.provinces))
    return data.memo(
        ("deck", ctx.filters.rows_key(), options),
        lambda: FrozenDeck(
            build_deck(
                data.province_codes,
                data.outlines,
                ctx.view,
                options,
                data.maritime_features,
                shapes,
                not_applicable=data.not_applicable,
            )
        ),
    )


def _options(ctx: Context, size: tuple[int, int]) -> MapOptions:
    f = ctx.filters
    return MapOptions(
        lang=ctx.lang, presenter=f.present, basemap=f.basemap, size=size, style=f.style, outside=_outside(ctx)
    )


def _legend(ctx: Context) -> None:
    f = ctx.filters
    brief = f.present  # presenter mode: two columns of short batch rows
    sections = ctx.data.memo(
        ("legend", f.rows_key(), ctx.lang, f.style, brief),
        lambda: map_key(
            ctx.view,
            ctx.data.registry.batches,
            ctx.lang,
            f.style,
            bool(_outside(ctx)),
            brief=brief,
            since=ctx.counts.since,
        ),
    )
    legend(sections)


def draw(ctx: Context) -> None:
    """The page for one view (drawn again on every step while the roll-out plays). The map is built before
    anything is drawn, and the heavy map is sent last: the figures, the legend and the roll-out bar reach
    the page together, then the map, then (app.py) the address."""
    tr, filters = ctx.tr, ctx.filters
    present = filters.present
    size = mapsize.map_size()  # None on a page's first run: the map is drawn once its size is known
    deck = _deck(ctx, _options(ctx, size)) if size else None
    title_col, button_col = st.columns(
        [5, 2] if present else [5, 1], vertical_alignment="center", gap="medium" if present else "small"
    )
    title_col.title(tr("app_title"))
    with button_col:
        presenter.toggle(ctx)
    if not present:
        headline(ctx, per_row=4)
    timeline_box = st.container()  # filled below, after the side column
    if ctx.view.empty:
        widgets.empty_state(ctx)
    widgets.search_answers(ctx)
    map_col, side_col = st.columns([7, 3] if not present else [5, 2], gap="medium")
    with side_col, st.container(key="presenter_side" if present else "side"):
        if present:
            headline(ctx, per_row=2)
        else:
            controls.widget("style", ctx.data, filters)
        _legend(ctx)
        slides.downloads(ctx, mapfile.button(ctx, lambda: deck or _deck(ctx, _options(ctx, DEFAULT_SIZE))))
    with timeline_box:
        timeline(ctx)
    with map_col:
        if deck is None:  # the first run (views/mapsize.py); presenter mode's layout gives it the height left
            mapsize.placeholder(540)
        else:
            st.pydeck_chart(
                with_pick_ids(deck, pick_token(filters, st.session_state.get(CLICKS, 0))),  # no kept click
                on_select=_selected,
                selection_mode="single-object",
                key="map",
                height="stretch" if present else 540,  # presenter mode: the height left (views/presenter.py)
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
    if filters.zone and not st.session_state.get(state.PLAYING):
        detail_dialog(ctx)  # not while the roll-out plays: its steps would close and reopen it
    following = upcoming(ctx)
    if following is not None and size:  # the roll-out's next step, built while this one is on screen
        _deck(Context(ctx.data, following, ()), _options(ctx, size))


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
            with st.container(key="map"):  # the class views/mapsize.py finds the map by (no selection here)
                st.pydeck_chart(_deck(ctx, _options(ctx, size)), height=480, width="stretch")
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
