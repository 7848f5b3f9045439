"""The map's size as the browser draws it, reported back by a tiny offline component so the view fits it."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.mapview import DEFAULT_SIZE

KEY = "map_size"
MAP_SELECTOR = '.st-key-map [data-testid="stDeckGlJsonChart"]'
# Measures the map element (CSS pixels) whenever it resizes and reports [width, height] once it differs
# from the size the script last used (`data`); marks the page with the size the script used, so that a
# browser test can wait for the fitted map. No network, no iframe: it runs in the app's page.
JS = """
export default function ({ data, setStateValue }) {
  const used = data && data.used ? data.used.join("x") : "";
  document.documentElement.dataset.mapFitted = used;
  let timer = 0, watched = null, sent = used;
  const report = () => {
    const el = document.querySelector(data.selector);
    if (!el) return;
    const r = el.getBoundingClientRect();
    const size = [Math.round(r.width), Math.round(r.height)];
    if (size[0] < 100 || size[1] < 100 || size.join("x") === sent) return;
    sent = size.join("x");
    setStateValue("size", size);
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 150); };
  const observer = new ResizeObserver(later);
  const watch = () => {
    const el = document.querySelector(data.selector);
    if (el && el !== watched) {
      if (watched) observer.unobserve(watched);
      observer.observe(el);
      watched = el;
    }
  };
  const poll = setInterval(watch, 400);
  watch();
  later();
  return () => { clearInterval(poll); clearTimeout(timer); observer.disconnect(); };
}
"""
_component = st.components.v2.component("pilot_zones_map_size", js=JS, isolate_styles=False)


def map_size() -> tuple[int, int]:
    """The map's width and height in CSS pixels as last reported by the browser (a default before)."""
    value = st.session_state.get(KEY)
    size = value.get("size") if isinstance(value, Mapping) else None
    if not (isinstance(size, list | tuple) and len(size) == 2):
        return DEFAULT_SIZE
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        return DEFAULT_SIZE
    return (width, height) if 100 <= width <= 8000 and 100 <= height <= 8000 else DEFAULT_SIZE


def reporter(used: tuple[int, int]) -> None:
    """Mount the component; the size the script drew the map for is `used` (a new size reruns the script)."""
    _component(
        key=KEY,
        data={"used": list(used), "selector": MAP_SELECTOR},
        default={"size": None},
        on_size_change=lambda: None,
        width="stretch",
        height=0,
    )
