"""The one label engine: no two labels overlap, none covers a mark or leaves the map, priority wins a spot."""

from __future__ import annotations

import itertools
import math

import pytest

from geo.labels import (
    ALL_LABELS_MAX,
    EVERY_LABEL,
    WHILE_ROOM,
    Box,
    Label,
    Rules,
    Viewport,
    label_size,
    place_labels,
    project,
    rules_for,
    text_width,
    unproject,
)
from geo.mapview import CHINA_BOUNDS, fit_bounds
from tests.facts import rows

SIZES = [(871, 562), (1328, 922), (600, 540)]  # presenter 1280x720 and 1920x1080, normal mode 1280x720


def china(size) -> Viewport:
    state = fit_bounds(CHINA_BOUNDS, size, 10)
    return Viewport(state["longitude"], state["latitude"], state["zoom"], *size)


def labels(viewport: Viewport, lang="zh", radius=6.0, size=15) -> list[Label]:
    out = []
    for z in rows("zones.csv"):
        x, y = viewport.to_screen(float(z["lon"]), float(z["lat"]))
        text = z["name_zh"] if lang == "zh" else z["name_en"]
        out.append(Label(x, y, text, size, radius, -int(z["batch"])))
    return out


def frame(size, margin=4) -> Box:
    return Box(margin, margin, size[0] - margin, size[1] - margin)


def assert_apart(placed, marks, bounds: Box):
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box), (a.text, b.text)
    for p in placed:
        assert p.box.inside(bounds), p.text
        assert not any(p.box.touches_circle(x, y, r) for x, y, r in marks), p.text


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_overlap_neither_each_other_nor_marks_and_stay_inside(size, lang):
    viewport = china(size)
    items = labels(viewport, lang)
    marks = [(lab.x, lab.y, lab.radius) for lab in items]  # every zone has a marker
    placed = place_labels(items, frame(size), WHILE_ROOM, marks)
    assert len(placed) >= 10
    assert_apart(placed, marks, frame(size))


def test_a_leader_line_crosses_no_label():
    size = (871, 562)
    items = labels(china(size), "en")
    placed = place_labels(items, frame(size), WHILE_ROOM, [(i.x, i.y, i.radius) for i in items])
    led = [p for p in placed if p.leader]
    assert led, "a crowded map needs some leader lines"
    for p in led:
        x0, y0, x1, y1 = p.leader
        for q in placed:
            if q is p:
                continue
            for t in (k / 20 for k in range(1, 20)):
                x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                assert not (q.box.x0 < x < q.box.x1 and q.box.y0 < y < q.box.y1), (p.text, q.text)


def test_boxes_to_keep_clear_are_avoided():
    lone = [Label(100, 100, "杭州", 15, 6)]
    free = place_labels(lone, Box(0, 0, 400, 300), Rules())
    assert free[0].box.x0 > 100  # right of the marker, the first choice
    wall = Box(105, 60, 200, 140)  # where the right-hand spot would be
    pushed = place_labels(lone, Box(0, 0, 400, 300), Rules(), keep_out=[wall])
    assert pushed[0].box.x1 < 100  # left of it
    assert not pushed[0].box.overlaps(wall)


def test_the_higher_priority_label_wins_a_contested_spot():
    # Two points 15 px from the left edge of a low map: room for one label, right of them.
    items = [Label(15, 15, "宁波", 15, 4, -2), Label(15, 15, "上海", 15, 4, 98)]
    placed = place_labels(items, Box(0, 0, 120, 30), Rules())
    assert [p.text for p in placed] == ["上海"]


def test_a_label_whose_mark_lies_under_a_placed_label_is_left_out():
    # An area's seat dot is drawn only when it is labelled (its mark is not among the marks given up
    # front): B's seat lies where A's label goes first (right of A), so B is not labelled at all.
    a = Label(50, 50, "AAAA", 10, 3, 100)
    b = Label(75, 52, "B", 10, 3, 10)  # below it there is room for its label
    placed = place_labels([a, b], Box(0, 0, 200, 100), Rules())
    assert [p.text for p in placed] == ["AAAA"]
    assert placed[0].box.touches_circle(b.x, b.y, b.radius)  # the case: B's seat is under A's label
    # With a seat elsewhere, both are labelled, neither over the other's mark.
    c = Label(50, 90, "C", 10, 3, 10)
    both = place_labels([a, c], Box(0, 0, 200, 100), Rules())
    assert_apart(both, [(a.x, a.y, a.radius), (c.x, c.y, c.radius)], Box(0, 0, 200, 100))


def test_a_big_city_moves_one_label_out_of_its_way():
    """Greedy order alone would leave B out: A's first spot covers B's only free spot. A big city (priority
    at least repair_from) moves A to its second choice."""
    a = Label(50, 50, "AAAA", 10, 2, 100)
    b = Label(95, 50, "BBBB", 10, 2, 90)
    walls = [Box(95, 0, 200, 44), Box(95, 56, 200, 100), Box(101, 40, 200, 60)]  # B fits only to its left
    bounds = Box(0, 0, 200, 100)
    plain = place_labels([a, b], bounds, Rules(directions=2), keep_out=walls)
    assert [p.text for p in plain] == ["AAAA"]
    repaired = place_labels([a, b], bounds, Rules(directions=2, repair_from=50), keep_out=walls)
    assert {p.text for p in repaired} == {"AAAA", "BBBB"}
    assert_apart(repaired, [(a.x, a.y, a.radius), (b.x, b.y, b.radius)], bounds)


def test_every_label_of_a_small_view_finds_room_further_out_or_smaller():
    # Five points in a row 12 px apart: beside each there is no room, further out there is.
    items = [Label(100 + 12 * k, 100, f"Zone {k}", 14, 3) for k in range(5)]
    placed = place_labels(items, Box(0, 0, 400, 300), EVERY_LABEL, [(i.x, i.y, i.radius) for i in items])
    assert len(placed) == 5
    assert any(p.leader for p in placed)


def test_the_rule_of_every_map():
    assert rules_for(ALL_LABELS_MAX) is EVERY_LABEL
    assert rules_for(ALL_LABELS_MAX + 1) is WHILE_ROOM


def test_more_labels_fit_on_a_larger_map():
    small, large = china((871, 562)), china((1328, 922))
    count = [len(place_labels(labels(v), frame((v.width, v.height)), WHILE_ROOM)) for v in (small, large)]
    assert count[0] < count[1] <= 181


def test_labels_outside_the_map_are_left_out():
    viewport = Viewport(120, 30, 7, 400, 300)  # Zhejiang only
    placed = {p.text for p in place_labels(labels(viewport), frame((400, 300)), WHILE_ROOM)}
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
    w, h = label_size("杭州", 10)
    assert w > 20 and math.isclose(h, 12.5)
