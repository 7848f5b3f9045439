"""The roll-out timeline: a slider over the replies, and Play, which steps through them on a timer."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from geo.asof import step_index
from geo.dataset import Dataset
from views import state
from views.context import Context

STEP_SECONDS = 2.5  # how long each reply stays on screen while playing
SHOWN_AT = "_step_shown_at"


def _index(data: Dataset, day) -> int:
    return step_index([(s.batch, s.day, s.document_no) for s in data.steps], day)


def _jump(ctx: Context, key: str) -> None:
    index = st.session_state[key]
    steps = ctx.data.steps
    state.update(by_widget=True, asof=None if index >= len(steps) else steps[index].day)


def _toggle(ctx: Context) -> None:
    if st.session_state.get(state.PLAYING):
        state.update(by_widget=True)  # stops where it is; the widgets are drawn afresh
        return
    state.update(playback=True, asof=ctx.data.steps[0].day, since=None)  # no window before the first reply
    st.session_state[state.PLAYING] = True
    st.session_state[SHOWN_AT] = time.monotonic()


def _advance(data: Dataset) -> None:
    """The next reply (after the last one: today, and stop)."""
    asof = state.current().asof
    if asof is None or _index(data, asof) >= len(data.steps) - 1:
        state.update(asof=None)
    else:
        state.update(playback=True, asof=data.steps[_index(data, asof) + 1].day)


def _playing(draw: Callable[[Context], None], data: Dataset) -> None:
    """One step of the roll-out: the page redraws itself every STEP_SECONDS (a fragment run, so that no
    full rerun races the timer); the slider, map, figures and URL show the same step. When the roll-out
    stops (Stop, the end, or any other change) the whole app reruns once."""
    due = time.monotonic() - st.session_state.get(SHOWN_AT, 0.0) >= STEP_SECONDS * 0.8
    if st.session_state.get(state.PLAYING) and due:
        _advance(data)
    if not st.session_state.get(state.PLAYING):
        st.rerun(scope="app")
    ctx = Context(data, state.current(), ())
    state.publish(ctx.filters)
    draw(ctx)
    if due:  # a step stays on screen STEP_SECONDS from when it was drawn, however long drawing took
        st.session_state[SHOWN_AT] = time.monotonic()


def run(draw: Callable[[Context], None], ctx: Context) -> None:
    """Draw the page; while the roll-out plays, as a fragment that moves to the next reply on a timer."""
    if st.session_state.get(state.PLAYING):
        st.fragment(_playing, run_every=STEP_SECONDS)(draw, ctx.data)
    else:
        draw(ctx)


def timeline(ctx: Context) -> None:
    """The slider (one step per reply, then today) and the Play/Stop button beside it."""
    tr, steps = ctx.tr, ctx.data.steps
    labels = [tr("timeline_label", batch=s.batch, date=s.day.isoformat(), doc=s.document_no) for s in steps]
    labels.append(tr("timeline_all"))
    index = len(steps) if ctx.filters.asof is None else _index(ctx.data, ctx.filters.asof)
    playing = bool(st.session_state.get(state.PLAYING))
    wide = ctx.filters.present  # presenter mode: the button column lines up with the map's side column
    slider_col, button_col = st.columns(
        [5, 2] if wide else [5, 1], vertical_alignment="bottom", gap="medium" if wide else "small"
    )
    if playing:  # the step shown as a bar: no widget holds the date while the timer moves it
        with slider_col.container(key="timeline_playing"):  # as tall as the slider (views/widgets.py)
            st.progress(index / (len(labels) - 1), text=f"{tr('timeline')}: {labels[index]}")
    else:
        key = state.widget_key("timeline")
        st.session_state[key] = index
        slider_col.select_slider(
            tr("timeline"),
            options=list(range(len(labels))),
            format_func=labels.__getitem__,
            key=key,
            on_change=_jump,
            args=(ctx, key),
        )
    button_col.button(
        tr("stop") if playing else tr("play"),
        on_click=_toggle,
        args=(ctx,),
        key="play_button",
        width="stretch",
        icon=":material/stop:" if playing else ":material/play_arrow:",
    )
