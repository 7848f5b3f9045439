"""Shared AppTest helpers: run the app (optionally a page) with URL parameters, read a headline figure."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

TIMEOUT = 60
APP = Path(__file__).resolve().parent.parent / "app.py"


def run(page: str | None = None, **params) -> AppTest:
    """Run app.py with the given query parameters, then switch to `page` if given; no exception allowed."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    at.run()  # the entry point first (it loads the data and the filters), then the page
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return str(m.value)
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")
