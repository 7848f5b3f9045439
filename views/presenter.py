"""Presenter mode (present=1): the chrome hidden, one screen without scrolling, one button to leave it."""

from __future__ import annotations

import streamlit as st

from views import state
from views.context import Context

# On every map page: the style blocks and the size reporter take no room in the layout.
MAP_CSS = """
<style>
[data-testid="stElementContainer"]:has([data-testid="stMarkdownContainer"] > style:only-child),
[data-testid="stElementContainer"].st-key-map_size { display: none !important; }
.st-key-presenter_button button { white-space: nowrap; }
</style>
"""

# Presenter mode: the page is exactly one viewport tall. The main block is a flex column; the row that
# holds the map takes the height left below the title and the timeline, the map fills its column above
# the source line, and the side column (figures, legend, slide images) scrolls inside itself if a
# selected zone's details make it taller than the map. The same rules hold while the roll-out plays,
# when the page is drawn inside a fragment's own block.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container {
  padding: .5rem 1.2rem .5rem 1.2rem !important; max-width: 100% !important;
  height: 100vh; display: flex; flex-direction: column;
}
.block-container > [data-testid="stVerticalBlock"],
.block-container [data-testid="stVerticalBlock"]:has(.st-key-map) { flex: 1 1 0; min-height: 0; gap: .35rem; }
[data-testid="stLayoutWrapper"]:has(.st-key-map) { flex: 1 1 0; min-height: 0; }
[data-testid="stHorizontalBlock"]:has(.st-key-map) { height: 100%; align-items: stretch; }
[data-testid="stHorizontalBlock"]:has(.st-key-map) > [data-testid="stColumn"] { height: 100%; min-height: 0; }
[data-testid="stColumn"]:has(.st-key-map) > [data-testid="stVerticalBlock"] { height: 100%; gap: .3rem; }
[data-testid="stColumn"]:has(.st-key-map) > [data-testid="stVerticalBlock"] > *,
.st-key-presenter_side > * { flex-shrink: 0; }
.st-key-map { flex: 1 1 0 !important; min-height: 0; height: auto !important; }
.st-key-map > div, .st-key-map [data-testid="stDeckGlJsonChart"],
.st-key-map [data-testid="stDeckGlJsonChart"] > div { height: 100% !important; }
.st-key-presenter_side { height: 100%; overflow-y: auto; overflow-x: hidden; gap: .45rem; }
h1 { font-size: clamp(1.35rem, 1.9vw, 2.1rem) !important; padding: 0 !important; white-space: nowrap;
     overflow: hidden; text-overflow: ellipsis; }
[data-testid="stMetric"] { padding: 0 !important; }
[data-testid="stMetricValue"] {
  font-size: clamp(1.3rem, 2vw, 2rem) !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] > div, [data-testid="stMetricLabel"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  font-size: clamp(.8rem, .95vw, 1.05rem) !important; line-height: 1.25 !important; height: auto !important;
}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div, [data-testid="stMetricDelta"] p {
  white-space: normal !important; overflow: visible !important; height: auto !important;
  font-size: clamp(.75rem, .85vw, .95rem) !important; }
.lg-row { font-size: clamp(.78rem, .9vw, 1rem) !important; line-height: 1.4 !important; }
.lg-h { margin: .25rem 0 .1rem !important; font-size: clamp(.8rem, .92vw, 1.02rem) !important; }
.lg-fill { display: grid; grid-template-columns: 1fr 1fr; column-gap: .6rem; }
.lg-fill .lg-wide { grid-column: 1 / -1; }
[data-testid="stCaptionContainer"] { line-height: 1.3; margin-bottom: 0 !important; }
[data-testid="stCaptionContainer"] p { margin: 0 !important; }
</style>
"""

LEAVE_KEY = "Esc"  # a keyboard shortcut on the button that leaves presenter mode


def style(ctx: Context) -> None:
    """The map page's layout rules; in presenter mode, hide the chrome and fit the page to the screen."""
    st.html(MAP_CSS + (PRESENTER_CSS if ctx.filters.present else ""))  # style only: takes no room


def _set(on: bool) -> None:
    state.update(present=on)


def toggle(ctx: Context) -> None:
    """The button that enters or leaves presenter mode (kept in the URL as present=1): top right, the full
    width of its column in both languages; Esc leaves presenter mode too."""
    on = ctx.filters.present
    label = ctx.tr("presenter_exit" if on else "presenter_enter")
    icon = ":material/close_fullscreen:" if on else ":material/slideshow:"
    st.button(
        label,
        on_click=_set,
        args=(not on,),
        key="presenter_button",
        icon=icon,
        width="stretch",
        shortcut=LEAVE_KEY if on else None,
    )
