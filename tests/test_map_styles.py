"""The two map styles: zones as areas or markers, markers apart, the label rule, marks, outside, counts."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

from geo import palette
from geo.filters import Filters
from geo.labels import Viewport, project
from geo.mapkey import map_key, outside_provinces
from geo.maplayers import PICKABLE, pick_shapes
from geo.mapmarks import MARKER_LEVELS, apart, spread
from geo.mapscene import dashed
from geo.mapview import MapOptions, build_deck
from tests.facts import expected, fact_confidence, rows, zone_ids_where
from views.detail import picked_zone

# The cities the national view must label, by zone id (issue 24): the municipalities of Beijing and
# Shanghai, Guangzhou, Shenzhen and Hangzhou.
NAMED = ("beijing", "shanghai", "guangzhou", "shenzhen", "hangzhou")
SCREENS = {"presenter 1280x720": ((871, 562), True), "presenter 1920x1080": ((1328, 922), True),
           "map page 1280x720": ((860, 540), False)}  # fmt: skip


@pytest.fixture(scope="module")
def shapes(data):
    return pick_shapes(data.provinces)


def deck(data, filters: Filters | None = None, shapes=None, **options) -> tuple[dict, object]:
    view = data.view(filters or Filters())
    spec = json.loads(
        build_deck(
            data.province_codes,
            data.outlines,
            view,
            MapOptions(**options),
            None,
            shapes,
            not_applicable=data.not_applicable,
        ).to_json()
    )
    return spec, view


def layer(spec, layer_id):
    return next((lyr for lyr in spec["layers"] if lyr["id"] == layer_id), None)


def marker_ids(spec) -> set[str]:
    return {
        m["zone_id"]
        for lid in ("zones-active", "zones-revoked")
        for m in (layer(spec, lid) or {"data": []})["data"]
    }


def test_the_areas_style_fills_each_zone_and_keeps_markers_for_small_zones(data):
    spec, view = deck(data)
    areas = layer(spec, "zone-areas")["data"]["features"]
    small = zone_ids_where(level="county_level_city") | zone_ids_where(level="new_area")
    drawn_as_area = {f["properties"]["zone_id"] for f in areas}
    assert drawn_as_area == set(view["zone_id"]) - small
    assert marker_ids(spec) == small & set(view["zone_id"])
    colours = {z["zone_id"]: palette.batch_colour(int(z["batch"])) for z in rows("zones.csv")}
    revoked = zone_ids_where(status="revoked")
    for f in areas:
        zone, rgba = f["properties"]["zone_id"], f["properties"]["c"]
        assert rgba[:3] == palette.rgba(colours[zone])[:3]
        assert (rgba[3] <= 2) == (zone in revoked)  # revoked: hollow, its outline in its colour instead
    assert layer(spec, "revoked-areas")["data"]
    assert set(MARKER_LEVELS) == {"county_level_city", "new_area"}


def test_areas_and_markers_are_drawn_earliest_batch_last_so_never_under_a_later_one(data):
    for style in ("areas", "markers"):
        spec, _view = deck(data, style=style)
        batch = {z["zone_id"]: int(z["batch"]) for z in rows("zones.csv")}
        order = [m["zone_id"] for m in layer(spec, "zones-active")["data"]]
        if style == "areas":
            order = [f["properties"]["zone_id"] for f in layer(spec, "zone-areas")["data"]["features"]]
        batches = [batch[z] for z in order]
        assert batches == sorted(batches, reverse=True), style


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_no_marker_hides_another_at_the_national_view(data, screen):
    size, present = SCREENS[screen]
    spec, view = deck(data, style="markers", size=size, presenter=present)
    state = spec["initialViewState"]
    viewport = Viewport(state["longitude"], state["latitude"], state["zoom"], *size)
    markers = layer(spec, "zones-active")["data"] + layer(spec, "zones-revoked")["data"]
    assert len(markers) == len(view) == expected().designated
    # Sized in metres (they follow the zoom), this many pixels across at the fitted view.
    active = layer(spec, "zones-active")
    assert active["radiusUnits"] == "meters"
    metres_per_px = 40_075_016.686 * math.cos(math.radians(state["latitude"])) / (512 * 2 ** state["zoom"])
    assert active["getRadius"] == "@@=r"  # each marker's own radius in metres
    radii = {round(m["r"] / metres_per_px, 3) for m in markers}
    assert len(radii) == 1  # one size for all when not comparing
    radius = radii.pop()
    assert active["radiusMinPixels"] < radius < active["radiusMaxPixels"]
    points = [viewport.to_screen(*m["position"]) for m in markers]
    closest = min(math.dist(a, b) for a, b in itertools.combinations(points, 2))
    assert closest >= apart(radius) - 0.05  # 1.5 radii apart: every marker shows its centre
    # Moved no further than needed: most stay within a few pixels of their city.
    home = {z["zone_id"]: (float(z["lon"]), float(z["lat"])) for z in rows("zones.csv")}
    moved = [
        math.dist(viewport.to_screen(*m["position"]), viewport.to_screen(*home[m["zone_id"]]))
        for m in markers
    ]
    assert np.median(moved) < radius and max(moved) < 10 * radius


def test_spread_moves_coinciding_points_apart_and_leaves_free_ones():
    points = np.array([[100.0, 100.0], [100.0, 100.0], [100.5, 100.0], [300.0, 50.0]])
    out = spread(points, 10.0)
    assert min(math.dist(a, b) for a, b in itertools.combinations(out, 2)) >= 10 - 1e-6
    assert tuple(out[3]) == (300.0, 50.0)
    assert max(math.dist(a, b) for a, b in zip(out[:3], points[:3], strict=True)) < 12


def labelled(spec) -> set[str]:
    return {r["label"] for r in layer(spec, "zone-labels")["data"]}


@pytest.mark.parametrize("style", ["areas", "markers"])
@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_the_national_view_labels_the_named_cities_and_most_capitals(data, screen, style):
    size, present = SCREENS[screen]
    spec, _view = deck(data, style=style, size=size, presenter=present)
    names = {z["zone_id"]: z["name_en"] for z in rows("zones.csv")}
    shown = labelled(spec)
    assert {names[z] for z in NAMED} <= shown, {names[z] for z in NAMED} - shown
    capitals = {
        z["name_en"]
        for z in rows("zones.csv")
        if z["adcodes"].endswith("0100") or z["level"] == "municipality"
    }
    assert len(capitals & shown) >= 0.7 * len(capitals), sorted(capitals - shown)


@pytest.mark.parametrize(
    "filters",
    [Filters(batch=(6,)), Filters(batch=(7,)), Filters(province=("44",)), Filters(province=("33",))],
    ids=["batch 6", "batch 7", "Guangdong", "Zhejiang"],
)  # fmt: skip
def test_a_view_of_40_zones_or_fewer_labels_every_active_zone(data, filters):
    for style in ("areas", "markers"):
        spec, view = deck(data, filters, style=style, size=(860, 540))
        assert len(view) <= 40
        assert len(layer(spec, "zone-labels")["data"]) == len(view), style  # revoked ones too


def test_a_labelled_area_gets_a_seat_dot_and_labels_have_a_halo(data):
    spec, _view = deck(data, Filters(province=("44",)))
    assert len(layer(spec, "zone-seats")["data"]) == expected(province={"44"}).designated
    labels = layer(spec, "zone-labels")
    assert labels["outlineWidth"] >= 4 and labels["outlineColor"][:3] == [255, 255, 255]
    assert labels["fontSettings"]["sdf"] is True


def designation(confidence: str) -> set[str]:
    return {z for (z, fact), c in fact_confidence().items() if fact == "designation" and c == confidence}


def test_single_source_designations_get_a_mark_of_their_own_in_both_styles(data):
    single, unverified = designation("single_source"), designation("unverified")
    assert single and not single & unverified
    spec, view = deck(data, style="markers")
    by_point = {
        tuple(m["position"]): m["zone_id"]
        for m in layer(spec, "zones-active")["data"] + layer(spec, "zones-revoked")["data"]
    }
    rings = layer(spec, "zones-single-source")
    assert rings["@@type"] == "IconLayer" and rings["sizeUnits"] == "meters"
    assert {by_point[tuple(r["position"])] for r in rings["data"]} == single & set(view["zone_id"])
    assert {by_point[tuple(r["position"])] for r in layer(spec, "zones-unverified")["data"]} == unverified
    areas, view = deck(data)  # the areas style: a dashed dark edge along each such area
    drawn = {f["properties"]["zone_id"] for f in layer(areas, "zone-areas")["data"]["features"]}
    assert layer(areas, "area-single-source")["data"] and single & drawn
    key = map_key(view, data.registry.batches, "en")
    kinds = [r.kind for section in key for r in section.rows]
    assert "single" in kinds and "unverified" in kinds and "revoked" in kinds
    confirmed_only = map_key(data.view(Filters(batch=(1,))), data.registry.batches, "en")
    assert not {"single", "unverified"} & {r.kind for s in confirmed_only for r in s.rows}


def test_a_dashed_outline_is_dashes_of_four_pixels_with_three_between():
    viewport = Viewport(110, 30, 5, 800, 600)
    x0, y0 = project(110, 30, 5)
    from geo.labels import unproject

    a, b = unproject(x0, y0, 5), unproject(x0 + 70, y0, 5)  # a 70 px line
    dashes = dashed([[*a, *b]], viewport)
    lengths = [math.dist(project(*d[:2], 5), project(*d[2:], 5)) for d in dashes]
    assert len(dashes) == 10 and all(abs(x - 4) < 0.01 for x in lengths)


def test_provinces_a_filter_leaves_out_are_outside_the_view_not_zero(data):
    provinces = data.registry.provinces
    out = outside_provinces(provinces, ("44",), ())
    applicable = {p["province_code"] for p in rows("provinces.csv") if p["region"] != "none"}
    assert out == applicable - {"44"}
    assert outside_provinces(provinces, (), ()) == frozenset()
    east = {p["province_code"] for p in rows("provinces.csv") if p["region"] == "east"}
    assert outside_provinces(provinces, (), ("east",)) == applicable - east
    spec, view = deck(data, Filters(province=("44",)), style="markers", outside=out)
    fill = layer(spec, "provinces")["getFillColor"]
    i = data.province_codes.index("45")  # Guangxi, beside Guangdong
    assert f"properties.i == {i} ? {json.dumps(palette.rgba(palette.OUTSIDE))}" in fill
    key = map_key(view, data.registry.batches, "en", "markers", outside=True)
    assert "outside" in [r.kind for s in key for r in s.rows]


def test_hovering_a_province_shows_its_active_zones_in_view(data, shapes):
    spec, _view = deck(data, Filters(batch=(6,)), shapes=shapes, lang="en")
    tips = {f["properties"]["tt"] for f in layer(spec, "province-hover")["data"]["features"]}
    name = {p["province_code"]: p["name_en"] for p in rows("provinces.csv")}
    for code in ("44", "33", "11"):
        wanted = expected(batch={6}, province={code}).active
        assert f"{name[code]}: {wanted} active zones in view" in tips
    hover = layer(spec, "province-hover")
    assert hover["pickable"] is True and hover["getFillColor"][3] <= 1
    assert len(json.dumps(hover)) < 150_000  # coarse shapes: the hover costs little to send


def test_a_click_on_an_area_or_a_marker_selects_its_zone(data):
    # deck.gl reports the clicked object as the layer holds it: an area is a GeoJSON feature (its zone_id
    # among its properties), a marker a record (its zone_id at the top).
    spec, _view = deck(data)
    area = layer(spec, "zone-areas")["data"]["features"][0]
    marker = layer(spec, "zones-active")["data"][0]
    for layer_id, picked in (("zone-areas", area), ("zones-active", marker)):
        event = {"selection": {"indices": {layer_id: [0]}, "objects": {layer_id: [picked]}}}
        zone = picked.get("properties", picked)["zone_id"]
        assert picked_zone(event, PICKABLE) == zone, layer_id
    assert picked_zone({"selection": {"indices": {}, "objects": {}}}, PICKABLE) is None
