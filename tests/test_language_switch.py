"""Switching the language (AppTest): every filter kept, on the page and in the address."""

# The browser checks that the address bar shows what the app writes (tests/e2e/test_links.py).

from __future__ import annotations

from tests.apptest import metric, run, widget
from tests.test_link_states import numbers


def test_switching_language_keeps_every_filter_and_the_address_says_so():
    at = run(level="prefecture_city")
    before = numbers(at)
    widget(at, "radio", "lang").set_value("zh").run()
    assert list(at.query_params.items()) == [("lang", "zh"), ("level", "prefecture_city")]
    assert metric(at, "有效综试区") == metric(run(level="prefecture_city"), "Active zones")
    widget(at, "radio", "lang").set_value("en").run()
    assert list(at.query_params.items()) == [("level", "prefecture_city")]
    assert widget(at, "multiselect", "level").value == ["prefecture_city"]
    assert numbers(at) == before
