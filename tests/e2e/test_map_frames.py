"""The map never shows stale geometry: after a filter change it is drawn exactly as a fresh load draws it."""

from __future__ import annotations

from tests.e2e.helpers import (
    DeckRecorder,
    deck_layer,
    label_boxes,
    map_pixels,
    new_tab,
    pixels_differing,
    wait_map_drawn,
    watch_frames,
)

SIDEBAR = '[data-testid="stSidebar"]'
BATCH_PILLS = f'{SIDEBAR} [data-testid="stButtonGroup"] >> nth=1'
# A few pixels may differ where antialiased edges meet; a stale layer differs by thousands (the outlines
# of every zone left drawn after switching to one batch: about 14,500 pixels).
MAX_DIFFERING = 150
# The labels' glyphs are compared as sent, not as drawn: deck.gl keeps one font atlas per tab and adds the
# characters of each new view to it, so the same label is sampled from an atlas of another size after a
# change than on a fresh load (a little bolder: about 2,000 pixels of glyph edges at batch 6).
HALO = 6  # pixels around a label's box its white halo and antialiasing may reach


class Drawn:
    """A map as drawn: its pixels with the labels' boxes blanked, and the labels deck.gl was sent."""

    def __init__(self, page, recorder: DeckRecorder):
        pixels = map_pixels(page)
        spec = recorder.last()
        height, width = pixels.shape[:2]
        self.labels = deck_layer(spec, "zone-labels")["data"]
        for _text, (x0, y0, x1, y1) in label_boxes(page, spec, (width, height)):
            top, left = max(int(y0) - HALO, 0), max(int(x0) - HALO, 0)
            pixels[top : int(y1) + HALO + 1, left : int(x1) + HALO + 1] = 0
        self.pixels = pixels

    def differing(self, other: Drawn) -> int:
        return pixels_differing(self.pixels, other.pixels)

    def same(self, other: Drawn) -> bool:
        assert self.labels == other.labels  # the same labels in the same places
        return self.differing(other) <= MAX_DIFFERING


def open_map(page, url: str) -> Drawn:
    recorder = DeckRecorder(page)  # before the page opens its websocket
    watch_frames(page)
    page.goto(url)
    wait_map_drawn(page)
    page.recorder = recorder
    return Drawn(page, recorder)


def fresh_load(page, url: str) -> Drawn:
    """The map as a new tab (beside `page`, in its browser context) draws it for `url`."""
    tab = new_tab(page.context)
    try:
        return open_map(tab, url)
    finally:
        tab.close()


def changed_to(page, search: str) -> Drawn:
    page.wait_for_function("(s) => location.search === s", arg=search)
    wait_map_drawn(page)
    return Drawn(page, page.recorder)


def test_after_filter_changes_the_map_is_what_a_fresh_load_of_its_link_draws(page, app_url):
    everything = open_map(page, app_url)
    fresh = fresh_load(page, app_url + "/?batch=6,7")

    # Every zone -> batch 6 (only its zones): the change shows on the map.
    page.locator(BATCH_PILLS).get_by_text("6", exact=True).click()
    assert changed_to(page, "?batch=6").differing(everything) > 10 * MAX_DIFFERING

    # -> batch 7 too: more zones, other colours, the same national frame; nothing left of the zones the
    # first change took away.
    page.locator(BATCH_PILLS).get_by_text("7", exact=True).click()
    assert changed_to(page, "?batch=6,7").same(fresh)

    # -> back to every zone with the reset button.
    page.locator(SIDEBAR).get_by_role("button", name="Reset filters").click()
    assert changed_to(page, "").same(everything)
