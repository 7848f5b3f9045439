"""Presenter mode (present=1): the chrome hidden, larger type, one button to enter and leave it."""

from __future__ import annotations

import streamlit as st

from views import state
from views.context import Context

PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container { padding: 0.6rem 1.2rem 0 1.2rem !important; max-width: 100% !important; }
h1 { font-size: 1.9rem !important; padding: 0 0 .2rem 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.8rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
.lg-row { font-size: 1.05rem !important; }
</style>
"""


def style(ctx: Context) -> None:
    """In presenter mode, hide the chrome and enlarge the type."""
    if ctx.filters.present:
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)


def _set(on: bool) -> None:
    state.update(present=on)


def toggle(ctx: Context) -> None:
    """A button that enters or leaves presenter mode (kept in the URL as present=1)."""
    on = ctx.filters.present
    label = ctx.tr("presenter_exit" if on else "presenter_enter")
    icon = ":material/close_fullscreen:" if on else ":material/slideshow:"
    st.button(label, on_click=_set, args=(not on,), key="presenter_button", icon=icon)
