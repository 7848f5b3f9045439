"""A view is a link (AppTest): a typed link becomes canonical on every page and reopens the same view."""

# The 20 random states of tests/e2e/test_links.py, each on the page it gives that state; the browser repeats
# a few of them (the address bar, and a second tab opening the address).

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from tests.apptest import run
from tests.e2e.test_links import PAGES, STATES
from tests.facts import expected

# The page each URL path shows (the map is the default page).
SCRIPTS = {
    "/": None,
    "/charts": "views/charts.py",
    "/table": "views/table.py",
    "/sources": "views/sources.py",
}


def sidebar(at: AppTest) -> list[tuple]:
    """Every sidebar widget as (kind, label, value), in order."""
    out, stack = [], [at.sidebar]
    while stack:
        node = stack.pop()
        if isinstance(node, Widget):
            out.append((type(node).__name__, getattr(node, "label", ""), node.value))
        stack.extend(reversed(list(getattr(node, "children", {}).values())))
    return out


def numbers(at: AppTest) -> list[str]:
    """The figures on the page: metric values and captions with a digit in them."""
    texts = [str(m.value) for m in at.metric] + [c.value for c in at.caption]
    return [t for t in texts if any(ch.isdigit() for ch in t)]


@pytest.mark.parametrize(("index", "state"), list(enumerate(STATES)), ids=[f"state{i}" for i in range(20)])
def test_a_typed_link_becomes_canonical_and_the_canonical_link_reopens_the_view(index, state):
    typed, canonical = state
    path = PAGES[index % len(PAGES)]
    first = run(SCRIPTS[path], **dict(typed))
    assert list(first.query_params.items()) == canonical
    again = run(SCRIPTS[path], **dict(canonical))
    assert list(again.query_params.items()) == canonical
    assert sidebar(again) == sidebar(first)
    assert numbers(again) == numbers(first)
    params = dict(canonical)
    if path in ("/", "/table", "/charts") and set(params) <= {"lang", "province", "batch", "asof"}:
        wanted = expected(
            dt.date.fromisoformat(params["asof"]) if "asof" in params else None,
            batch={int(b) for b in params["batch"].split(",")} if "batch" in params else None,
            province=set(params["province"].split(",")) if "province" in params else None,
        )
        assert any(str(wanted.active) in text for text in numbers(first)), numbers(first)
