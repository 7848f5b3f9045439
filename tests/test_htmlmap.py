"""The offline HTML map: one file, nothing fetched, static geometry inlined, every data text escaped."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from geo.dataset import load_dataset
from geo.filters import Filters
from geo.htmlmap import PageText, interactive_map, map_html, offline_spec, script_code, static_names
from geo.mapkey import KeyRow, KeySection, map_key
from geo.maptext import view_subtitle
from geo.mapview import MapOptions, build_deck
from geo.paths import STATIC_DIR
from tests.apptest import copy_data, rename_zone
from tests.facts import expected, rows

IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script><!--"
FAKE_DECK_JS = "window.createDeck = function () {};"


class Page(HTMLParser):
    """What a browser's parser makes of the file: tags with their attributes, scripts, visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: dict[str, str] = {}
        self._open: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link"):
            self._open.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1][0] == "script":
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)
            return
        for tag, attrs in self._open:  # the text of an element includes its descendants'
            key = attrs.get("class") or tag
            self.text[key] = self.text.get(key, "") + data

    def json(self, script_id: str):
        return json.loads(next(body for attrs, body in self.scripts if attrs.get("id") == script_id))


def html_of(data, filters: Filters) -> bytes:
    view = data.view(filters)
    options = MapOptions(lang=filters.lang)
    deck = build_deck(
        data.province_codes,
        data.outlines,
        view,
        options,
        data.maritime_features,
        not_applicable=data.not_applicable,
    )
    subtitle = view_subtitle(
        filters, data.vocab, view, dt.date(2026, 1, 1), "latest reply: 国函〔2025〕40号", filters.lang
    )
    text = PageText("Title of the map", subtitle, "Source line of the map", filters.lang)
    return interactive_map(deck, text, map_key(view, data.registry.batches, filters.lang))


@pytest.fixture(scope="module")
def full_view(data) -> bytes:
    return html_of(data, Filters())


def test_the_full_view_is_one_file_of_at_most_6_mb(full_view):
    assert len(full_view) <= 6 * 1024 * 1024


def test_nothing_is_loaded_from_elsewhere(full_view):
    page = Page(full_view.decode("utf-8"))
    for tag, attrs in page.tags:
        assert tag != "link" and "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("iframe", "img", "object", "embed"), tag
    assert [attrs.get("type") for attrs, _body in page.scripts] == [
        "application/json",
        "application/json",
        None,
        None,
    ]
    assert b"sourceMappingURL" not in full_view
    assert b"@import" not in full_view.split(b"<script")[0] and b"url(" not in full_view.split(b"<script")[0]
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (csp or "")


def test_the_static_geometry_travels_inline_and_there_is_no_basemap(full_view):
    spec = Page(full_view.decode("utf-8")).json("deck-spec")
    assert not any(isinstance(layer["data"], str) for layer in spec["layers"])
    provinces = json.loads((STATIC_DIR / "provinces.geojson").read_text(encoding="utf-8"))
    inline = next(layer["data"] for layer in spec["layers"] if layer["id"] == "provinces")
    assert inline == provinces
    assert "mapProvider" not in spec and "mapStyle" not in spec
    wanted = expected()
    markers = [
        r
        for layer in spec["layers"]
        if layer["id"] in ("zones-active", "zones-revoked")
        for r in layer["data"]
    ]
    areas = next(layer["data"]["features"] for layer in spec["layers"] if layer["id"] == "zone-areas")
    assert len(markers) + len(areas) == wanted.designated  # every zone, as its own area or as a marker


def test_the_page_has_title_subtitle_legend_source_and_the_text_tooltip(full_view):
    page = Page(full_view.decode("utf-8"))
    assert page.text["title"] == page.text["h1"] == "Title of the map"
    assert page.text["sub"].startswith(f"{expected().active} active zones")
    assert page.text["source"] == "Source line of the map"
    documents = [b["document_no"] for b in rows("batches.csv")]
    legend = page.text["aside"]
    assert all(doc in legend for doc in documents), legend
    assert page.json("deck-tooltip") == {"text": "{tt}"}
    areas = next(lyr["data"] for lyr in page.json("deck-spec")["layers"] if lyr["id"] == "zone-areas")
    hangzhou = next(
        f["properties"]["tt"] for f in areas["features"] if f["properties"]["zone_id"] == "hangzhou"
    )
    assert "杭州市" in hangzhou and "Hangzhou" in hangzhou
    # The key of every map: the marks of one source and of none, which the file lacked before.
    assert (
        "Designation from one source (dashed edge)" in legend
        and "Designation unverified (dark edge)" in legend
    )


def test_chinese_view_is_marked_as_chinese(data):
    page = Page(html_of(data, Filters(lang="zh", batch=(6,))).decode("utf-8"))
    html_tag = next(a for t, a in page.tags if t == "html")
    assert html_tag["lang"] == "zh-Hans"
    assert "第6批" in page.text["sub"] and "综试区（按批次）" in page.text["aside"]


def test_hostile_texts_stay_text_and_cannot_leave_the_json():
    spec = {
        "layers": [
            {"@@type": "ScatterplotLayer", "id": "m", "data": [{"tt": BREAKOUT + IMG + "\u2028&amp;"}]},
        ],
        "description": IMG,
    }
    text = PageText(f"T {BREAKOUT}", f"S {IMG}", f"Q {BREAKOUT}", "en")
    legend = [
        KeySection(IMG, (KeyRow("fill", "#fff", IMG),)),
        KeySection("B", (KeyRow("area", "#000", BREAKOUT),)),
    ]
    html = map_html(spec, {"text": "{tt}"}, text, legend, {}, FAKE_DECK_JS).decode("utf-8")
    assert BREAKOUT not in html and IMG not in html
    page = Page(html)
    assert [t for t, _a in page.tags].count("script") == 4 and not any(t == "img" for t, _a in page.tags)
    assert page.json("deck-spec")["layers"][0]["data"][0]["tt"] == BREAKOUT + IMG + "\u2028&amp;"
    assert "description" not in page.json("deck-spec")  # deck.gl would show it as HTML
    assert page.text["h1"] == f"T {BREAKOUT}" and page.text["sub"] == f"S {IMG}"
    assert page.text["source"] == f"Q {BREAKOUT}"
    assert IMG in page.text["aside"] and BREAKOUT in page.text["aside"]
    assert next(a for _t, a in page.tags if a.get("id") == "map")["aria-label"] == f"T {BREAKOUT}"


def test_a_hostile_name_in_the_registry_stays_inside_its_json_string(tmp_path):
    folder = copy_data(tmp_path)
    rename_zone(folder, "yiwu", f"Yiwu {IMG}", f"义乌市{BREAKOUT}")
    hostile = load_dataset(folder)
    html = html_of(hostile, Filters(q="Yiwu")).decode("utf-8")
    assert BREAKOUT not in html and IMG not in html
    page = Page(html)
    assert [t for t, _a in page.tags].count("script") == 4 and not any(t == "img" for t, _a in page.tags)
    markers = next(lyr["data"] for lyr in page.json("deck-spec")["layers"] if lyr["id"] == "zones-active")
    assert [m["zone_id"] for m in markers] == ["yiwu"]
    assert f"Yiwu {IMG}" in markers[0]["tt"] and f"义乌市{BREAKOUT}" in markers[0]["tt"]


def test_the_bundle_is_inlined_so_that_it_cannot_end_its_script_element():
    code = 'var a = "</script><!-- x"; var b = /<\\/SCRIPT>/;\n//# sourceMappingURL=index.js.map\n'
    safe = script_code(code)
    assert "</script" not in safe.lower() and "<!--" not in safe and "sourceMappingURL" not in safe
    html = map_html({"layers": []}, None, PageText("t", "s", "q", "en"), [], {}, code).decode("utf-8")
    page = Page(html)
    assert [t for t, _a in page.tags].count("script") == 4
    assert page.scripts[2][1] == safe


def test_any_layer_whose_data_is_a_static_url_gets_the_file_inline():
    spec = {
        "layers": [
            {"id": "a", "data": "/app/static/one.geojson?v=2"},
            {"id": "b", "data": [{"x": 1}]},
            {"id": "c", "data": "/app/static/two.json"},
            {"id": "d", "data": "/app/static/one.geojson"},
        ],
        "mapProvider": "carto",
        "mapStyle": "light",
    }
    assert static_names(spec) == ["one.geojson", "two.json"]
    files = {"one.geojson": {"type": "FeatureCollection", "features": []}, "two.json": [1, 2]}
    out = offline_spec(spec, files)
    one, two = files["one.geojson"], files["two.json"]
    assert [layer["data"] for layer in out["layers"]] == [one, [{"x": 1}], two, one]
    assert "mapProvider" not in out and "mapStyle" not in out
    assert spec["layers"][0]["data"] == "/app/static/one.geojson?v=2", "the input is left as it was"
    with pytest.raises(KeyError):
        offline_spec(spec, {"one.geojson": {}})
