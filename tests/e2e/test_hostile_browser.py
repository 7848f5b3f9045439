"""Hostile data and many viewers, in a real browser: HTML in names stays text; sessions do not leak."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from bench.harness import CANVAS, start_app, stop_app
from tests.apptest import copy_data
from tests.e2e.helpers import (
    canvas_centre,
    download,
    hover_centre_marker,
    settle,
    wait_for_map,
    wait_for_metric,
)
from tests.facts import expected
from views.context import DATA_ENV

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("hostile"))
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
    page.mouse.click(*canvas_centre(page))  # the tooltip just showed: deck.gl can pick
    panel = page.locator(".st-key-detail_panel")
    panel.get_by_text(FORMULA).wait_for()
    assert IMG in panel.inner_text() and SCRIPT in panel.inner_text()
    assert page.locator("img[src='x']").count() == 0
    # The table and its CSV export: the literal text, formula neutralised.
    page.goto(hostile_url + "/table?q=Yiwu")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    settle(page)
    _name, data = download(page, "CSV (UTF-8, opens in Excel)")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    flat = " ".join(" ".join(r) for r in rows)
    assert IMG in flat and SCRIPT in flat
    assert "'" + FORMULA in flat and not any(cell.startswith("=") for r in rows for cell in r)
    assert page.dialogs == []  # no alert() ever ran


def test_ten_sessions_each_see_their_own_view(browser, app_url):
    views = [(f"batch={b}", {"batch": {b}}) for b in range(1, 9)] + [
        ("province=44", {"province": {"44"}}),
        ("", {}),
    ]
    contexts = [browser.new_context(viewport={"width": 1100, "height": 800}) for _ in views]
    pages = [c.new_page() for c in contexts]
    try:
        for p, (query, _filters) in zip(pages, views, strict=True):
            p.set_default_timeout(120_000)
            p.goto(f"{app_url}/?{query}")
        for p in pages:
            p.wait_for_selector(CANVAS, timeout=120_000)
        for p, (query, filters) in zip(pages, views, strict=True):
            wait_for_metric(p, "Active zones", str(expected(**filters).active), timeout=120_000)
            assert p.locator('[data-testid="stException"]').count() == 0, query
        # Every session reruns with its own change; each keeps its own filters.
        for p in pages:
            p.get_by_text("Show revoked zones").click()
        for p, (query, filters) in zip(pages, views, strict=True):
            p.wait_for_function("() => location.search.includes('revoked=0')", timeout=120_000)
            wait_for_metric(p, "Active zones", str(expected(**filters).active), timeout=120_000)
            assert p.locator('[data-testid="stMetricDelta"]').count() == 0, query
    finally:
        for c in contexts:
            c.close()
