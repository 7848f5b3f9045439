"""The map's size as the browser draws it, reported back by a tiny offline component so the view fits it."""

# The deck is fitted to the map's size in CSS pixels, which only the browser knows. On a page's first
# run the size is unknown: the page draws an empty box where the map goes (`placeholder`), the component
# measures it at once and reports it, and the rerun that report starts draws the map for that size. So
# deck.gl builds the map once per page load, for the right size (not once for a guessed size and again
# when the real one arrives). A later change of size (a resized window) reruns the page the same way.

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.mapview import DEFAULT_SIZE
from views.streamlit_private import browser_value

KEY = "map_size"
COMPONENT = "pilot_zones_map_size"
# The box the map takes on the page: the placeholder on a first run, the map's element afterwards
# (both carry the class of the key "map").
MAP_SELECTOR = ".st-key-map"
# Measures the map's box (CSS pixels) on mount and whenever it resizes, and reports [width, height] once
# it differs from the size the script last used (`data.used`, null before the first report: the first
# measurement is reported at once). Marks the page with the size the script drew the map for, so that a
# browser test can wait for the fitted map. No network, no iframe: it runs in the app's page.
JS = """
export default function ({ data, setStateValue }) {
  const used = data && data.used ? data.used.join("x") : "";
  document.documentElement.dataset.mapFitted = used;
  let timer = 0, watched = null, sent = used;
  const report = () => {
    const el = document.querySelector(data.selector);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const size = [Math.round(r.width), Math.round(r.height)];
    if (size.join("x") === sent || (sent && (size[0] < 100 || size[1] < 100))) return true;
    sent = size.join("x");
    setStateValue("size", size);
    return true;
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
  // Size unknown: measure now (the placeholder is on the page before this component, which the script
  // draws after it), or as soon as the box appears.
  let appear = null;
  if (!used && !report()) {
    appear = new MutationObserver(() => { if (report()) appear.disconnect(); });
    appear.observe(document.body, { childList: true, subtree: true });
  }
  const poll = setInterval(watch, 400);
  watch();
  return () => {
    clearInterval(poll); clearTimeout(timer); observer.disconnect(); if (appear) appear.disconnect();
  };
}
"""
_component = st.components.v2.component(COMPONENT, js=JS, isolate_styles=False)


def map_size() -> tuple[int, int] | None:
    """The map's width and height in CSS pixels as last reported by the browser; None before the first
    report; the default size for a report that is not a plausible size (a map drawn anyway). A page that
    reconnected to a new session (another replica) still holds its report: that is used at once, so its
    map is not taken away for a placeholder and drawn again."""
    value = st.session_state.get(KEY)
    if value is None:
        value = browser_value(KEY)
    size = value.get("size") if isinstance(value, Mapping) else None
    if size is None:
        return None
    if not (isinstance(size, list | tuple) and len(size) == 2):
        return DEFAULT_SIZE
    try:
        width, height = (int(v) for v in size)
    except (TypeError, ValueError):
        return DEFAULT_SIZE
    return (width, height) if 100 <= width <= 8000 and 100 <= height <= 8000 else DEFAULT_SIZE


def placeholder(height: int) -> None:
    """The empty box the map will fill, drawn while its size is unknown: the map's key, so the page's layout
    rules for the map apply to it too (a container is drawn empty only with a height in pixels)."""
    st.container(key="map", height=height, border=False)


def reporter(used: tuple[int, int] | None) -> None:
    """Mount the component after the map (or its placeholder); the size the script drew the map for is
    `used`, None for none yet (a new size reruns the script)."""
    _component(
        key=KEY,
        data={"used": list(used) if used else None, "selector": MAP_SELECTOR},
        default={"size": None},
        on_size_change=lambda: None,
        width="stretch",
        height=0,
    )
