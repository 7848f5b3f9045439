"""The map page in presenter mode (AppTest): the button and key that leave it, the slide sizes offered."""

from __future__ import annotations

from tests.apptest import captions, run


def test_one_button_leaves_presenter_mode_and_esc_presses_it():
    at = run(present="1", lang="zh")
    button = at.button(key="presenter_button")
    assert button.label == "退出演示模式" and button.proto.shortcut.lower() in ("esc", "escape")
    button.click().run()
    assert "present" not in at.query_params
    assert at.button(key="presenter_button").proto.shortcut == ""  # Esc does nothing outside it


def test_presenter_mode_shows_the_figures_but_not_the_empty_detail_panel():
    from geo import i18n

    hint = i18n.t("detail_none", "en")
    assert hint in captions(run())  # normal mode: the panel says how to pick a zone
    at = run(present="1")
    assert len(at.metric) == 4
    assert hint not in captions(at)  # presenter mode: no room spent on an empty panel


def test_slides_are_offered_in_16_10_and_16_9():
    at = run(batch="6")
    sizes = [o.content for o in at.button_group(key="slide_size").proto.options]
    assert any("1600×1000" in s for s in sizes) and any("1920×1080" in s and "16:9" in s for s in sizes)
    slides = [b for b in at.get("download_button") if b.key in ("slide_png", "slide_svg")]
    assert len(slides) == 2
