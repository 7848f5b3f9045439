"""The roll-out timeline: a slider over the replies, and Play, which steps through them in time."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.asof import step_index
from geo.dataset import Dataset
from views import presenter, state, stepclock
from views.context import Context

STEP_SECONDS = 2.5  # how long each reply stays on screen while playing, once the browser has drawn it
ROLL = "_roll_out"  # which roll-out this is (each Play counts one up): the clock tells steps of two apart


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
    state.update(playback=True, asof=ctx.data.steps[0].day)
    st.session_state[state.PLAYING] = True
    st.session_state[ROLL] = st.session_state.get(ROLL, 0) + 1


def _step_name(asof) -> str:
    return f"{st.session_state.get(ROLL, 0)}:{asof.isoformat() if asof else 'today'}"


def _advance(data: Dataset) -> None:
    """The next reply (after the last one: today, and stop), once the browser's clock says the step on
    screen has been there STEP_SECONDS (a report about an older step is ignored)."""
    asof = state.current().asof
    if not st.session_state.get(state.PLAYING) or stepclock.shown() != _step_name(asof):
        return
    if asof is None or _index(data, asof) >= len(data.steps) - 1:
        state.update(asof=None)
    else:
        state.update(playback=True, asof=data.steps[_index(data, asof) + 1].day)


def _playing(draw: Callable[[Context], None], data: Dataset) -> None:
    """One step of the roll-out, drawn as a fragment: the slider (as a bar), the map and the figures show
    the step, then the address says it (written after the page, so that it never runs ahead of it). The
    browser's clock (views/stepclock.py) reruns the fragment when the step has been on screen long enough.
    When the roll-out stops (Stop, the end, or any other change) the whole app reruns once."""
    if not st.session_state.get(state.PLAYING):
        st.rerun(scope="app")
    ctx = Context(data, state.current(), ())
    draw(ctx)
    stepclock.clock(_step_name(ctx.filters.asof), STEP_SECONDS, lambda: _advance(data))
    state.publish(ctx.filters)


def run(draw: Callable[[Context], None], ctx: Context) -> None:
    """Draw the page; while the roll-out plays, as a fragment that the browser's clock moves on."""
    if st.session_state.get(state.PLAYING):
        st.fragment(_playing)(draw, ctx.data)
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
    if wide:  # presenter mode: the compact filter bar (province, batch, as of) left of the slider
        bar_col, slider_col = slider_col.columns([3, 2], vertical_alignment="bottom", gap="small")
        presenter.filter_bar(ctx, bar_col, playing)
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
