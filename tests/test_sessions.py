"""Ten sessions at once on one server, each keeping its own view (clients that speak Streamlit's protocol)."""

# What a browser would add here is drawing what its session is sent; that is judged in tests/e2e/. These
# clients send what the browser's frontend sends (deploy/streamclient.py): the first run with the link's
# query, the map's size reported, then a click on a toggle as its widget state.

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.harness import start_app, stop_app
from deploy.streamclient import Run, first_view, run_script, socket
from tests.facts import expected

VIEWS = [(f"batch={b}", {"batch": {b}}) for b in range(1, 9)] + [
    ("province=44", {"province": {"44"}}),
    ("", {}),
]


@pytest.fixture(scope="module")
def app_url():
    proc, url = start_app()
    yield url
    stop_app(proc)


def toggle(run: Run, label: str) -> str:
    """The widget id of the toggle labelled `label`."""
    return next(c.id for c in run.of("checkbox") if c.label == label)


async def one_session(url: str, query: str) -> tuple[Run, Run]:
    """The session's first view, then the view after hiding revoked zones."""
    async with socket(url, query) as (ws, _upstream):
        first, size_widget = await first_view(ws, query)
        hide = WidgetState(id=toggle(first, "Show revoked zones"), bool_value=False)
        return first, await run_script(ws, first.query_string or query, size_widget, (hide,))


async def all_at_once(url: str) -> list[tuple[Run, Run]]:
    return await asyncio.gather(*(one_session(url, query) for query, _filters in VIEWS))


def test_ten_sessions_at_once_each_see_their_own_view(app_url):
    sessions = asyncio.run(all_at_once(app_url))
    # Some of these views have revoked zones, counted beside the active ones at first.
    assert any(m.delta for first, _ in sessions for m in first.of("metric") if m.label == "Active zones")
    for (query, filters), (first, changed) in zip(VIEWS, sessions, strict=True):
        active = str(expected(**filters).active)
        assert first.has_map and first.shown == active, query
        # Each session reran with its own change and kept its own filters: the same zones are active, the
        # address says revoked zones are hidden, and no "revoked" figure is shown beside the count.
        assert changed.has_map and changed.shown == active, query
        assert dict(parse_qsl(changed.query_string)) == {**dict(parse_qsl(query)), "revoked": "0"}, query
        deltas = [m.delta for m in changed.of("metric") if m.label == "Active zones"]
        assert deltas == [""], (query, deltas)


async def moved_page(url: str, query: str) -> tuple[Run, Run]:
    """A page's first view in one session, then the first run of a new session to which the page brings its
    widgets' states, as a page does when it reconnects to another replica or a restarted server."""
    async with socket(url, query) as (ws, _upstream):
        first, size_widget = await first_view(ws, query)
    async with socket(url, query) as (ws, _upstream):
        return first, await run_script(ws, query, size_widget)


def test_a_page_that_moves_to_a_new_session_keeps_its_map_on_the_first_run(app_url):
    first, moved = asyncio.run(moved_page(app_url, "batch=3"))
    assert first.has_map and first.size_widget
    # The map is drawn at once for the size the page reported (not a placeholder that asks again).
    assert moved.has_map, [e.WhichOneof("type") for e in moved.elements]
    assert moved.shown == str(expected(batch={3}).active)
