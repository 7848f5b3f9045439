"""Slide images of the current view (PNG, SVG) in two sizes, drawn only when a download button is clicked."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import i18n
from geo.filters import slug
from geo.maptext import view_subtitle
from geo.slide.fonts import INSTALL_HINT, cjk_font_available
from views.context import Context

# Slide sizes offered: (label key, width, height); the first is the default.
SIZES = (("slide_16_10", 1600, 1000), ("slide_16_9", 1920, 1080))
SIZE_KEY = "slide_size"


def slide_text(ctx: Context):
    """The words on the slide: the title, the filters in words with the counts and both dates (the view's
    day and the newest reply), the source."""
    from geo.slide.render import SlideText  # matplotlib loads only when asked

    latest = ctx.source.latest_words(ctx.lang)  # the newest reply in effect on the view's day
    subtitle = view_subtitle(ctx.filters, ctx.data.vocab, ctx.view, ctx.asof, latest, ctx.lang)
    return SlideText(ctx.tr("app_title"), subtitle, ctx.source.source_words(ctx.lang), ctx.lang)


def downloads(ctx: Context) -> None:
    """The slide size (16:10 or 16:9), then PNG and SVG of the current view side by side."""
    if not cjk_font_available():
        st.warning(INSTALL_HINT, icon=":material/font_download_off:")
        return
    names = {key: i18n.t(key, ctx.lang) for key, _w, _h in SIZES}
    choice = st.segmented_control(
        i18n.t("slide_size", ctx.lang),
        options=[key for key, _w, _h in SIZES],
        format_func=names.__getitem__,
        default=SIZES[0][0],
        required=True,
        key=SIZE_KEY,
        label_visibility="collapsed",
        width="stretch",
    )
    width, height = next((w, h) for key, w, h in SIZES if key == choice)
    stem = f"pilot-zones-map_{slug(ctx.filters)}_{dt.date.today().isoformat()}_{width}x{height}"

    def render(fmt: str):
        def draw() -> bytes:
            from geo.slide.render import render_static_map

            data = ctx.data
            return render_static_map(
                ctx.view, data.provinces, data.maritime, data.registry.batches, slide_text(ctx), fmt,
                size=(width, height),
            )  # fmt: skip

        return draw

    buttons = (("png", "image/png", ":material/image:"), ("svg", "image/svg+xml", ":material/draw:"))
    for col, (fmt, mime, icon) in zip(st.columns(2, gap="small"), buttons, strict=True):
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
