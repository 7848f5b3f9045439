"""The downloaded HTML map opened from disk with the network cut off: it draws, hovers, fetches nothing."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from PIL import Image

from geo.dataset import load_dataset
from geo.filters import Filters
from geo.htmlmap import PageText, interactive_map
from geo.mapkey import map_key
from geo.maptext import view_subtitle
from geo.mapview import MapOptions, build_deck
from tests.apptest import copy_data, rename_zone
from tests.e2e.helpers import TIMEOUT, download, hover, show
from tests.e2e.test_legible_browser import axe_violations
from tests.facts import effective_days, rows

MAP_CANVAS = "#map canvas"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script>"
# Records what the page's Content-Security-Policy refused (a blocked fetch would show here, not as a request).
RECORD_CSP = """window.__refused = [];
document.addEventListener('securitypolicyviolation',
    e => window.__refused.push(e.violatedDirective + ' ' + e.blockedURI));"""


class Offline:
    """A browser tab on a file:// URL in a context where every request but file: ones is aborted and kept."""

    def __init__(self, browser, path):
        self.url = path.as_uri()
        self.attempts: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.context.add_init_script(RECORD_CSP)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _route(self, route):
        self.attempts.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def open(self):
        self.page.goto(self.url)
        self.page.wait_for_selector(MAP_CANVAS)
        wait_until_drawn(self.page)
        return self.page

    def refused(self) -> list[str]:
        return self.page.evaluate("() => window.__refused")

    def close(self):
        self.context.close()


def map_pixels(page) -> Image.Image:
    return Image.open(io.BytesIO(page.locator("#map").screenshot())).convert("RGB")


def drawn(image: Image.Image) -> bool:
    """More than a twentieth of the map is not page white, in more than three colours."""
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    not_white = sum(n for n, c in colours if c != (255, 255, 255))
    return not_white > image.width * image.height / 20 and len(colours) > 3


def wait_until_drawn(page, timeout: float = TIMEOUT / 1000) -> None:
    """Wait until deck.gl has drawn the map (read from the pixels on screen)."""
    deadline = time.monotonic() + timeout
    while not drawn(map_pixels(page)):
        assert time.monotonic() < deadline, "the map canvas stayed blank"
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def centre(page) -> tuple[float, float]:
    box = page.locator(MAP_CANVAS).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def check_offline(tab: Offline) -> None:
    assert tab.attempts == [tab.url], tab.attempts  # the file itself, nothing else
    assert tab.refused() == [] and tab.errors == [] and tab.dialogs == []


def test_the_full_view_in_chinese_is_at_most_6_mb_and_draws_offline_with_tooltips(
    app_page, app_url, browser, tmp_path
):
    # The heaviest file the app writes. (Its name, title, subtitle, key and tooltips as written: pytest,
    # tests/test_htmlmap.py and tests/test_htmlmap_page.py; a tooltip's text: the test below.)
    page = app_page
    show(page, app_url + "/?lang=zh")
    assert axe_violations(page) == []  # the map page in Chinese (the other pages: test_legible_browser.py)
    name, data = download(page, "交互式地图（HTML）")
    assert len(data) <= 6 * 1024 * 1024, len(data)
    path = tmp_path / name
    path.write_bytes(data)
    tab = Offline(browser, path)
    try:
        offline = tab.open()
        assert offline.locator("h1").inner_text() == "中国跨境电子商务综合试验区"
        assert offline.locator("html").get_attribute("lang") == "zh-Hans"
        # The key names every batch with its year and reply, in Chinese, beside its colour.
        key = [" ".join(r.split()) for r in offline.locator("aside .lg-row").all_inner_texts()]
        days = effective_days()
        for batch in rows("batches.csv"):
            n = int(batch["batch"])
            assert f"第{n}批 · {days[n].year} · {batch['document_no']}" in key, (n, key)
        assert offline.locator("aside .lg-row .lg-area").count() == len(rows("batches.csv"))
        assert "来源" in offline.locator("footer").inner_text()
        assert hover(offline, *centre(offline)).strip(), "no tooltip over the middle of China"
        check_offline(tab)
    finally:
        tab.close()


@pytest.fixture
def hostile_file(tmp_path):
    folder = copy_data(tmp_path)
    rename_zone(folder, "yiwu", f"Yiwu {IMG}", f"义乌市{BREAKOUT}")
    data = load_dataset(folder)
    filters = Filters(q="Yiwu")
    view = data.view(filters)
    deck = build_deck(
        data.province_codes,
        data.outlines,
        view,
        MapOptions(),
        data.maritime_features,
        not_applicable=data.not_applicable,
    )
    latest = "latest reply: 国函〔2025〕40号"
    subtitle = view_subtitle(filters, data.vocab, view, dt.date.today(), latest, "en")
    html = interactive_map(
        deck, PageText("T", subtitle, "S", "en"), map_key(view, data.registry.batches, "en")
    )
    path = tmp_path / "hostile.html"
    path.write_bytes(html)
    return path


def test_html_in_a_name_is_shown_as_text_in_the_tooltip(browser, hostile_file):
    tab = Offline(browser, hostile_file)
    try:
        offline = tab.open()
        text = hover(offline, *centre(offline))
        assert f"Yiwu {IMG}" in text and f"义乌市{BREAKOUT}" in text
        assert "search “Yiwu”" in offline.locator(".sub").inner_text()
        assert offline.locator("img").count() == 0
        check_offline(tab)
    finally:
        tab.close()
