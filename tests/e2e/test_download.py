"""In a real browser: the CSV download starts with the UTF-8 BOM and holds the rows the headline counts."""

from __future__ import annotations

import csv
import datetime as dt
import io

from tests.e2e.helpers import download, settle, show
from tests.facts import expected


def test_csv_download_has_bom_and_the_designated_zones(app_url, text_page):
    page = text_page
    show(page, f"{app_url}/table?batch=6")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    wanted = expected(batch={6})
    page.get_by_text(f"{wanted.active} active zones · {wanted.designated} designated").wait_for()
    name, data = download(page, "CSV (UTF-8, opens in Excel)")
    assert data[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert len(rows) - 1 == wanted.designated
    assert name == f"pilot-zones_batch-6_{dt.date.today().isoformat()}.csv"
    assert any("鄂尔多斯市" in row for row in rows[1:]), "Chinese text intact"


def test_search_narrows_the_download_in_chinese(app_url, text_page):
    page = text_page
    show(page, f"{app_url}/table?lang=zh")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    page.get_by_label("搜索名称（中文或英文）").fill("杭州")
    page.keyboard.press("Enter")
    page.get_by_text("有效综试区 1 个").wait_for()
    settle(page)
    name, data = download(page, "CSV（UTF-8，可用 Excel 打开）")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["zone_id", "name_zh", "name_en"], "the registry's column names in every language"
    assert [r[:3] for r in rows[1:]] == [["hangzhou", "杭州市", "Hangzhou"]]
    assert name.startswith("pilot-zones_search-杭州_")
