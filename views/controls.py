"""The sidebar and page widgets, drawn from the spec's widget descriptions; changes go back through state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from geo import i18n
from geo.dataset import Dataset
from geo.filterkinds import Codes
from geo.filters import Filters
from views import compare, state
from views.streamlit_private import is_current, widget_key


def _changed(name: str, key: str, data: Dataset) -> None:
    if not is_current(name, key):  # a stale widget's leftover value, not a choice (see is_current)
        return
    entry = state.current().spec[name]
    value = entry.kind.from_widget(name, st.session_state.get(key), data.vocab, entry.default)
    state.update(by_widget=True, **{name: value})


def widget(name: str, data: Dataset, filters: Filters, where: Any = st, call: str | None = None) -> Any:
    """The widget of entry `name`, as the spec describes it, showing `filters`' value, in `where`. `call`
    draws a list of codes another way (the presenter's compact bar shows batches as a dropdown)."""
    entry = filters.spec[name]
    if call is not None and isinstance(entry.kind, Codes):
        entry = replace(entry, kind=replace(entry.kind, call=call))
    described = entry.widget(getattr(filters, name), data.vocab, filters.lang, data.last_day())
    if described is None:
        raise ValueError(f"filter {name} has no widget")
    key = widget_key(name)
    st.session_state[key] = described.value
    kwargs = dict(described.args)
    if described.labels is not None:
        kwargs["format_func"] = described.labels.__getitem__
    options = () if described.options is None else (list(described.options),)
    shown = getattr(where, described.call)
    return shown(described.label, *options, key=key, on_change=_changed, args=(name, key, data), **kwargs)


def reset() -> None:
    """Every filter back to its default, keeping the language and the display choices (`reset=False`)."""
    state.update(**{e.name: e.default for e in state.current().spec if e.reset})


def sidebar(data: Dataset, filters: Filters) -> None:
    """The language, the filters and the display switches in the sidebar, in the spec's order; an entry
    that belongs to one page is drawn on that page only."""
    tr = i18n.Translator(filters.lang)
    page = state.current_page().url_path

    def draw(place: str) -> None:
        for entry in filters.spec:
            if entry.place == place and entry.on_page(page):
                widget(entry.name, data, filters)
                if entry.name == "since":  # its one-click companion
                    compare.previous_reply(data, filters)

    with st.sidebar:
        draw("head")
        st.header(tr("filters"))
        draw("sidebar")
        st.button(tr("reset"), on_click=reset, width="stretch", icon=":material/restart_alt:")
        st.subheader(tr("display"))
        draw("display")
