"""In a real browser: the CSV download starts with the UTF-8 BOM and holds as many rows as the headline."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from tests.e2e.conftest import start_app, stop_app, wait_idle


def metric_value(page, label: str) -> int:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return int(box.locator('[data-testid="stMetricValue"]').inner_text().strip())


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=30000) as info:
        page.get_by_role("button", name=label).click()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def test_csv_download_has_bom_and_the_headline_row_count(app_url, page):
    page.goto(f"{app_url}/?batch=6")
    wait_idle(page)
    headline = metric_value(page, "Zones shown")

    page.goto(f"{app_url}/table?batch=6")
    wait_idle(page)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    shown = metric_value(page, "Rows shown")
    assert shown == headline

    name, data = download(page, "CSV (UTF-8, opens in Excel)")
    assert data[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert len(rows) - 1 == headline
    assert name == f"pilot-zones_batch-6_{dt.date.today().isoformat()}.csv"
    assert any("鄂尔多斯市" in row for row in rows[1:]), "Chinese text intact"


def test_table_search_narrows_the_download_in_chinese(app_url, page):
    page.goto(f"{app_url}/table?lang=zh")
    wait_idle(page)
    page.get_by_label("搜索表格（中文或英文）").fill("杭州")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
              .some(m => m.innerText.includes('显示行数') && m.innerText.trim().endsWith('1'))""",
        timeout=15000,
    )
    name, data = download(page, "CSV（UTF-8，可用 Excel 打开）")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["名称", "英文名称", "编号"]
    assert [r[:3] for r in rows[1:]] == [["杭州市", "Hangzhou", "hangzhou"]]
    assert name.startswith("pilot-zones_search_")


def test_shared_link_to_the_table_works_on_a_fresh_server(page):
    proc, url = start_app()
    try:
        page.goto(f"{url}/table?batch=6")
        wait_idle(page)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=15000)
        assert metric_value(page, "Rows shown") == 27
    finally:
        stop_app(proc)
