"""The roll-out timeline: a slider over the replies, and Play, which steps through them in time."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.asof import step_index
from geo.dataset import Dataset
from views import presenter, state, stepclock
from views.context import Context
from views.streamlit_private import is_current

STEP_SECONDS = 2.5  # how long each reply stays on screen while playing, once the browser has drawn it
ROLL = "_roll_out"  # which roll-out this is (each Play counts one up): the clock tells steps of two apart


def _index(data: Dataset, day) -> int:
    return step_index([(s.batch, s.day, s.document_no) for s in data.steps], day)


def _jump(ctx: Context, key: str) -> None:
    if not is_current("timeline", key):  # a stale slider's leftover value, not a choice
        return
    index = st.session_state[key]
    steps = ctx.data.steps
    state.update(by_widget=True, asof=None if index >= len(steps) else steps[index].day)


def _toggle(ctx: Context) -> None:
    if st.session_state.get(state.PLAYING):
        state.update(by_widget=True)  # stops where it is; the widgets are drawn afresh
        return
    state.update(playback=True, asof=ctx.data.steps[0].day, since=None)  # no window before the first reply
    st.session_state[state.PLAYING] = True
    st.session_state[ROLL] = st.session_state.get(ROLL, 0) + 1


def _step_name(asof) -> str:
    return f"{st.session_state.get(ROLL, 0)}:{asof.isoformat() if asof else 'today'}"


def _next_day(data: Dataset, asof):
    """The day of the reply after `asof` on the timeline, or None after the last one (today)."""
    if asof is None or _index(data, asof) >= len(data.steps) - 1:
        return None
    return data.steps[_index(data, asof) + 1].day


def _advance(data: Dataset) -> None:
    """The next reply (after the last one: today, and stop), once the browser's clock says the step on
    screen has been there STEP_SECONDS (a report about an older step is ignored)."""
    asof = state.current().asof
    if not st.session_state.get(state.PLAYING) or stepclock.shown() != _step_name(asof):
        return
    day = _next_day(data, asof)
    if day is None:
        state.update(asof=None)
    else:
        state.update(playback=True, asof=day)


def upcoming(ctx: Context):
    """While the roll-out plays: the Filters of its next step (to be prepared while this one shows)."""
    if not st.session_state.get(state.PLAYING) or ctx.filters.asof is None:
        return None
    day = _next_day(ctx.data, ctx.filters.asof)
    return ctx.filters.replace(asof=day) if day else None


def run(draw: Callable[[Context], None], ctx: Context) -> None:
    """Draw the page; while the roll-out plays, with the browser's clock (views/stepclock.py), which reruns
    the app when the step has been on screen STEP_SECONDS and so moves it on. Every step is an ordinary
    run: the slider (as a bar), the map and the figures show it, and the app writes the address last."""
    draw(ctx)
    if st.session_state.get(state.PLAYING):
        stepclock.clock(_step_name(ctx.filters.asof), STEP_SECONDS, lambda: _advance(ctx.data))


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
