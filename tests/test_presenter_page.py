"""The map page in presenter mode (AppTest): the button and key that leave it, its filter bar, downloads."""

from __future__ import annotations

from geo import i18n
from tests.apptest import captions, run


def test_one_button_leaves_presenter_mode_and_esc_presses_it():
    at = run(present="1", lang="zh")
    button = at.button(key="presenter_button")
    assert button.label == "退出演示模式" and button.proto.shortcut.lower() in ("esc", "escape")
    button.click().run()
    assert "present" not in at.query_params
    assert at.button(key="presenter_button").proto.shortcut == ""  # Esc does nothing outside it


def test_presenter_mode_shows_the_figures_a_filter_bar_and_every_download():
    hint = i18n.t("map_hint", "en")
    assert hint in captions(run())  # normal mode: how to open a zone's details
    at = run(present="1")
    assert len(at.metric) == 4
    assert hint not in captions(at)  # presenter mode: no room spent on it
    assert {b.key for b in at.get("download_button")} == {"slide_png", "slide_svg", "map_html"}
    # The compact filter bar: province, batch and as of, drawn from the filter spec.
    assert [m.label for m in at.multiselect] == ["Province", "Batch"]
    assert [d.label for d in at.date_input] == ["As of date"]
    at.multiselect[1].select(6).run()
    assert at.query_params["batch"] == "6" and at.query_params["present"] == "1"


def test_the_slide_size_is_labelled_in_the_url_and_1920x1080_by_default():
    at = run(batch="6")
    size = at.button_group(key="w_slide")
    assert size.label == "Slide size" and size.proto.label_visibility.value == 0  # visible
    options = [o.content for o in size.proto.options]
    assert options == ["1920×1080 (16:9)", "1600×1000 (16:10)"]
    assert size.value == "1920x1080" and "slide" not in at.query_params  # the default stays out of the URL
    size.set_value("1600x1000").run()
    assert at.query_params["slide"] == "1600x1000"
    slides = [b for b in at.get("download_button") if b.key in ("slide_png", "slide_svg")]
    assert len(slides) == 2
    assert run(batch="6", slide="1600x1000").button_group(key="w_slide").value == "1600x1000"


def test_the_map_style_is_a_choice_on_the_map_page_and_in_the_url():
    at = run()
    style = at.button_group(key="w_style")
    assert style.value == "areas" and "style" not in at.query_params
    style.set_value("markers").run()
    assert at.query_params["style"] == "markers"
    assert not at.exception
