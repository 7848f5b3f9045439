"""Label placement: no two labels overlap, none covers a marker or leaves the map, priority wins a spot."""

from __future__ import annotations

import itertools

import pytest

from geo.labels import Viewport, label_box, layout_labels, project, text_width, unproject
from geo.mapview import CHINA_BOUNDS, fit_bounds
from tests.facts import rows

SIZES = [(871, 562), (1328, 922), (600, 540)]  # presenter 1280x720 and 1920x1080, normal mode 1280x720


def records(lang="zh"):
    return [
        {
            "position": [float(z["lon"]), float(z["lat"])],
            "label": z["name_zh"] if lang == "zh" else z["name_en"],
            "priority": -int(z["batch"]),
        }
        for z in rows("zones.csv")
    ]


def china(size) -> Viewport:
    state = fit_bounds(CHINA_BOUNDS, size, 10)
    return Viewport(state["longitude"], state["latitude"], state["zoom"], *size)


def drawn_boxes(placed, viewport, size):
    out = []
    for r in placed:
        x, y = viewport.to_screen(*r["position"])
        out.append(label_box(x, y, r["label"], size, r["anchor"], r["baseline"], r["offset"]))
    return out


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_overlap_neither_each_other_nor_markers_and_stay_inside(size, lang):
    viewport, recs, radius = china(size), records(lang), 10
    placed = layout_labels(recs, viewport, 15, marker_radius=radius)
    assert len(placed) >= 10
    boxes = drawn_boxes(placed, viewport, 15)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    markers = [viewport.to_screen(*r["position"]) for r in recs]
    for box in boxes:
        assert 0 < box.x0 < box.x1 < size[0] and 0 < box.y0 < box.y1 < size[1]
        assert not any(box.touches_circle(x, y, radius) for x, y in markers)


def test_obstacles_are_avoided_too():
    viewport = Viewport(120, 30, 6, 800, 600)
    lone = [{"position": [120, 30], "label": "杭州", "priority": 0}]
    free = layout_labels(lone, viewport, 15, marker_radius=8)
    assert free[0]["anchor"] == "start"  # right of the marker, the first choice
    # A marker just right of it pushes the label to the left.
    pushed = layout_labels(lone, viewport, 15, marker_radius=8, obstacles=[(east(120, 30, 30, 6), 30)])
    assert pushed[0]["anchor"] == "end"


def east(lon: float, lat: float, pixels: float, zoom: float) -> float:
    """The longitude `pixels` east of (lon, lat) at `zoom`."""
    x, y = project(lon, lat, zoom)
    return unproject(x + pixels, y, zoom)[0]


def test_the_higher_priority_label_wins_a_contested_spot():
    # Two markers 15 px from the left edge of a low map: room for one label, right of them.
    viewport = Viewport(east(120, 30, 45, 6), 30, 6, 120, 30)
    recs = [
        {"position": [120.0, 30], "label": "宁波", "priority": -2},
        {"position": [120.0, 30], "label": "上海", "priority": 98},
    ]
    placed = layout_labels(recs, viewport, 15, marker_radius=4)
    assert [r["label"] for r in placed] == ["上海"]


def test_more_labels_fit_on_a_larger_map():
    small, large = china((871, 562)), china((1328, 922))
    assert len(layout_labels(records(), small, 15)) < len(layout_labels(records(), large, 15)) <= 181


def test_labels_outside_the_map_are_left_out():
    viewport = Viewport(120, 30, 7, 400, 300)  # Zhejiang only
    placed = {r["label"] for r in layout_labels(records(), viewport, 12)}
    assert "杭州市" in placed and "乌鲁木齐市" not in placed


def test_projection_matches_web_mercator():
    # At zoom 0 the world is 512 px wide in deck.gl; lon 0 / lat 0 sits in the middle.
    assert project(0, 0, 0) == (256.0, 256.0)
    x, _ = project(90, 0, 1)
    assert abs(x - 768) < 1e-9
    lon, lat = unproject(*project(104.3, 35.2, 3.3), 3.3)
    assert abs(lon - 104.3) < 1e-9 and abs(lat - 35.2) < 1e-9


def test_the_view_centre_is_the_canvas_centre():
    viewport = Viewport(104.3, 32.0, 2.7, 900, 540)
    assert viewport.to_screen(104.3, 32.0) == (450, 270)
    x, _ = viewport.to_screen(104.3 + 360 / 2**2.7 / 512 * 100, 32.0)  # 100 world pixels east
    assert abs(x - 550) < 1e-6


def test_chinese_text_is_one_em_per_character_and_latin_narrower():
    assert text_width("杭州", 10) == 20
    assert text_width("ab", 10) < 20
    assert text_width("Wuhan", 10) > text_width("Jilin", 10)
