"""Slide images of the current view (PNG, SVG), drawn only when a download button is clicked."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import i18n
from geo.filters import slug
from geo.maptext import view_subtitle
from geo.slide.fonts import INSTALL_HINT, cjk_font_available
from views.context import Context


def downloads(ctx: Context) -> None:
    """PNG and SVG of the current view."""
    if not cjk_font_available():
        st.warning(INSTALL_HINT, icon=":material/font_download_off:")
        return
    stem = f"pilot-zones-map_{slug(ctx.filters)}_{dt.date.today().isoformat()}"

    def render(fmt: str):
        def draw() -> bytes:
            from geo.slide.render import SlideText, render_static_map  # matplotlib loads only when asked

            subtitle = view_subtitle(
                ctx.filters, ctx.data.vocab, ctx.view, ctx.asof, ctx.data.latest, ctx.lang
            )
            text = SlideText(ctx.tr("app_title"), subtitle, ctx.tr("source_line"), ctx.lang)
            return render_static_map(
                ctx.view, ctx.data.provinces, ctx.data.maritime, ctx.data.registry.batches, text, fmt
            )

        return draw

    for fmt, mime, icon in (
        ("png", "image/png", ":material/image:"),
        ("svg", "image/svg+xml", ":material/draw:"),
    ):
        st.download_button(
            i18n.t(f"download_{fmt}", ctx.lang),
            render(fmt),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            on_click="ignore",
            icon=icon,
            width="stretch",
            help=i18n.t("static_help", ctx.lang),
            key=f"slide_{fmt}",
        )
