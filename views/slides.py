"""Slide images of the view (PNG, SVG) in the size the URL names, drawn only when a button is clicked."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import i18n
from geo.filters import slug
from geo.mapkey import outside_provinces
from geo.maptext import view_subtitle
from geo.slide.fonts import INSTALL_HINT, cjk_font_available
from views import controls
from views.context import Context


def slide_text(ctx: Context):
    """The words on the slide: the title, the filters in words with the counts and both dates (the view's
    day and the newest reply), the source."""
    from geo.slide.render import SlideText  # matplotlib loads only when asked

    latest = ctx.source.latest_words(ctx.lang)  # the newest reply in effect on the view's day
    subtitle = view_subtitle(ctx.filters, ctx.data.vocab, ctx.view, ctx.asof, latest, ctx.lang)
    return SlideText(ctx.tr("app_title"), subtitle, ctx.source.source_words(ctx.lang), ctx.lang)


def downloads(ctx: Context, html_button=None) -> None:
    """The slide size (labelled, in the URL: slide=1920x1080 or 1600x1000), then PNG and SVG of the current
    view side by side, and `html_button` (a function drawing the HTML map's button in the column it is
    given) beside them in presenter mode, below them otherwise."""
    if not cjk_font_available():
        st.warning(INSTALL_HINT, icon=":material/font_download_off:")
        if html_button:
            html_button(st)
        return
    f = ctx.filters
    with st.container(key="slide_size"):
        controls.widget("slide", ctx.data, f)
    width, height = (int(v) for v in f.slide.split("x"))
    stem = f"pilot-zones-map_{slug(f)}_{dt.date.today().isoformat()}_{width}x{height}"

    def render(fmt: str):
        def draw() -> bytes:
            from geo.slide.render import render_static_map

            data = ctx.data
            outside = outside_provinces(data.registry.provinces, f.province, f.region)
            return render_static_map(
                ctx.view, data.provinces, data.maritime, data.registry.batches, slide_text(ctx), fmt,
                size=(width, height), style=f.style, areas=data.outlines.fine, outside=outside,
                since=ctx.counts.since,
            )  # fmt: skip

        return draw

    buttons = (("png", "image/png", ":material/image:"), ("svg", "image/svg+xml", ":material/draw:"))
    row = st.columns(3 if f.present and html_button else 2, gap="small")
    for col, (fmt, mime, icon) in zip(row, buttons, strict=False):
        col.download_button(
            i18n.t(f"download_{fmt}", ctx.lang),
            render(fmt),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            on_click="ignore",
            icon=icon,
            width="stretch",
            help=i18n.t("static_help", ctx.lang),
            key=f"slide_{fmt}",
            wrap=True,  # a long label takes a second line rather than being cut
        )
    if html_button:
        html_button(row[2] if f.present else st)
