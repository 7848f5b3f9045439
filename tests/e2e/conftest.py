"""Browser fixtures: a real Streamlit server on a free loopback port and Debian's chromium via Playwright."""

# How to write a browser test here (tests/e2e/, marked `e2e` by its folder; `make test` runs them, `make
# test-fast` does not). Test in the browser only what only a browser can judge (drawing, layout, tooltips,
# clicks, downloads, the address bar); what the script sends is cheaper to test with AppTest
# (tests/apptest.py).
#
# Fixtures, one server and one browser per xdist worker, shared by every test the worker runs. A page load
# is the dearest thing a test does (Streamlit's frontend and deck.gl built in software WebGL: several seconds
# on an idle 2-core machine, a minute on a loaded one), so tests move between views where they can, and
# pages open in one browser context per worker, whose HTTP and code caches stay warm (a load in a new
# context costs about half as much again).
#   app_page  the worker's tab on the app, reused from test to test. Open a view with
#             `show(app_page, app_url + "/?batch=6")` (tests/e2e/helpers.py): the first time it loads the
#             page, afterwards it moves there as back/forward does, in the same tab (no new page; deck.gl and
#             the session kept), then waits until the view is drawn. About a second instead of several for a
#             load: the default for a test that looks at a view. Leave only what the address holds behind
#             (reset a choice it does not hold, e.g. the slide size; close a zone's details); the viewport is
#             reset before each test; after a failed test the tab is replaced. `app_page.decks` holds the
#             deck.gl specs it was sent. Clicks on the map and the roll-out work here too: the browser's
#             kept map selection is dropped whenever the view changes or a zone is clicked
#             (geo.mapview.with_pick_ids); stop a roll-out you play.
#   text_page the worker's second reused tab, as app_page, for the pages without the map (charts, table,
#             sources, research): deck.gl builds the map afresh whenever a tab comes back to the map page
#             (5-10 s of software WebGL, mostly in Chromium's GPU process), so app_page stays on it.
#   page      a new tab (a new session) in the worker's context: for what happens on a page load (a shared
#             link, the first draw, a fresh load to compare with). Give it a recorder
#             (`page.decks = DeckRecorder(page)`, before its first `show`) and `show` moves it after its
#             first load, as on app_page. 1280x900, downloads accepted, dialogs dismissed and kept in
#             `page.dialogs`.
#   browser   the worker's chromium, for a context of your own (a first visit with nothing cached,
#             another device, permissions, several tabs at once): close what you open (`new_tab(context)`
#             gives a tab with the defaults above).
#   app_url   the server's address.
#
# Waiting: never sleep; wait for a condition (helpers.py: wait_for_map, wait_for_page, settle,
# wait_for_metric, or page.wait_for_function). Every wait may take long on a busy 2-core machine: the
# default timeout is 90 s.

from __future__ import annotations

import pytest

from bench.harness import launch_chromium, start_app, stop_app
from tests.e2e.helpers import VIEWPORT, DeckRecorder, new_context, new_tab


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_app()
    yield url
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


class _Tabs:
    """The worker's browser context (its caches warm after the first load) and its reused tabs on the app,
    by name (each made when first needed, replaced after a failed test)."""

    def __init__(self, browser) -> None:
        self.browser, self.context, self.tabs = browser, None, {}

    def new(self):
        if self.context is None:
            self.context = new_context(self.browser)
        return new_tab(self.context)

    def get(self, name: str):
        tab = self.tabs.get(name)
        if tab is None or tab.is_closed():
            tab = self.tabs[name] = self.new()
            tab.decks = DeckRecorder(tab)  # before its websocket opens
        return tab

    def drop(self, name: str) -> None:
        tab = self.tabs.pop(name, None)
        if tab is not None:
            tab.close()

    def close(self) -> None:
        for name in list(self.tabs):
            self.drop(name)
        if self.context is not None:
            self.context.close()


@pytest.fixture(scope="session")
def _tabs(browser):
    tabs = _Tabs(browser)
    yield tabs
    tabs.close()


@pytest.fixture
def page(_tabs):
    tab = _tabs.new()
    yield tab
    tab.close()


def _reused(tabs: _Tabs, name: str, request):
    tab = tabs.get(name)
    tab.set_viewport_size(VIEWPORT)
    tab.dialogs.clear()
    yield tab
    if request.node.stash.get(FAILED, False):
        tabs.drop(name)


@pytest.fixture
def app_page(_tabs, request):
    yield from _reused(_tabs, "map", request)


@pytest.fixture
def text_page(_tabs, request):
    yield from _reused(_tabs, "text", request)
