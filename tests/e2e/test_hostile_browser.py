"""Hostile data and many viewers, in a real browser: HTML in names stays text; sessions do not leak."""

from __future__ import annotations

import csv
import io
import shutil
import time
import urllib.request

import pandas as pd
import pytest

from geo.registry import DATA_DIR
from tests.e2e.conftest import CANVAS, start_app, stop_app, wait_for_map, wait_idle
from tests.e2e.test_download import download
from tests.e2e.test_map_browser import canvas_centre, hover_centre_marker, metric_value
from views.common import DATA_ENV

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile")
    for name in ("batches.csv", "zones.csv", "provinces.csv"):
        shutil.copy(DATA_DIR / name, data / name)
    zones = pd.read_csv(data / "zones.csv", dtype=str, keep_default_na=False)
    yiwu = zones.zone_id == "yiwu"
    zones.loc[yiwu, "name_en"] = f"Yiwu {IMG}"
    zones.loc[yiwu, "name_zh"] = f"义乌市{SCRIPT}"
    zones.loc[yiwu, "note"] = FORMULA
    zones.to_csv(data / "zones.csv", index=False)
    proc, url = start_app(env={DATA_ENV: str(data)})
    yield url
    stop_app(proc)


def test_html_in_the_data_is_shown_as_text_everywhere(page, hostile_url):
    page.goto(hostile_url + "/?q=Yiwu")
    wait_for_map(page)
    text = hover_centre_marker(page)
    assert IMG in text and SCRIPT in text
    assert page.locator(".deck-tooltip").locator("img, script").count() == 0
    page.mouse.click(*canvas_centre(page))
    wait_idle(page)
    panel = page.locator(".st-key-detail_panel")
    panel.get_by_text(FORMULA).wait_for(timeout=15000)
    assert IMG in panel.inner_text() and SCRIPT in panel.inner_text()
    assert page.locator("img[src='x']").count() == 0
    # The table and its CSV export: the literal text, formula neutralised.
    page.goto(hostile_url + "/table?q=Yiwu")
    wait_idle(page)
    _name, data = download(page, "CSV (UTF-8, opens in Excel)")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    flat = " ".join(" ".join(r) for r in rows)
    assert IMG in flat and SCRIPT in flat
    assert "'" + FORMULA in flat and not any(cell.startswith("=") for r in rows for cell in r)
    assert page.dialogs == []  # no alert() ever ran


def test_ten_sessions_each_see_their_own_view(browser, app_url):
    # (query, zones shown, active zones once superseded ones are hidden)
    views = [
        ("batch=1", "1", "1"),
        ("batch=2", "12", "12"),
        ("batch=3", "22", "21"),
        ("batch=4", "24", "24"),
        ("batch=5", "46", "45"),
        ("batch=6", "27", "26"),
        ("batch=7", "33", "33"),
        ("batch=8", "16", "16"),
        ("province=44", "21", "21"),
        ("", "181", "178"),
    ]
    contexts = [browser.new_context(viewport={"width": 1100, "height": 800}) for _ in views]
    pages = [c.new_page() for c in contexts]
    try:
        for p, (query, _shown, _active) in zip(pages, views, strict=True):
            p.goto(f"{app_url}/?{query}")
        for p in pages:
            p.wait_for_selector(CANVAS, timeout=90000)
            wait_idle(p, timeout=90000)
        for p, (query, shown, _active) in zip(pages, views, strict=True):
            assert metric_value(p, "Zones shown") == shown, query
            assert p.locator('[data-testid="stException"]').count() == 0
        # Every session reruns with its own change; each keeps its own filters.
        for p in pages:
            p.get_by_text("Show superseded zones").click()
        for p, (query, _shown, active) in zip(pages, views, strict=True):
            wait_idle(p, timeout=90000)
            p.wait_for_function(
                """(v) => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                         .some(e => e.innerText.trim() === v)""",
                arg=active,
                timeout=30000,
            )
            assert metric_value(p, "Zones shown") == active, query
        # The server still answers quickly.
        t = time.perf_counter()
        urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=5)
        assert time.perf_counter() - t < 1.0
    finally:
        for c in contexts:
            c.close()
