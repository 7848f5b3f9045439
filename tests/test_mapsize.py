"""The map is drawn once per page load, for the size the browser reports (AppTest; views/mapsize.py)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from tests.apptest import APP, TIMEOUT, app, elements, widget
from tests.facts import expected


def first_run(**params) -> AppTest:
    """A browser's first run: nothing reported yet."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = [value]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def map_box(at: AppTest) -> Block | None:
    """The block keyed "map" (an empty box where the map goes), if the run drew one."""
    stack: list = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if isinstance(node, Block) and proto is not None and str(getattr(proto, "id", "")).endswith("-map"):
            return node
        stack.extend(getattr(node, "children", {}).values())
    return None


def decks(at: AppTest) -> list[dict]:
    return [json.loads(d.proto.json) for d in at.get("deck_gl_json_chart")]


def reported(at: AppTest, size) -> AppTest:
    """The rerun the browser's report of the map's size starts."""
    at.session_state["map_size"] = {"size": size}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_first_run_draws_the_page_with_an_empty_box_where_the_map_goes():
    at = first_run()
    assert decks(at) == []
    box = map_box(at)
    assert box is not None and box.proto.height_config.pixel_height == 540
    assert [m.value for m in at.metric][0] == str(expected().active)  # the rest of the page is there
    assert at.get("download_button")  # the downloads too (the HTML map is built when clicked)


def test_the_reported_size_draws_one_map_fitted_to_it():
    at = first_run(batch="6")
    before = len(elements(at))
    wide = decks(reported(at, [1200, 500]))
    assert len(wide) == 1 and map_box(at) is None
    assert len(elements(at)) == before + 1  # the deck in the box's place; nothing else came or went
    narrow = decks(reported(first_run(batch="6"), [300, 500]))
    # The same zones in a narrower map: zoomed out to keep them all in view.
    assert narrow[0]["initialViewState"]["zoom"] < wide[0]["initialViewState"]["zoom"]
    # The same layers (their detail and marker sizes follow the zoom, so not the same data).
    assert [layer["id"] for layer in narrow[0]["layers"]] == [layer["id"] for layer in wide[0]["layers"]]


def test_presenter_mode_draws_the_box_too():
    at = first_run(present="1")
    assert decks(at) == [] and map_box(at) is not None  # (its height is the screen's: a browser test)


def test_a_size_that_is_not_plausible_still_draws_the_map():
    for size in ([0, 0], ["wide", 3], [10**6, 500], [1]):
        at = reported(first_run(), size)
        assert len(decks(at)) == 1, size


def test_every_later_run_draws_the_map_straight_away():
    at = app()
    at.run()
    assert len(decks(at)) == 1 and map_box(at) is None
    widget(at, "pills", "batch").set_value([6]).run()
    assert len(decks(at)) == 1
