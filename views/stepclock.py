"""The roll-out's clock in the browser: it says when a step has been on screen long enough, under any load."""

# A timer on the server (a fragment's run_every, as before) counts from when the server sent a step, not
# from when the browser showed it: on a busy machine the browser fell behind, showed nothing for many
# seconds and then jumped to the end. This clock starts counting only once the page has finished drawing the
# step (the script is done, nothing is stale, two frames have been painted) and reports the step after
# `seconds`; the server then moves on. It marks the page with the step on screen (data-step-shown).

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

KEY = "step_clock"
JS = """
export default function ({ data, setTriggerValue }) {
  const step = data.step;
  const old = window.__stepClock;
  if (old && old.step === step) return;  // the same step drawn again: its clock keeps running
  if (old) clearTimeout(old.timer);
  const clock = window.__stepClock = { step, timer: 0 };
  const settled = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
      && !document.querySelector('[data-stale="true"]');
  };
  const arm = () => {
    if (window.__stepClock !== clock) return;
    if (!settled()) { clock.timer = setTimeout(arm, 40); return; }
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (window.__stepClock !== clock) return;
      document.documentElement.dataset.stepShown = step;
      clock.timer = setTimeout(() => {
        if (window.__stepClock === clock) setTriggerValue("shown", step);
      }, data.seconds * 1000);
    }));
  };
  arm();
}
"""
_component = st.components.v2.component("pilot_zones_step_clock", js=JS, isolate_styles=False)


def clock(step: str, seconds: float, on_shown: Callable[[], None]) -> None:
    """Mount the clock for `step` (any text naming it); `on_shown` runs, and the app reruns, once the step
    has been on screen for `seconds` (read which step with shown())."""
    _component(key=KEY, data={"step": step, "seconds": seconds}, on_shown_change=on_shown, height=0)


def shown() -> str | None:
    """The step the clock reported in this run, if any."""
    value = st.session_state.get(KEY)
    step = value.get("shown") if isinstance(value, Mapping) else None
    return step if isinstance(step, str) else None
