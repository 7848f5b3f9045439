"""Widgets drawn from the filter spec: each shows its Filters value and writes changes back through state."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from geo import i18n
from geo.dataset import Dataset
from geo.filters import CHOICE, CODES, DATE, FIRST_DAY, FLAG, MAX_TEXT, SPEC, SPECS, TEXT, Filters
from views import state


def _to_widget(name: str, value: Any) -> Any:
    return list(value) if SPEC[name].kind == CODES else value


def _from_widget(name: str, raw: Any, data: Dataset) -> Any:
    spec = SPEC[name]
    if spec.kind == CODES:
        order = data.vocab.options[name]
        return tuple(sorted({v for v in (raw or []) if v in order}, key=order.index))
    if spec.kind == TEXT:
        return " ".join(str(raw or "").split())[:MAX_TEXT]
    if spec.kind == DATE:
        return raw if isinstance(raw, dt.date) else None
    if spec.kind == FLAG:
        return bool(raw)
    if spec.kind == CHOICE:
        return raw if raw in data.vocab.options[name] else spec.default
    return raw


def _changed(name: str, key: str, data: Dataset) -> None:
    state.update(by_widget=True, **{name: _from_widget(name, st.session_state.get(key), data)})


def widget(name: str, data: Dataset, filters: Filters, where: Any = st, kind: str | None = None) -> Any:
    """The widget of filter `name` (as its spec says, or of `kind`: the presenter's compact bar draws
    batches as a dropdown), showing `filters`' value, in `where`."""
    spec, lang = SPEC[name], filters.lang
    tr = i18n.Translator(lang)
    key = state.widget_key(name)
    st.session_state[key] = _to_widget(name, getattr(filters, name))
    common = dict(key=key, on_change=_changed, args=(name, key, data))
    label = tr(f"f_{name}") if name != "lang" else i18n.t("language", lang)
    if spec.kind in (CODES, CHOICE):
        options = list(data.vocab.options[name])
        labels = data.vocab.labels[name][i18n.norm_lang(lang)]
        common["format_func"] = labels.__getitem__
    kind = kind or spec.widget
    if kind == "multiselect":
        return where.multiselect(label, options, placeholder=tr("f_all"), **common)
    if kind == "pills":
        return where.pills(label, options, selection_mode="multi", **common)
    if kind == "radio":
        return where.radio(label, options, horizontal=True, **common)
    if kind == "segmented":
        return where.segmented_control(label, options, required=True, **common)
    if kind == "text":
        return where.text_input(label, max_chars=MAX_TEXT, **common)
    if kind == "date":
        return where.date_input(
            label, min_value=FIRST_DAY, max_value=data.last_day(), help=tr("f_asof_help"), **common
        )
    if kind == "toggle":
        return where.toggle(label, **common)
    raise ValueError(f"filter {name} has no widget")


def reset(keep: tuple[str, ...] = ("lang", "basemap", "measure", "present")) -> None:
    """Every filter back to its default, keeping the language and the display choices."""
    state.update(**{s.name: s.default for s in SPECS if s.name not in keep})


def sidebar(data: Dataset, filters: Filters) -> None:
    """The shared filters and display switches in the sidebar."""
    tr = i18n.Translator(filters.lang)
    with st.sidebar:
        widget("lang", data, filters)
        st.header(tr("filters"))
        for spec in SPECS:
            if spec.place == "sidebar" and spec.name != "lang":
                widget(spec.name, data, filters)
        st.button(tr("reset"), on_click=reset, width="stretch", icon=":material/restart_alt:")
        st.subheader(tr("display"))
        for spec in SPECS:
            if spec.place == "display":
                widget(spec.name, data, filters)
