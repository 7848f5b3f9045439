"""Presenter mode on real screens: one page without scrolling, China fitted to the map, labels apart."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
import xml.etree.ElementTree as ET

import numpy as np

from geo.paths import DATA_DIR
from tests.e2e.helpers import (
    DeckRecorder,
    canvas_box,
    canvas_pixels,
    deck_layer,
    download,
    label_boxes,
    settle,
    show,
    to_canvas,
    wait_for_metric,
    wait_map_drawn,
    watch_frames,
)
from tests.e2e.test_legible_browser import axe_violations, in_view
from tests.facts import effective_days, expected

NAMED = ("Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Hangzhou")
NO_SCROLL = "() => document.scrollingElement.scrollHeight <= innerHeight"
# The smallest computed type size (px) of the elements matching a selector.
SMALLEST = """(selector) => Math.min(...[...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null && e.innerText.trim())
    .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
LISTBOX_CLOSED = "() => !document.querySelector('[role=\"listbox\"]')"
SCROLLS = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
    .map(e => [e.scrollHeight, e.clientHeight])"""


def zones(**where: str) -> list[dict[str, str]]:
    with (DATA_DIR / "zones.csv").open(encoding="utf-8-sig", newline="") as f:
        return [z for z in csv.DictReader(f) if all(z[k] == v for k, v in where.items())]


def open_view(page, app_url: str, query: str, screen: tuple[int, int]) -> DeckRecorder:
    """The map page at `query` on a screen of this size; what the tab was sent."""
    page.set_viewport_size({"width": screen[0], "height": screen[1]})
    if not hasattr(page, "decks"):  # a new tab (app_page has its recorder)
        page.decks = DeckRecorder(page)
    show(page, f"{app_url}/?{query}")
    return page.decks


def metres_per_pixel(state: dict) -> float:
    """Ground metres per pixel at the centre of the view (deck.gl's scale for sizes in metres)."""
    return 40_075_016.686 * math.cos(math.radians(state["latitude"])) / (512 * 2 ** state["zoom"])


def marks(spec: dict) -> list[tuple[str, float, float, float]]:
    """(what, lon, lat, radius in pixels with half the rim) of every marker and seat dot drawn."""
    out = []
    for marker_layer in ("zones-active", "zones-revoked"):
        markers = deck_layer(spec, marker_layer)
        for record in markers["data"] if markers else []:
            radius = max(record["r"] / metres_per_pixel(spec["initialViewState"]), markers["radiusMinPixels"])
            out.append((record["zone_id"], *record["position"], radius + 0.75))
    seats = deck_layer(spec, "zone-seats")
    for record in seats["data"] if seats else []:
        out.append(("seat", *record["position"], seats["getRadius"] + 0.5))
    return out


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def china_extent(pixels: np.ndarray, masked: list[tuple[float, ...]]) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of what is drawn on the map (anything not white), label boxes left out."""
    ink = (pixels < 250).any(axis=2)
    for x0, y0, x1, y1 in masked:  # with room for the white halo around the glyphs
        ink[max(int(y0) - 4, 0) : int(y1) + 5, max(int(x0) - 4, 0) : int(x1) + 5] = False
    ys, xs = np.nonzero(ink)
    assert len(xs), "nothing is drawn on the map"
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def check_china_fits(page, recorder: DeckRecorder, screen: tuple[int, int]) -> None:
    box = canvas_box(page)
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= screen[0] and box["y"] + box["height"] <= screen[1], box
    size = (box["width"], box["height"])
    pixels = canvas_pixels(page)
    labels = [b for _t, b in label_boxes(page, recorder.last(), size)]
    left, top, right, bottom = china_extent(pixels, labels)
    height, width = pixels.shape[:2]
    # Nothing cut: the drawing stops short of every edge of the canvas.
    assert left >= 2 and top >= 2 and right <= width - 3 and bottom <= height - 3, (left, top, right, bottom)
    share = max((right - left + 1) / width, (bottom - top + 1) / height)
    assert share >= 0.70, share


def check_labels_apart(page, recorder: DeckRecorder, screen: tuple[int, int]) -> None:
    """The zone labels as deck.gl draws them (their widths measured in the browser's font) overlap neither
    each other nor a marker or seat dot, and stay on the map."""
    box = canvas_box(page)
    size = (box["width"], box["height"])
    spec = recorder.last()
    boxes = label_boxes(page, spec, size)
    assert len(boxes) >= 15, (screen, len(boxes))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not overlaps(box_a, box_b), (screen, a, b)
    state = spec["initialViewState"]
    drawn = marks(spec)
    assert drawn  # markers (small zones) and the seat dots of labelled areas
    for what, lon, lat, radius in drawn:
        cx, cy = to_canvas(state, size, lon, lat)
        for text, (x0, y0, x1, y1) in boxes:
            dx = cx - min(max(cx, x0), x1)
            dy = cy - min(max(cy, y0), y1)
            assert dx * dx + dy * dy >= radius * radius, (screen, text, what)
    for text, (x0, y0, x1, y1) in boxes:
        assert 0 <= x0 < x1 <= size[0] and 0 <= y0 < y1 <= size[1], (screen, text)


def check_one_screen(page, recorder: DeckRecorder, screen: tuple[int, int]) -> None:
    """Presenter mode as drawn on `screen`: one page without scrolling, nothing cut, China fitted."""
    for scroll_height, client_height in page.evaluate(SCROLLS):
        assert scroll_height <= client_height, (screen, scroll_height, client_height)
    assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight"), screen
    # Title, timeline, map, figures, legend and source line all on the screen.
    for selector in (
        "h1",
        '[data-testid="stSlider"]',
        '[data-testid="stDeckGlJsonChart"] canvas',
        '[data-testid="stMetric"]',
        ".lg-row",
        '[data-testid="stCaptionContainer"]',
        ".st-key-presenter_button button",
    ):
        for element in page.locator(selector).all():
            b = element.bounding_box()
            assert b and b["y"] >= 0 and b["y"] + b["height"] <= screen[1] + 0.5, (screen, selector, b)
            assert b["x"] >= 0 and b["x"] + b["width"] <= screen[0] + 0.5, (screen, selector, b)
    # No metric label, figure or button label is cut short.
    cut = page.evaluate(
        """() => [...document.querySelectorAll(
                '[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] *, button p')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
    )
    assert cut == [], (screen, cut)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == str(expected().active)
    check_china_fits(page, recorder, screen)
    check_labels_apart(page, recorder, screen)


def test_presenter_mode_at_1280x720_is_one_screen_reads_from_afar_and_filters_in_its_bar(page, app_url):
    # The smallest screen presenter mode is made for, in both languages (a move between them), on a tab of
    # its own: what a presenter opening a link sees. (The fit and the labels at every size: plain pytest,
    # tests/test_mapview.py and tests/test_labels.py.)
    screen = (1280, 720)
    recorder = open_view(page, app_url, "present=1", screen)
    check_one_screen(page, recorder, screen)
    # Legend and figures at least 14 px.
    for selector in (".lg-row", ".lg-h", '[data-testid="stMetricLabel"] p', '[data-testid="stMetricValue"]',
                     '[data-testid="stMetricDelta"] p', '[data-testid="stCaptionContainer"] p'):  # fmt: skip
        assert page.evaluate(SMALLEST, selector) >= 14, selector
    # The compact filter bar and every download on the one screen.
    for locator in (
        page.get_by_role("combobox", name="Province"),
        page.get_by_role("combobox", name="Batch"),
        page.locator('.st-key-filter_bar [data-testid="stDateInput"]'),
        page.get_by_role("button", name="Interactive map (HTML)"),
        page.get_by_role("button", name="Slide image (PNG)"),
    ):
        assert in_view(locator.bounding_box(), *screen), locator
    labels = {r["label"] for r in deck_layer(recorder.last(), "zone-labels")["data"]}
    assert set(NAMED) <= labels, set(NAMED) - labels
    assert axe_violations(page) == []
    # A date typed in the bar applies on Enter.
    page.locator('.st-key-filter_bar [role="spinbutton"]').first.click()
    page.keyboard.type("20200630", delay=20)
    page.keyboard.press("Enter")
    wait_for_metric(page, "As of", "2020-06-30")
    page.wait_for_function("() => location.search.includes('asof=2020-06-30')")
    # A dropdown closes after a choice.
    page.get_by_role("combobox", name="Province").click()
    page.keyboard.type("Guangd")  # the list is long and drawn in part: narrow it first
    page.get_by_role("option", name="广东 Guangdong").click()
    page.wait_for_function("() => location.search.includes('province=44')")
    page.wait_for_function(LISTBOX_CLOSED)
    settle(page)
    assert page.evaluate(NO_SCROLL)
    # The province is framed, and the exit button is in the same place in both languages.
    state = recorder.last()["initialViewState"]
    assert 111 < state["longitude"] < 117 and 21 < state["latitude"] < 25.5 and state["zoom"] > 5, state
    english = page.locator(".st-key-presenter_button button").bounding_box()
    open_view(page, app_url, "present=1&lang=zh&province=44&asof=2020-06-30", screen)
    assert page.locator(".st-key-presenter_button button").bounding_box() == english
    # The whole country in Chinese.
    check_one_screen(page, open_view(page, app_url, "present=1&lang=zh", screen), screen)
    assert axe_violations(page) == []


def test_presenter_mode_is_one_screen_with_china_fitted_at_1920x1080_and_1366x768(page, app_url):
    # A tab of its own, what a presenter opening a link sees: a load at 1920x1080 in English, then the same
    # tab made 1366x768 and moved to Chinese. Each map's pixels are taken once its last frame has been read
    # back from the GPU (a quick look once caught a label still at the old size's place).
    watch_frames(page)
    for screen, lang in (((1920, 1080), "en"), ((1366, 768), "zh")):
        recorder = open_view(page, app_url, f"present=1&lang={lang}", screen)
        wait_map_drawn(page)
        check_one_screen(page, recorder, screen)


def test_slides_of_a_filtered_view_download_as_svg_and_png_naming_the_filter_and_labelling_every_zone(
    app_page, app_url
):
    # (The default size and the size choice as the script sends them: AppTest, tests/test_presenter_page.py.)
    page = app_page
    open_view(page, app_url, "province=44&batch=6&lang=zh", (1280, 900))
    name, svg = download(page, "矢量地图（SVG）")
    assert name.endswith("_1920x1080.svg")  # the default size (issue 24)
    root = ET.fromstring(svg)  # well-formed XML
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "中国跨境电子商务综合试验区" in texts  # the title (the inset of a national view: tests/slide/)
    assert any("第6批（国函〔2022〕8号）" in t for t in texts)  # the key
    # The subtitle: the filters in words, the view's day (today) and the day of the newest reply.
    subtitle = " ".join(t for t in texts if dt.date.today().isoformat() in t)
    assert "广东" in subtitle and "第6批（国函〔2022〕8号）" in subtitle
    assert max(effective_days().values()).isoformat() in subtitle
    wanted = zones(province_code="44", batch="6")
    assert len(wanted) == expected(batch={6}, province={"44"}).designated
    # Each zone labelled by its name, short as on every map (韶关 for 韶关市): one label per zone.
    names = [z["name_zh"] for z in wanted]
    labelled = {name: [t for t in texts if len(t) >= 2 and name.startswith(t)] for name in names}
    assert all(len(found) == 1 for found in labelled.values()), labelled
    # The 16:10 size is offered beside it, and kept in the address (the tab's next move resets it).
    settle(page)
    page.get_by_role("radio", name="1600×1000（16:10）").click()
    page.wait_for_function("() => location.search.includes('slide=1600x1000')")
    settle(page)
    name, png = download(page, "幻灯片图片（PNG）")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and name.endswith("_1600x1000.png")
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1600, 1000)
