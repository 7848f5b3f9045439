"""The view's state in the session (one Filters value) and the canonical URL that mirrors it both ways."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from geo import filters as spec
from geo.changes import unusable_reason
from geo.dataset import Dataset
from geo.filters import Filters
from geo.textsafe import safe_url
from geo.urlquery import Notice, app_root, notice, parse_query, to_query, view_url
from views import pages
from views.streamlit_private import new_widget_generation, write_query
from views.streamlit_private import widget_key as widget_key  # views/timeline.py keys its slider here

FILTERS = "filters"  # the current Filters
NOTICES = "notices"  # notices about the URL values last read
URL_SEEN = "_url_seen"  # the URL parameters last read or written (normalised)
PLAYING = "playing"  # the roll-out is playing
PAGE = "_page"  # the url_path of the page this run shows (app.py sets it)
# The app's public address (e.g. https://pilot-zones.example.org) for links and citations; unset: the
# address the browser used.
PUBLIC_URL_ENV = "PILOT_ZONES_PUBLIC_URL"
PUBLIC_URL_SECRET = "public_url"


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
            new_widget_generation()
        filters, notices = parse_query(raw, data.vocab, data.last_day(today))
        st.session_state[FILTERS] = filters
        st.session_state[NOTICES] = tuple(notices)
        st.session_state[URL_SEEN] = _normal(raw)
        st.session_state[PLAYING] = False
    _drop_unusable_since(data)
    return st.session_state[FILTERS], st.session_state.get(NOTICES, ())


LAST_SEARCH = "_last_search"  # the search of the previous run: a new one with a single match opens it


def open_single_match(data: Dataset, filters: Filters) -> Filters:
    """A new search with exactly one match opens that zone's details (once: a cleared selection stays so)."""
    last = st.session_state.get(LAST_SEARCH)
    st.session_state[LAST_SEARCH] = filters.q
    if not filters.q or filters.q == last or filters.zone:
        return filters
    view = data.view(filters)
    if len(view) != 1:
        return filters
    opened = filters.replace(zone=str(view["zone_id"].iloc[0]))
    st.session_state[FILTERS] = opened
    return opened


def _drop_unusable_since(data: Dataset) -> None:
    """A comparison date later than the as-of date, or before the first reply, is left out with a notice
    (from a link, or after the as-of date moved before it)."""
    filters = st.session_state[FILTERS]
    why = unusable_reason(filters.since, filters.asof, data.first.day)
    if why is None:
        return
    st.session_state[FILTERS] = filters.replace(since=None)
    found = notice("since", filters.since.isoformat(), why, first=data.first.day.isoformat())
    st.session_state[NOTICES] = (*st.session_state.get(NOTICES, ()), found)
    new_widget_generation()  # the date field shows the value left


def current() -> Filters:
    return st.session_state.get(FILTERS) or spec.SPEC.filters()


def current_page() -> pages.Page:
    """The page this run shows (the default page until app.py has said which)."""
    path = st.session_state.get(PAGE)
    return next((p for p in pages.PAGES if p.url_path == path), pages.MAP)


def update(by_widget: bool = False, playback: bool = False, **changes: Any) -> None:
    """Change the view. A change by the user stops the roll-out playing and clears the notices about the
    URL the view was opened with. A change by anything but the widget of that value, and the end of the
    roll-out (which moved the view under the widgets), redraw the widgets with fresh keys; the roll-out's own
    steps do not (while it plays, the page shows no widget that holds the date)."""
    was_playing = bool(st.session_state.get(PLAYING))
    st.session_state[FILTERS] = current().replace(**changes)
    st.session_state[NOTICES] = ()
    if (not by_widget and not playback) or (was_playing and not playback):
        new_widget_generation()
    if not playback:
        st.session_state[PLAYING] = False


def publish(filters: Filters) -> None:
    """Show the canonical form of the view in the address bar (codes, defaults left out, stable order)."""
    pairs = to_query(filters, current_page().url_path)
    shown = [(k, v) for k, values in url_params().items() for v in values]
    if shown != pairs:  # in order: the address bar shows the canonical parameter order
        write_query(pairs)
    st.session_state[URL_SEEN] = _normal({k: [v] for k, v in pairs})


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


def share_url(filters: Filters) -> str:
    """The canonical address of the view on this page: on the configured public address of the app if
    there is one, else on the address the browser used."""
    page = str(st.context.url or "")
    root = configured_root()
    if root:
        page = root + (urlsplit(page).path if page else "/")
    return view_url(page, filters, current_page().url_path)


def citation_url(filters: Filters) -> str:
    """The canonical address of the view on the app's root (the map page), for citations."""
    root = configured_root() or app_root(str(st.context.url or ""), current_page().url_path)
    return view_url(root.rstrip("/") + "/", filters, pages.MAP.url_path) if root else ""


def link_params(filters: Filters, page: pages.Page) -> dict[str, str]:
    """The canonical parameters of the view on `page` (for page links that carry the view)."""
    return dict(to_query(filters, page.url_path))
