"""Altair charts drawn from a kept Vega-Lite spec: built and validated once per view, not on every rerun."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from views.context import Context
from views.streamlit_private import vega_lite_spec


def chart(ctx: Context, key: Hashable, build: Callable[[], Any]) -> None:
    """Draw the Altair chart build() gives, full width, without Streamlit's theme. `key` names everything
    the chart depends on besides the view's rows, the language and the day shown (those are added here)."""
    memo_key = ("vega-lite", key, ctx.filters.rows_key(), ctx.lang, ctx.asof)
    spec = ctx.data.memo(memo_key, lambda: vega_lite_spec(build()))
    if spec is None:  # Streamlit's converter moved (recorded in streamlit_private.FALLBACKS)
        st.altair_chart(build(), width="stretch", theme=None)
    else:  # a copy: Streamlit takes the datasets out of the spec it is given
        st.vega_lite_chart(spec=dict(spec), width="stretch", theme=None)
