"""The view's state in the session (one Filters value) and the canonical URL that mirrors it both ways."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from geo.dataset import Dataset
from geo.filters import Filters, Notice, parse_query, to_query
from geo.textsafe import safe_url

FILTERS = "filters"  # the current Filters
NOTICES = "notices"  # notices about the URL values last read
URL_SEEN = "_url_seen"  # the URL parameters last read or written (normalised)
PLAYING = "playing"  # the roll-out is playing
# The app's public address (e.g. https://pilot-zones.example.org) for links and citations; unset: the
# address the browser used.
PUBLIC_URL_ENV = "PILOT_ZONES_PUBLIC_URL"
PUBLIC_URL_SECRET = "public_url"
GENERATION = "_widgets"  # bumped whenever the view changes other than through its own widget


def widget_key(name: str) -> str:
    """The key of the widget showing `name`. It changes whenever the app itself changed the view (URL,
    timeline, playback, reset): the browser then draws fresh widgets with the new values, instead of sending
    back the old ones it still holds, which Streamlit would report as changes by the user."""
    generation = st.session_state.get(GENERATION, 0)
    return f"w_{name}" if generation == 0 else f"w_{name}~{generation}"


def _bump() -> None:
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _normal(params: Mapping[str, Sequence[str] | str]) -> tuple:
    return tuple(sorted((k, (v,) if isinstance(v, str) else tuple(v)) for k, v in params.items()))


def url_params() -> dict[str, list[str]]:
    """The page's URL parameters (without Streamlit's own embed parameters)."""
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118


def read(data: Dataset, today: dt.date | None = None) -> tuple[Filters, tuple[Notice, ...]]:
    """The view's Filters: from the URL on a session's first run and whenever the URL changed from outside
    (a pasted link, browser back/forward), else the state the widgets left."""
    raw = url_params()
    if FILTERS not in st.session_state or _normal(raw) != st.session_state.get(URL_SEEN):
        if FILTERS in st.session_state:
            _bump()
        filters, notices = parse_query(raw, data.vocab, data.last_day(today))
        st.session_state[FILTERS] = filters
        st.session_state[NOTICES] = tuple(notices)
        st.session_state[URL_SEEN] = _normal(raw)
        st.session_state[PLAYING] = False
    return st.session_state[FILTERS], st.session_state.get(NOTICES, ())


def current() -> Filters:
    return st.session_state.get(FILTERS, Filters())


def update(by_widget: bool = False, playback: bool = False, **changes: Any) -> None:
    """Change the view. A change by the user stops the roll-out playing and clears the notices about the
    URL the view was opened with. A change by anything but the widget of that value, and the end of the
    roll-out (which moved the view under the widgets), redraw the widgets with fresh keys; the roll-out's own
    steps do not (while it plays, the page shows no widget that holds the date)."""
    was_playing = bool(st.session_state.get(PLAYING))
    st.session_state[FILTERS] = replace(current(), **changes)
    st.session_state[NOTICES] = ()
    if (not by_widget and not playback) or (was_playing and not playback):
        _bump()
    if not playback:
        st.session_state[PLAYING] = False


def publish(filters: Filters) -> None:
    """Show the canonical form of the view in the address bar (codes, defaults left out, stable order)."""
    pairs = to_query(filters)
    shown = [(k, v) for k, values in url_params().items() for v in values]
    if shown != pairs:  # in order: the address bar shows the canonical parameter order
        write_url(pairs)
    st.session_state[URL_SEEN] = _normal({k: [v] for k, v in pairs})


def write_url(pairs: list[tuple[str, str]]) -> None:
    """Set the URL parameters to `pairs` in this order, with commas left readable (batch=6,7).

    Streamlit's st.query_params percent-encodes commas (batch=6%2C7); this sends the same page-info
    message with our encoding, keeping Streamlit's own record of the parameters in step. Falls back to
    st.query_params if Streamlit's internals change."""
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
    except (ImportError, AttributeError, RuntimeError):
        st.query_params.from_dict(dict(pairs))


def _as_list(values: str | list[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


def configured_root() -> str:
    """The app's public address if one is configured (PUBLIC_URL_ENV, else `public_url` in
    .streamlit/secrets.toml) and it is a plain http(s) URL; else ''."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if not configured:
        try:
            configured = str(st.secrets.get(PUBLIC_URL_SECRET, "") or "").strip()
        except FileNotFoundError:  # no secrets.toml, or one that does not parse: nothing configured
            configured = ""
    return configured.rstrip("/") if safe_url(configured) else ""


def view_url(filters: Filters) -> str:
    """The canonical address of the view on this page: on the configured public address of the app if
    there is one, else on the address the browser used."""
    page = str(st.context.url or "")
    root = configured_root()
    if root:
        page = root + (urlsplit(page).path if page else "/")
    query = urlencode(to_query(filters), safe=",")
    return f"{page}?{query}" if query else page


def link_params(filters: Filters) -> dict[str, str]:
    """The canonical parameters as a dict (for page links that carry the view)."""
    return dict(to_query(filters))
