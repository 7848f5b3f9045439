"""Streamlit's private internals and widget workarounds, fenced: each fallback taken is recorded."""

# Each private path has a public fallback that keeps the app working but is recorded in FALLBACKS (and
# logged): tests/test_streamlit_private.py fails when any was taken, so a Streamlit upgrade that moves these
# internals fails the tests loudly instead of silently changing the app's URLs or speed.

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import streamlit as st

FALLBACKS: list[str] = []  # what fell back to a public API, in this process (tests read it)
GENERATION = "_widgets"  # bumped whenever the view changes other than through its own widget
_log = logging.getLogger(__name__)


def _fell_back(what: str, err: Exception) -> None:
    FALLBACKS.append(f"{what}: {type(err).__name__}: {err}")
    _log.warning("Streamlit internals changed (%s): %s; using the public fallback", what, err)


def write_query(pairs: list[tuple[str, str]]) -> None:
    """Set the URL parameters to `pairs` in this order, with commas left readable (batch=6,7).

    Streamlit's st.query_params percent-encodes commas (batch=6%2C7) and keeps its own order; this sends
    the same page-info message (ForwardMsg.page_info_changed) with our encoding, keeping Streamlit's own
    record of the parameters (QueryParams._query_params) in step. Falls back to st.query_params."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
        from streamlit.runtime.state.session_state_proxy import get_session_state

        ctx = get_script_run_ctx()
        if ctx is None:
            raise RuntimeError("no script run context")
        with get_session_state().query_params() as qp:
            qp.clear_with_no_forward_msg(preserve_embed=True)
            kept = [(k, v) for k, values in qp._query_params.items() for v in _as_list(values)]
            for key, value in pairs:
                qp.set_with_no_forward_msg(key, value)
        msg = ForwardMsg()
        msg.page_info_changed.query_string = urlencode(pairs + kept, safe=",")
        ctx.query_string = msg.page_info_changed.query_string
        ctx.enqueue(msg)
    except (ImportError, AttributeError, RuntimeError, TypeError) as err:
        _fell_back("write_query", err)
        st.query_params.from_dict(dict(pairs))


def _as_list(values: str | list[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


def widget_key(name: str) -> str:
    """The key of the widget showing `name`. It changes whenever the app itself changed the view (URL,
    timeline, playback, reset): the browser then draws fresh widgets with the new values, instead of sending
    back the old ones it still holds, which Streamlit would report as changes by the user."""
    generation = st.session_state.get(GENERATION, 0)
    return f"w_{name}" if generation == 0 else f"w_{name}~{generation}"


def is_current(name: str, key: str) -> bool:
    """Whether `key` is the key the widget showing `name` has now. A change reported under an older key
    comes from a widget the browser still held when the app changed the view (e.g. a map-size report sent
    while a new address was being drawn): Streamlit has dropped that widget's old value and reports
    whatever it holds as a change by the user, so it must be ignored."""
    return key == widget_key(name)


def new_widget_generation() -> None:
    """Every widget gets a fresh key on this run (see widget_key)."""
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def browser_value(key: str) -> Any:
    """The value the browser sent for the JSON-valued widget (a component) keyed `key`, before this session
    has drawn that widget; None if it sent none.

    A session that is new to this server (the page reconnected to another replica, or to a restarted
    server) gets the page's widget states with its first run, but st.session_state maps a key to its
    widget only once the widget is drawn, so until then the page's value is invisible. The widget's id
    ends with "-<key>" (Streamlit's element ids for keyed widgets). Falls back to None: the widget's
    value then arrives one run later, as on a first page load."""
    try:
        from streamlit.runtime.state.session_state import Serialized
        from streamlit.runtime.state.session_state_proxy import get_session_state

        states = get_session_state()._state._new_widget_state.states
        for widget_id, state in states.items():
            sent = isinstance(state, Serialized) and state.value.WhichOneof("value") == "json_value"
            if sent and widget_id.endswith(f"-{key}"):
                return json.loads(state.value.json_value)
        return None
    except (ImportError, AttributeError, TypeError, ValueError) as err:
        _fell_back("browser_value", err)
        return None


def vega_lite_spec(chart: Any) -> dict | None:
    """The Vega-Lite spec st.altair_chart sends for an Altair chart (its data as named Arrow datasets), so
    that a page can keep it and draw the same chart again with st.vega_lite_chart without building and
    validating it anew (about 0.1 s of CPU per chart). Falls back to None: the page then draws the chart
    with st.altair_chart on every run, as Streamlit does."""
    try:
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

        spec = _convert_altair_to_vega_lite_spec(chart)
        if not isinstance(spec, dict):
            raise TypeError(f"the converter gave a {type(spec).__name__}, not a dict")
        return spec
    except (ImportError, AttributeError, TypeError) as err:
        _fell_back("vega_lite_spec", err)
        return None


def warm_emoji_catalogue() -> None:
    """Compile Streamlit's emoji catalogue now (about 0.7 s of CPU): Streamlit does it the first time a
    page title is not ASCII, i.e. in the first session in Chinese, unless it was done before."""
    try:
        import streamlit.emojis  # noqa: F401
    except ImportError as err:
        _fell_back("warm_emoji_catalogue", err)
