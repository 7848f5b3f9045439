"""The map page offers the current view as an offline HTML file, named after the filters and the day."""

from __future__ import annotations

import datetime as dt

from tests.apptest import run


def test_the_map_page_offers_the_view_as_an_html_file_in_its_language(offered):
    at = run(batch="6", lang="zh")
    assert "交互式地图（HTML）" in [b.label for b in at.download_button]
    name = f"pilot-zones-map_batch-6_{dt.date.today().isoformat()}.html"
    assert name in offered, list(offered)
    mime, write = offered[name]
    assert mime == "text/html"
    html = write().decode("utf-8")
    assert "<title>中国跨境电子商务综合试验区</title>" in html
    assert "第6批（国函〔2022〕8号）" in html and "来源：" in html


def test_the_file_name_carries_the_search(offered):
    at = run(q="Yiwu")
    assert "Interactive map (HTML)" in [b.label for b in at.download_button]
    assert f"pilot-zones-map_search-Yiwu_{dt.date.today().isoformat()}.html" in offered, list(offered)
