"""The map's legend, drawn from the key every map shares (geo.mapkey): zones by batch, marks, provinces."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from geo.mapkey import KEY_CSS, KeySection, key_html


def legend(sections: Sequence[KeySection]) -> None:
    """The map's legend (every text escaped)."""
    st.markdown(KEY_CSS + key_html(sections), unsafe_allow_html=True)
