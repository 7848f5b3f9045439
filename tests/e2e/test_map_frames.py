"""The map never shows stale geometry: after a filter change it is drawn exactly as a fresh load draws it."""

from __future__ import annotations

from tests.e2e.helpers import map_pixels, pixels_differing, wait_map_drawn, watch_frames

SIDEBAR = '[data-testid="stSidebar"]'
BATCH_PILLS = f'{SIDEBAR} [data-testid="stButtonGroup"] >> nth=1'
# A few pixels may differ where antialiased edges meet; a stale layer differs by thousands (the outlines
# of every zone left drawn after switching to one batch: about 14,500 pixels).
MAX_DIFFERING = 150


def fresh_load(browser, url: str):
    """The map as a new browser tab draws it for `url`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch_frames(page)
    page.goto(url)
    wait_map_drawn(page)
    pixels = map_pixels(page)
    context.close()
    return pixels


def changed_to(page, search: str):
    page.wait_for_function("(s) => location.search === s", arg=search)
    wait_map_drawn(page)
    return map_pixels(page)


def test_after_each_filter_change_the_map_is_what_a_fresh_load_of_its_link_draws(page, app_url, browser):
    watch_frames(page)
    page.goto(app_url)
    wait_map_drawn(page)
    everything = map_pixels(page)

    # Every zone (outlines from the static files) -> batch 6 (only its zones' outlines, sent inline).
    page.locator(BATCH_PILLS).get_by_text("6", exact=True).click()
    batch6 = changed_to(page, "?batch=6")
    assert pixels_differing(batch6, everything) > 10 * MAX_DIFFERING  # the change shows on the map
    assert pixels_differing(batch6, fresh_load(browser, app_url + "/?batch=6")) <= MAX_DIFFERING

    # -> batch 7 too: more zones, other colours, the same national frame.
    page.locator(BATCH_PILLS).get_by_text("7", exact=True).click()
    both = changed_to(page, "?batch=6,7")
    assert pixels_differing(both, fresh_load(browser, app_url + "/?batch=6,7")) <= MAX_DIFFERING

    # -> back to every zone (static files again) with the reset button.
    page.locator(SIDEBAR).get_by_role("button", name="Reset filters").click()
    assert pixels_differing(changed_to(page, ""), everything) <= MAX_DIFFERING
