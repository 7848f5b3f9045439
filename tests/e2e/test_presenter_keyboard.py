"""Presenter mode's chrome, the map page at 1280x720 and keyboard use in headless Chromium."""

from __future__ import annotations

from tests.e2e.helpers import metric_value, show
from tests.e2e.test_presenter_layout import check_china_fits
from tests.facts import expected


def test_presenter_mode_hides_the_chrome_and_esc_leaves_it(app_page, app_url):
    # (The exit button's click and its Esc shortcut as the script sends them: AppTest,
    # tests/test_presenter_page.py.)
    page = app_page
    page.set_viewport_size({"width": 1280, "height": 720})
    show(page, app_url + "/?present=1&lang=zh&batch=6")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()
    assert canvas["width"] > 850 and canvas["y"] + canvas["height"] <= 720 + 5  # the map fits the screen
    assert metric_value(page, "有效综试区") == str(expected(batch={6}).active)
    page.locator("body").press("Escape")
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible")
    page.wait_for_function("() => !location.search.includes('present')")
    page.get_by_role("button", name="演示模式").wait_for()


FOCUSED_LABEL = """() => {
    const e = document.activeElement;
    if (!e) return '';
    return (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).trim();
}"""


# The keyboard starts from where the last click or focus was: from a focusable mark put first in the page
# (and removed after), Tab goes through the page from its start, as on a page just opened.
FROM_THE_START = """() => {
    const mark = document.createElement('a');
    mark.id = 'keyboard-start'; mark.tabIndex = 0; mark.textContent = 'start';
    document.body.prepend(mark);
    mark.focus();
}"""


def test_china_fits_the_map_at_1280x720_and_every_filter_is_reachable_with_the_keyboard_in_order(
    app_page, app_url
):
    page = app_page
    page.set_viewport_size({"width": 1280, "height": 720})
    show(page, app_url + "/")
    check_china_fits(page, page.decks, (10_000, 10_000))  # the page scrolls in normal mode
    page.evaluate(FROM_THE_START)
    seen = []
    for _ in range(70):
        page.keyboard.press("Tab")
        label = page.evaluate(FOCUSED_LABEL)
        seen.append(" ".join(label.split())[:40])
    page.evaluate("() => document.getElementById('keyboard-start').remove()")
    text = " | ".join(seen)
    order = [
        "Province",
        "East",
        "1",
        "Administrative level",
        "Coastal",
        "Search names",
        "As of date",
        "Reset filters",
        "Show revoked",
        "Present",
        "Play roll-out",
    ]
    positions = [next((i for i, s in enumerate(seen) if o in s), -1) for o in order]
    assert all(p >= 0 for p in positions), text
    assert positions == sorted(positions), text
