"""Slides of filtered views: framed on their region with a locator map, every zone labelled apart."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from geo import i18n
from geo.filters import Filters
from geo.slide import render as staticmap
from geo.slide.render import SlideText
from tests.facts import batch_sizes, expected, rows

SIZES = [(1600, 1000), (1920, 1080)]


def words(lang: str) -> SlideText:
    return SlideText(i18n.t("app_title", lang), "subtitle", i18n.t("source_line", lang), lang)


def layout(data, filters: Filters, lang="en", size=(1600, 1000), style="markers"):
    view = data.view(filters)
    areas = data.outlines.fine
    return view, staticmap.compose_layout(
        view,
        data.provinces,
        data.maritime,
        data.registry.batches,
        words(lang),
        size,
        style=style,
        areas=areas,
    )


def assert_labels_apart(view, slide):
    boxes = [p.box for p in slide.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    r = slide.marker_radius
    for p in slide.labels:
        for x, y in slide.markers:
            assert not p.box.touches_circle(x, y, r)
        assert all(not p.box.overlaps(o) for o in slide.label_obstacles)
        assert slide.map_box.x0 <= p.box.x0 and p.box.x1 <= slide.map_box.x1
        assert slide.map_box.y0 <= p.box.y0 and p.box.y1 <= slide.map_box.y1


def test_a_province_view_is_framed_on_the_province(data):
    view, slide = layout(data, Filters(province=("44",), batch=(6,)))
    assert slide.regional
    x0, x1, y0, y1 = slide.limits
    national = staticmap.compose_layout(
        data.view(Filters()), data.provinces, data.maritime, data.registry.batches, words("en"), (1600, 1000)
    )
    nx0, nx1, ny0, ny1 = national.limits
    assert (x1 - x0) < 0.4 * (nx1 - nx0) and not national.regional
    assert len(slide.labels) == len(view) == expected(batch={6}, province={"44"}).designated
    assert_labels_apart(view, slide)


def test_a_view_spread_over_china_keeps_the_whole_country_and_the_inset(data):
    _view, slide = layout(data, Filters(batch=(6,)))
    assert not slide.regional and slide.label_obstacles  # the South China Sea inset


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("batch", sorted(batch_sizes()))
def test_every_zone_of_a_batch_is_labelled_without_overlaps(data, batch, size):
    view, slide = layout(data, Filters(batch=(batch,), revoked=True), "zh" if batch % 2 else "en", size)
    if len(view) > staticmap.AUTO_LABEL_MAX:  # the big cities first, then earlier batches, while room
        assert len(slide.labels) >= 15
    else:
        assert len(slide.labels) == len(view) == batch_sizes()[batch]
    assert_labels_apart(view, slide)


@pytest.mark.parametrize("code", sorted({z["province_code"] for z in rows("zones.csv")}))
def test_every_zone_of_a_province_is_labelled_without_overlaps(data, code):
    view, slide = layout(data, Filters(province=(code,), revoked=True), "en", (1920, 1080))
    assert len(view) == expected(province={code}).designated <= staticmap.AUTO_LABEL_MAX
    assert slide.regional
    assert len(slide.labels) == len(view)
    assert_labels_apart(view, slide)


def test_a_regional_slide_has_a_locator_map_and_the_16_9_size(data):
    view = data.view(Filters(province=("44",), batch=(6,)))
    svg = staticmap.render_static_map(
        view, data.provinces, data.maritime, data.registry.batches, words("zh"), "svg", size=(1920, 1080)
    ).decode()
    root = ET.fromstring(svg)
    assert root.get("width") == "1920" and root.get("height") == "1080"
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert i18n.t("sm_scs_islands", "zh") not in texts  # no inset: the locator map shows all of China
    for zone in rows("zones.csv"):
        if zone["province_code"] == "44" and zone["batch"] == "6":
            assert zone["name_zh"].removesuffix("市") in texts  # labels as the map writes them: 韶关
    assert svg.count('style="fill: none; stroke: #c0392b') == 1  # the region marked on the locator map
