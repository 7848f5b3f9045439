"""What a person sees on the map page in headless Chromium: canvas, tooltip, detail panel, shared links."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import CANVAS, wait_for_map, wait_idle


def canvas_centre(page):
    box = page.locator(CANVAS).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def hover_centre_marker(page) -> str:
    """Hover the marker at the centre of the map (a single zone is framed there); the tooltip's text."""
    page.wait_for_timeout(1500)
    x, y = canvas_centre(page)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10000)
    return tooltip.inner_text()


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def no_error_text(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body.replace("Errors", "")


def test_map_canvas_draws_offline(page, app_url):
    external = []
    page.on("request", lambda r: external.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(app_url)
    wait_for_map(page)
    assert metric_value(page, "Zones shown") == "181"
    no_error_text(page)
    assert external == [], external  # no basemap tiles, styles, CDN scripts or web fonts


def test_hover_shows_tooltip_and_click_opens_detail_panel(page, app_url):
    # A single zone is framed at the centre of the map, so its marker sits at the canvas centre.
    page.goto(app_url + "/?q=Yiwu")
    wait_for_map(page)
    text = hover_centre_marker(page)
    assert "Yiwu" in text and "义乌市" in text and "国函〔2018〕93号" in text
    page.mouse.click(*canvas_centre(page))
    wait_idle(page)
    panel = page.locator(".st-key-detail_panel")
    panel.get_by_text("Yiwu", exact=True).wait_for(timeout=15000)
    panel.get_by_text("330782").wait_for(timeout=15000)
    assert "Guohan [2018] No. 93" in panel.inner_text()
    # The selection survives a rerun (switching the language reruns the script).
    page.get_by_text("中文", exact=True).click()
    wait_idle(page)
    page.locator(".st-key-detail_panel").get_by_text("义乌市", exact=True).wait_for(timeout=15000)


def test_shared_link_reproduces_the_view(page, app_url):
    page.goto(app_url + "/?batch=6&lang=zh")
    wait_for_map(page)
    assert metric_value(page, "显示的综试区") == "27"
    assert page.locator("h1").first.inner_text().strip() == "中国跨境电子商务综合试验区"
    no_error_text(page)


def test_bad_link_values_show_a_notice(page, app_url):
    page.goto(app_url + "/?batch=99&asof=never")
    wait_for_map(page)
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("'batch'" in a and "99" in a for a in alerts), alerts
    assert any("'asof'" in a for a in alerts), alerts
    assert metric_value(page, "Zones shown") == "181"


def test_slide_image_downloads_as_png_and_svg(page, app_url):
    page.goto(app_url + "/?batch=6&lang=zh")
    wait_for_map(page)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="幻灯片图片（PNG）").click()
    png = Path(info.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1600, 1000)
    assert info.value.suggested_filename.startswith("pilot-zones-map_batch-6_")
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="矢量地图（SVG）").click()
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert "中国跨境电子商务综合试验区" in svg and "南海诸岛" in svg
