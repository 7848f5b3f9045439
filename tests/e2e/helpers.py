"""Shared browser-test helpers: wait until the app has settled, read figures, hover and click the map."""

from __future__ import annotations

import time
from pathlib import Path

from bench.frames import FRAME_HOOK, wait_drawn
from bench.harness import CANVAS

SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]');
}"""
TIMEOUT = 90_000  # ms; generous, because a busy 2-core machine renders WebGL in software


def settle(page, timeout: float = TIMEOUT) -> None:
    """Wait until the script is not running and nothing on the page is stale."""
    page.wait_for_function(SETTLED, timeout=timeout)


def wait_for_map(page, timeout: float = TIMEOUT) -> None:
    """Wait until the deck.gl canvas exists and the app has settled."""
    page.wait_for_selector(CANVAS, timeout=timeout)
    settle(page, timeout)


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


def watch_frames(page) -> None:
    """Before the page loads: let wait_map_drawn know when deck.gl's frames have completed on the GPU."""
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
