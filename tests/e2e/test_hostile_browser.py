"""Hostile URLs and data in a real browser: markup stays text, nothing is fetched, nothing runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pandas as pd
import pytest

from bench.harness import start_app, stop_app
from geo.textsafe import WORD_JOINER
from tests.apptest import copy_data
from tests.e2e.helpers import (
    DeckRecorder,
    close_details,
    details,
    download,
    hover_centre_marker,
    metric_value,
    show,
)
from tests.facts import expected, rows
from views.context import DATA_ENV

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","click")'
# Markdown that would render as a link, an image (fetched from a port nothing listens on), KaTeX or colour.
MD_PROVINCE = "Zhejiang ![p](http://127.0.0.1:9/province.png) [x](https://evil.example/p)"
MD_TITLE = "Reply ![t](http://127.0.0.1:9/title.png) $t^2$"
MD_NOTE = "Note [n](https://evil.example/n) ![n](http://127.0.0.1:9/note.png) :red[n] $n^2$"
# What Markdown rendered from the payloads would leave in the page: their links and images anywhere, and
# links, images, KaTeX or coloured text in any text Streamlit renders as Markdown. (The map key's swatches,
# class lg-*, are the app's own HTML in a Markdown container, coloured from the palette: not text.)
PAYLOAD_MARKUP = "a[href*='evil.example'], a[href*='127.0.0.1:9'], img[src*='127.0.0.1:9']"
MARKUP = ", ".join(
    [PAYLOAD_MARKUP]
    + [f"[data-testid='stMarkdownContainer'] {tag}" for tag in ("a:not([href^='#'])", "img", ".katex")]
    + ["[data-testid='stMarkdownContainer'] [style*='color']:not([class^='lg-'])"]
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("hostile"))
    zones = pd.read_csv(data / "zones.csv", dtype=str, keep_default_na=False)
    yiwu = zones.zone_id == "yiwu"
    zones.loc[yiwu, "name_en"] = f"Yiwu {IMG}"
    zones.loc[yiwu, "name_zh"] = f"义乌市{SCRIPT}"
    zones.loc[yiwu, "note"] = FORMULA
    zones.loc[zones.status == "revoked", "note"] = MD_NOTE  # the sources page lists revoked zones' notes
    zones.to_csv(data / "zones.csv", index=False)
    provinces = pd.read_csv(data / "provinces.csv", dtype=str, keep_default_na=False)
    provinces.loc[provinces.province_code == "33", "name_en"] = MD_PROVINCE
    provinces.to_csv(data / "provinces.csv", index=False)
    batches = pd.read_csv(data / "batches.csv", dtype=str, keep_default_na=False)
    third = batches.batch == zones.loc[yiwu, "batch"].iloc[0]
    batches.loc[third, "title_en"] = MD_TITLE
    batches.loc[third, "note"] = MD_NOTE
    batches.to_csv(data / "batches.csv", index=False)
    proc, url = start_app(env={DATA_ENV: str(data)})
    yield url
    stop_app(proc)


@contextmanager
def outside_requests(page, app_url: str) -> Iterator[list[str]]:
    """Record, inside the block, every request the page makes to a host other than the app's."""
    app = urlsplit(app_url).netloc
    seen: list[str] = []

    def host(url: str) -> str:  # a blob: URL is the page's own memory, named after the page's origin
        return urlsplit(url.removeprefix("blob:")).netloc

    def record(request) -> None:
        if host(request.url) != app:
            seen.append(request.url)

    page.on("request", record)
    try:
        yield seen
    finally:
        page.remove_listener("request", record)


def shown(locator) -> str:
    """The text a reader sees (md_escape's invisible joiners removed)."""
    return locator.inner_text().replace(WORD_JOINER, "")


# Each value would render as a link, an image fetched from 127.0.0.1:9, KaTeX, or red text.
MD_URL = [
    ("lang", "[Verify account](https://evil.example/phish)"),
    ("batch", "![px](http://127.0.0.1:9/track.png)"),
    ("![i](http://127.0.0.1:9/p.png)", "1"),
    ("region", "$x^2$ :red[x]"),
]


def test_bad_values_and_markdown_in_the_url_give_notices_as_text_and_fetch_nothing(app_page, app_url):
    # (Which values are ignored, and the notices' words: AppTest, tests/test_app.py.)
    page = app_page
    bad = MD_URL  # as many as get a notice each (views/widgets.py: MAX_NOTICES)
    with outside_requests(page, app_url) as outside:
        show(page, app_url + "/?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in bad))
        alerts = page.locator('[data-testid="stAlert"]')
        assert alerts.count() == len(bad)
        texts = [shown(alerts.nth(i)) for i in range(alerts.count())]
        for param, value in bad:
            # Each value literally (a long one cut after 39 characters), in the notice about its parameter.
            assert any(value[:39] in t and param[:29] in t for t in texts), (param, value, texts)
        assert alerts.locator("a, img, .katex, [style*='color']").count() == 0
        assert page.locator(MARKUP).count() == 0
        # Every value ignored: the default view, and the address bar says so.
        assert metric_value(page, "Active zones") == str(expected().active)
        page.wait_for_function("() => location.search === ''")
    assert outside == []


def test_markup_in_the_data_stays_text_everywhere_and_nothing_is_fetched_or_run(page, hostile_url):
    page.decks = DeckRecorder(page)  # before its first load: later addresses are moves
    with outside_requests(page, hostile_url) as outside:
        # The server is fresh, and its first page a shared link to the table: a page other than the map
        # works as a new server's first request (README: views/, not pages/).
        show(page, f"{hostile_url}/table?batch=6")
        page.wait_for_selector('[data-testid="stDataFrame"]')
        wanted = expected(batch={6})
        page.get_by_text(f"{wanted.active} active zones · {wanted.designated} designated").wait_for()
        page.wait_for_function("() => location.pathname.endsWith('/table') && location.search === '?batch=6'")
        # The table's CSV of the zone with markup in its names: the literal text, the formula neutralised.
        show(page, f"{hostile_url}/table?q=Yiwu")
        page.wait_for_selector('[data-testid="stDataFrame"]')
        _name, data = download(page, "CSV (UTF-8, opens in Excel)")
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        flat = " ".join(" ".join(r) for r in table)
        assert IMG in flat and SCRIPT in flat
        assert "'" + FORMULA in flat and not any(cell.startswith("=") for r in table for cell in r)
        # A link to the zone (the province's name in the sidebar too) opens its details: a dialog, the page
        # behind inert until it is closed.
        show(page, f"{hostile_url}/?province=33&q=Yiwu&zone=yiwu")
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert MD_PROVINCE in shown(sidebar)
        panel = details(page).locator(".st-key-detail_panel")
        panel.get_by_text("HYPERLINK", exact=False).wait_for()
        assert MD_TITLE in shown(panel) and MD_PROVINCE in shown(panel)
        assert FORMULA in shown(panel) and IMG in shown(panel) and SCRIPT in shown(panel)
        # The panel links each source the data names, and nothing else.
        assert panel.locator(MARKUP.replace(" a:not([href^='#'])", " a[href='#none']")).count() == 0
        urls = [u for b in rows("batches.csv") for u in (b["source_url"], b["source_url_alt"])]
        urls += [e["source_url"] for e in rows("evidence.csv")]
        hosts = {urlsplit(u).netloc for u in urls if u}
        links = panel.locator("a:not([href^='#'])").evaluate_all("(links) => links.map(a => a.href)")
        assert links and {urlsplit(u).netloc for u in links} <= hosts, links
        close_details(page)
        # The tooltip (the one zone, framed at the centre of the map).
        text = hover_centre_marker(page)
        assert IMG in text and SCRIPT in text
        assert page.locator(".deck-tooltip").locator("img, script").count() == 0
        assert page.locator("img[src='x']").count() == 0
        # The text description of the map.
        page.get_by_text("Text description of the map").click()
        description = page.locator('[data-testid="stExpanderDetails"]').first
        description.get_by_text("Zhejiang", exact=False).wait_for()
        assert MD_PROVINCE in shown(description)
        for part in (description, sidebar):
            assert part.locator(MARKUP).count() == 0
        # The sources page lists the revoked zones' notes.
        show(page, f"{hostile_url}/sources")
        page.get_by_text("Facts that rest on one source or none").wait_for()
        main = page.locator('[data-testid="stMain"]')
        assert MD_NOTE in shown(main)
        # (SOURCES.md is Markdown by design, with links of its own.)
        coloured = "[data-testid='stMarkdownContainer'] [style*='color']"
        assert page.locator(f"{PAYLOAD_MARKUP}, .katex, {coloured}").count() == 0
    assert outside == []
    assert page.dialogs == []  # no alert() ever ran
