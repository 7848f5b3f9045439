"""The map page's "Interactive map (HTML)" download: the current view as one file that works offline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pydeck as pdk
import streamlit as st

from geo.filters import slug
from geo.htmlmap import PageText, interactive_map
from geo.mapkey import map_key, outside_provinces
from geo.maptext import view_subtitle
from views.context import Context


def button(ctx: Context, deck: Callable[[], pdk.Deck]):
    """A function that draws the button (in a place of the caller's choosing)."""
    return lambda where=st: download(ctx, deck, where)


def download(ctx: Context, deck: Callable[[], pdk.Deck], where=st) -> None:
    """The button; the file (about 5 MB, deck.gl inlined) is written only when it is clicked, from the
    deck `deck()` returns (the map as drawn on the page)."""

    def build() -> bytes:
        latest = ctx.source.latest_words(ctx.lang)  # the newest reply in effect on the view's day
        subtitle = view_subtitle(ctx.filters, ctx.data.vocab, ctx.view, ctx.asof, latest, ctx.lang)
        text = PageText(ctx.tr("app_title"), subtitle, ctx.source.source_words(ctx.lang), ctx.lang)
        f = ctx.filters
        outside = outside_provinces(ctx.data.registry.provinces, f.province, f.region)
        key = map_key(
            ctx.view, ctx.data.registry.batches, ctx.lang, f.style, bool(outside), since=ctx.counts.since
        )
        return interactive_map(deck(), text, key)

    where.download_button(
        ctx.tr("download_html"),
        build,
        file_name=f"pilot-zones-map_{slug(ctx.filters)}_{dt.date.today().isoformat()}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/travel_explore:",
        width="stretch",
        help=ctx.tr("html_help"),
        key="map_html",
        wrap=True,
    )
