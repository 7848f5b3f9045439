"""What a person sees on the map page in headless Chromium: canvas, tooltip, detail panel, links, slides."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from bench.harness import CANVAS
from tests.e2e.helpers import (
    DeckRecorder,
    canvas_centre,
    close_details,
    details,
    download,
    hover_centre_marker,
    metric_value,
    no_error,
    settle,
    show,
    wait_for_map,
    wait_for_metric,
)
from tests.facts import expected


def query(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def test_map_canvas_draws_offline_and_once(page, app_url):
    external = []
    page.on("request", lambda r: external.append(r.url) if "127.0.0.1" not in r.url else None)
    decks = DeckRecorder(page)
    page.goto(app_url)
    wait_for_map(page)
    assert metric_value(page, "Active zones") == str(expected().active)
    no_error(page)
    assert external == [], external  # no basemap tiles, styles, CDN scripts or web fonts
    # The first load sends the map once, already fitted to the size the browser reported
    # (views/mapsize.py): deck.gl builds it once.
    assert len(decks.specs) == 1
    assert page.locator(CANVAS).count() == 1


def test_hover_shows_tooltip_and_click_opens_detail_panel(page, app_url):
    # A search with one match opens its details in a modal dialog; once closed, the map answers again. A
    # single zone is framed at the centre of the map, so its marker sits at the canvas centre.
    show(page, app_url + "/?q=Yiwu")
    close_details(page)
    text = hover_centre_marker(page)
    assert "Yiwu" in text and "义乌市" in text and "国函〔2018〕93号" in text
    page.mouse.click(*canvas_centre(page))  # the tooltip just showed: deck.gl can pick
    dialog = details(page)
    dialog.get_by_role("heading", name="Yiwu").wait_for()
    shown = dialog.inner_text()
    assert "Selected zone" in shown and "330782" in shown and "Guohan [2018] No. 93" in shown
    page.wait_for_function("() => location.search.includes('zone=yiwu')")
    # The selection is in the link: the link, opened in Chinese, shows the same zone's details.
    page.goto(page.url + "&lang=zh")
    details(page).get_by_role("heading", name="义乌市").wait_for()
    page.wait_for_function("() => location.search.includes('lang=zh')")
    assert ("zone", "yiwu") in query(page)


def test_shared_link_reproduces_the_view_and_the_address_bar_shows_codes(page, app_url):
    page.goto(app_url + "/?batch=6&lang=%E4%B8%AD%E6%96%87&province=%E5%B9%BF%E4%B8%9C+Guangdong")
    wait_for_map(page)
    assert metric_value(page, "有效综试区") == str(expected(batch={6}, province={"44"}).active)
    assert page.locator("h1").first.inner_text().strip() == "中国跨境电子商务综合试验区"
    page.wait_for_function("() => location.search === '?lang=zh&province=44&batch=6'")
    page.reload()
    wait_for_map(page)
    assert metric_value(page, "有效综试区") == str(expected(batch={6}, province={"44"}).active)
    no_error(page)


def test_a_filter_change_is_written_to_the_address_bar_and_back_returns(app_page, app_url):
    page = app_page
    show(page, app_url + "/?batch=6")
    page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]').nth(1).get_by_text(
        "7", exact=True
    ).click()
    wait_for_metric(page, "Active zones", str(expected(batch={6, 7}).active))
    page.wait_for_function("() => location.search === '?batch=6,7'")
    page.go_back()
    wait_for_metric(page, "Active zones", str(expected(batch={6}).active))
    page.wait_for_function("() => location.search === '?batch=6'")


def test_bad_link_values_show_a_notice(app_page, app_url):
    page = app_page
    show(page, app_url + "/?batch=99&asof=never")
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("'batch'" in a and "99" in a for a in alerts), alerts
    assert any("'asof'" in a for a in alerts), alerts
    assert metric_value(page, "Active zones") == str(expected().active)
    page.wait_for_function("() => location.search === ''")


def test_slide_image_downloads_as_png_and_svg(app_page, app_url):
    page = app_page
    show(page, app_url + "/?batch=6&lang=zh")
    name, png = download(page, "幻灯片图片（PNG）")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1920, 1080)  # the default slide size (README; issue 24)
    assert name.startswith("pilot-zones-map_batch-6_")
    settle(page)
    _name, svg = download(page, "矢量地图（SVG）")
    text = svg.decode("utf-8")
    assert "中国跨境电子商务综合试验区" in text and "南海诸岛" in text and "第6批（国函〔2022〕8号）" in text
