"""In a real browser: the research data page draws its chart and preview, and its .dta download reads back."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from tests import facts
from tests.e2e.helpers import TIMEOUT, no_error, settle, show


def test_the_research_page_draws_and_downloads(app_url, text_page):
    page = text_page
    show(page, f"{app_url}/research?convention=approval&start=2020&end=2021", has_map=False)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    page.wait_for_selector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
    settle(page)
    no_error(page)
    page.get_by_text("734 rows: 367 units × 2 periods").wait_for()
    with page.expect_download(timeout=TIMEOUT) as info:  # two buttons say .dta: the unit table's, by its key
        page.locator(".st-key-dl_units_dta button").click()
    name, data = info.value.suggested_filename, Path(info.value.path()).read_bytes()
    assert name == "pilot-zones_units.dta"
    units = pd.read_stata(io.BytesIO(data))
    assert set(units["unit_code"]) == set(facts.research_units())
    page.wait_for_function("() => location.pathname.endsWith('/research')")
    assert "start=2020" in page.url and "end=2021" in page.url
