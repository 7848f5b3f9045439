"""The roll-out's Play and Stop (AppTest): where it starts, and that any other change stops it where it is."""

# Its timing (each step on screen 2.5 s once drawn, under load) and the bar, figures and address agreeing on
# each step are judged in the browser (tests/e2e/test_legible_browser.py), where the step clock runs.

from __future__ import annotations

from tests.apptest import metric, run, widget
from tests.facts import effective_days


def first_day() -> str:
    return min(effective_days().values()).isoformat()


def test_play_starts_at_the_first_reply_and_shows_the_step_as_a_bar_with_stop():
    at = run(batch="6", since="2022-01-01")
    at.button(key="play_button").click().run()
    assert at.button(key="play_button").label == "Stop"
    assert at.query_params["asof"] == first_day() and at.query_params["batch"] == "6"
    assert "since" not in at.query_params  # no window before the first reply
    assert metric(at, "As of") == first_day()
    bar = [p for p in at.get("progress") if first_day() in p.proto.text]
    assert bar, "the bar names the step"
    assert not [s for s in at.select_slider if s.label == "Roll-out"], "no slider holds the date meanwhile"


def test_stop_and_any_other_change_stop_the_roll_out_where_it_is():
    at = run()
    at.button(key="play_button").click().run()
    widget(at, "radio", "lang").set_value("zh").run()
    assert at.button(key="play_button").label == "播放设立进程"
    assert at.query_params["asof"] == first_day() and at.query_params["lang"] == "zh"
    at.button(key="play_button").click().run()
    assert at.button(key="play_button").label == "停止"
    at.button(key="play_button").click().run()
    assert at.button(key="play_button").label == "播放设立进程"
    assert at.query_params["asof"] == first_day()
