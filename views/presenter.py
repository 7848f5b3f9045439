"""Presenter mode (present=1): the chrome hidden, one screen without scrolling, one button to leave it."""

from __future__ import annotations

import streamlit as st

from views import controls, state
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
# selected zone's details make it taller than the map. The same rules hold on every step of the roll-out.
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
/* Type for a shared screen: at least 14 px at 1280x720, larger on larger screens. */
[data-testid="stMetricValue"] {
  font-size: clamp(1.35rem, 2vw, 2.1rem) !important; line-height: 1.15 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] > div, [data-testid="stMetricLabel"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  font-size: clamp(14px, 1.1vw, 18px) !important; line-height: 1.25 !important; height: auto !important;
}
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div, [data-testid="stMetricDelta"] p {
  white-space: normal !important; overflow: visible !important; height: auto !important;
  font-size: clamp(14px, 1vw, 17px) !important; }
.lg-row { font-size: clamp(14px, 1.05vw, 18px) !important; line-height: 1.35 !important; }
.lg-h { margin: .2rem 0 .05rem !important; font-size: clamp(14px, 1.1vw, 19px) !important; }
.st-key-presenter_side .lg-body { display: grid; grid-template-columns: 1fr 1fr; column-gap: .6rem; }
.st-key-presenter_side .lg-wide { grid-column: 1 / -1; }
.st-key-presenter_side .lg { margin-bottom: .4rem; }
[data-testid="stCaptionContainer"] { line-height: 1.3; margin-bottom: 0 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  margin: 0 !important; font-size: clamp(14px, 1vw, 17px) !important; }
[data-testid="stWidgetLabel"] p, .st-key-presenter_side button p {
  font-size: clamp(14px, 1vw, 17px) !important; }
/* The side column keeps a readable width and the map takes the rest of a large screen; the rows above
   keep their button column in line with it. */
[data-testid="stHorizontalBlock"]:has(.st-key-map) > [data-testid="stColumn"]:last-child,
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-presenter_button)
  > [data-testid="stColumn"]:last-child,
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-play_button)
  > [data-testid="stColumn"]:last-child { flex: 0 0 clamp(330px, 25vw, 470px) !important; }
[data-testid="stHorizontalBlock"]:has(.st-key-map) > [data-testid="stColumn"]:first-child,
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-presenter_button)
  > [data-testid="stColumn"]:first-child,
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-play_button)
  > [data-testid="stColumn"]:first-child { flex: 1 1 0 !important; min-width: 0; }
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


BAR = (("province", None), ("batch", "multiselect"), ("asof", None))  # batches as a dropdown here


def filter_bar(ctx: Context, where, playing: bool) -> None:
    """Presenter mode's compact filter bar: province, batch and as-of date side by side, in one row with the
    roll-out slider (the one-screen rule holds). While the roll-out plays it moves the date itself: the bar
    is left empty, so that no widget holds a date the timer changes."""
    if playing:
        return
    with where.container(key="filter_bar"):
        for col, (name, call) in zip(st.columns([4, 3, 3], gap="small"), BAR, strict=True):
            controls.widget(name, ctx.data, ctx.filters, col, call=call)
