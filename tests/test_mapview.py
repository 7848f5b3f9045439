"""Deck builders: layers, tooltips as text, offline settings, payload size, batch digits, view fitting."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math

import pytest
import shapely
import shapely.geometry

from geo import palette
from geo.filters import Filters
from geo.labels import Box, Viewport, label_size
from geo.mapkey import map_key
from geo.mapview import (
    CHINA_BOUNDS,
    MARKERS_ACTIVE,
    MARKERS_REVOKED,
    MapOptions,
    build_deck,
    fit_view,
)
from tests.facts import expected, rows

# The five cities with independent planning status (geo.mapmarks), labelled first beside the capitals.
PLANNED = {"dalian", "ningbo", "xiamen", "qingdao", "shenzhen"}
# Taiwan, Hong Kong, Macao (no economic region): drawn as not applicable.
NA = {p["province_code"] for p in rows("provinces.csv") if p["region"] == "none"}


def deck_json(data, filters: Filters | None = None, **options):
    view = data.view(filters or Filters())
    deck = build_deck(
        data.province_codes, data.outlines, view, MapOptions(**options), not_applicable=data.not_applicable
    )
    text = deck.to_json()
    return text, json.loads(text), view


def layer(spec, layer_id):
    return next(lyr for lyr in spec["layers"] if lyr["id"] == layer_id)


def test_default_deck_is_within_the_600_kb_budget(data):
    text, _spec, _view = deck_json(data)
    assert len(text.encode()) <= 600 * 1024


def test_json_is_compact_and_keeps_chinese_as_utf8(data):
    text, _spec, _view = deck_json(data, lang="zh")
    assert "\n" not in text and '": ' not in text
    assert "杭州市" in text and "\\u676d" not in text


def test_offline_by_default_and_basemap_only_on_request(data):
    _text, spec, _view = deck_json(data)
    assert spec.get("mapProvider") is None
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit drops this sentinel and fetches no style
    _text, online, _view = deck_json(data, basemap=True)
    assert online["mapProvider"] == "carto"


def test_markers_split_active_and_revoked_with_batch_colours(data):
    _text, spec, _view = deck_json(data, style="markers")
    active = layer(spec, MARKERS_ACTIVE)["data"]
    revoked = layer(spec, MARKERS_REVOKED)["data"]
    wanted = expected()
    assert len(active) == wanted.active and len(revoked) == wanted.revoked
    hangzhou = next(r for r in active if r["zone_id"] == "hangzhou")
    assert hangzhou["colour"] == palette.rgba(palette.OKABE_ITO[0])
    hollow = layer(spec, MARKERS_REVOKED)
    assert hollow["getFillColor"][3] <= 2  # drawn hollow, yet its centre picks it


def test_tooltips_are_plain_text_in_the_chosen_language(data):
    _text, spec, _view = deck_json(data, filters=Filters(q="Yiwu"), lang="zh")
    assert spec.get("tooltip", {"text": "{tt}"}) == {"text": "{tt}"}
    tip = layer(spec, MARKERS_ACTIVE)["data"][0]["tt"]
    assert tip.splitlines()[0] == "义乌市 · Yiwu"
    assert "批复文号: 国函〔2018〕93号" in tip and "区位: 内陆" in tip


def test_batch_digits_are_a_second_cue_when_there_is_room(data):
    _text, spec, _view = deck_json(data, filters=Filters(batch=(6,)), style="markers")
    digits = layer(spec, "batch-digits")["data"]
    assert {d["batch"] for d in digits} == {"6"}
    _text, crowded, _view = deck_json(data, style="markers")
    assert "batch-digits" not in {lyr["id"] for lyr in crowded["layers"]}


def test_digit_ink_contrasts_with_its_marker():
    assert palette.text_on("#000000") == "#ffffff"
    assert palette.text_on("#F0E442") == "#000000"


def test_presenter_labels_use_a_chinese_character_set(data):
    _text, spec, _view = deck_json(data, filters=Filters(batch=(6,)), lang="zh", presenter=True)
    labels = layer(spec, "zone-labels")
    assert labels["characterSet"] == "auto"
    assert "鄂尔多斯" in {r["label"] for r in labels["data"]}


def test_outlines_follow_the_view(data):
    _text, spec, view = deck_json(data, filters=Filters(province=("33",)), style="markers")
    assert (
        len(layer(spec, "zone-extent")["data"]["features"])
        == len(view)
        == expected(province={"33"}).designated
    )
    # The outline segments trace exactly the boundaries of the zones in view (a fitted view: fine geometry).
    segments = layer(spec, "zone-outlines")["data"]
    drawn = sum(math.dist(s[:2], s[2:4]) for s in segments)
    wanted = sum(shapely.geometry.shape(data.outlines.fine[z]).boundary.length for z in view["zone_id"])
    assert drawn == pytest.approx(wanted, rel=1e-9)


def test_fit_view_frames_a_province_and_keeps_china_for_everything(data):
    _text, _spec, view = deck_json(data, filters=Filters(province=("33",)))
    state = fit_view(view, (900, 540))
    assert 118 < state["longitude"] < 123 and 27 < state["latitude"] < 31 and state["zoom"] > 5
    _text, _spec, everything = deck_json(data)
    assert fit_view(everything, (900, 540)) == fit_view(everything.iloc[0:0], (900, 540))  # all of China


def geojson_bounds(path) -> tuple[float, float, float, float]:
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], int | float):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for part in c:
                walk(part)

    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def test_china_bounds_hold_the_provinces_and_the_ten_dash_line_closely():
    from geo.paths import BOUNDARIES_DIR

    drawn = [geojson_bounds(BOUNDARIES_DIR / f) for f in ("provinces.geojson", "maritime.geojson")]
    lon0, lat0 = min(b[0] for b in drawn), min(b[1] for b in drawn)
    lon1, lat1 = max(b[2] for b in drawn), max(b[3] for b in drawn)
    w0, s0, e0, n0 = CHINA_BOUNDS
    assert w0 <= lon0 < w0 + 0.5 and s0 <= lat0 < s0 + 0.5 and e0 - 0.5 < lon1 <= e0 and n0 - 0.5 < lat1 <= n0


@pytest.mark.parametrize("size", [(871, 562), (932, 610), (1328, 922), (600, 540), (1500, 400), (400, 900)])
def test_all_of_china_fits_the_map_and_fills_most_of_it(data, size):
    state = fit_view(data.view(Filters()), size)
    viewport = Viewport(state["longitude"], state["latitude"], state["zoom"], *size)
    w0, s0, e0, n0 = CHINA_BOUNDS
    left, top = viewport.to_screen(w0, n0)
    right, bottom = viewport.to_screen(e0, s0)
    width, height = size
    assert 0 < left < right < width and 0 < top < bottom < height
    assert max((right - left) / width, (bottom - top) / height) >= 0.85


def test_the_deck_is_fitted_to_the_size_the_browser_reported(data):
    _text, small, _view = deck_json(data, size=(600, 400))
    _text, large, _view = deck_json(data, size=(1800, 1000))
    assert large["initialViewState"]["zoom"] > small["initialViewState"]["zoom"] + 1


def test_presenter_labels_do_not_overlap_on_the_deck(data):
    size = (871, 562)
    _text, spec, _view = deck_json(data, lang="en", presenter=True, size=size)
    state, labels = spec["initialViewState"], layer(spec, "zone-labels")
    viewport = Viewport(state["longitude"], state["latitude"], state["zoom"], *size)
    boxes = []
    for r in labels["data"]:
        x, y = viewport.to_screen(*r["position"])  # each label is drawn centred on its position
        w, h = label_size(r["label"], r["size"])
        boxes.append(Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    assert len(boxes) >= 30
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    assert all(b.x0 >= 0 and b.x1 <= size[0] and b.y0 >= 0 and b.y1 <= size[1] for b in boxes)


def test_capitals_and_municipalities_are_labelled_first(data):
    from geo.mapmarks import label_priority

    view = data.view(Filters())
    capital = {z["zone_id"] for z in rows("zones.csv") if z["adcodes"].endswith("0100")}
    capital |= {z["zone_id"] for z in rows("zones.csv") if z["level"] in ("municipality", "province")}
    ranks = {r.zone_id: label_priority(r.level, r.adcodes, r.batch) for r in view.itertuples()}
    assert min(ranks[z] for z in capital if z in ranks) > max(
        ranks[z] for z in ranks if z not in capital | PLANNED
    )


def test_legend_lists_only_batches_in_view(data):
    _text, _spec, view = deck_json(data, filters=Filters(batch=(6, 7)))
    zones = map_key(view, data.registry.batches, "en")[0].rows
    assert [r.label.split(" · ")[0] for r in zones if r.kind == "area"] == ["Batch 6", "Batch 7"]


def test_text_alternative_describes_the_view(data):
    from geo.maptext import map_description

    _text, _spec, view = deck_json(data, filters=Filters(batch=(6,)))
    wanted = expected(batch={6})
    text = map_description(view, "2026-01-01", "en")
    assert text.startswith(f"As of 2026-01-01, the map shows {wanted.designated} pilot zones of batch 6.")
    assert f"{wanted.active} of them are active and {wanted.revoked} revoked" in text
    assert "Guangdong (8)" in text and "—" not in text
    zh = map_description(view, "2026-01-01", "zh")
    assert "广东省 (8)" in zh and f"{wanted.designated} 个综试区" in zh


def test_text_alternative_of_one_revoked_zone_says_none_is_active(data):
    from geo.maptext import map_description

    view = data.view(Filters(q="Alashankou"))
    text = map_description(view, "2026-01-01", "en")
    assert "the map shows 1 pilot zone of batch" in text and "to batch" not in text
    assert "None of them is active on that day." in text and "—" not in text


def test_the_ten_dash_line_is_drawn(data):
    deck = build_deck(
        data.province_codes,
        data.outlines,
        data.view(Filters()),
        MapOptions(),
        data.maritime_features,
        not_applicable=data.not_applicable,
    )
    spec = json.loads(deck.to_json())
    dashes = layer(spec, "maritime")["data"]["features"]
    coords = [c for f in dashes for line in f["geometry"]["coordinates"] for c in line]
    assert coords and all(105 < lon < 125 and 3 < lat < 26 for lon, lat in coords)


def test_static_display_files_are_current(data):
    from geo.boundaries import load_provinces, load_zone_areas
    from geo.build.static_geometry import static_files
    from geo.paths import STATIC_DIR

    for name, content in static_files(load_provinces(), load_zone_areas(), data.not_applicable).items():
        assert (STATIC_DIR / name).read_bytes() == content, (
            f"static/{name} is stale: run python -m geo.build.static_geometry"
        )


def test_province_fill_follows_the_counts(data):
    _text, spec, _view = deck_json(data, filters=Filters(province=("44",)), style="markers")
    provinces = layer(spec, "provinces")
    assert provinces["data"] == "/app/static/provinces.geojson"
    i = data.province_codes.index("44")
    eleven_plus = palette.rgba(palette.fill_colour(21))
    assert f"properties.i == {i} ? {json.dumps(eleven_plus)}" in provinces["getFillColor"]
    taiwan = data.province_codes.index("71")
    assert (
        f"properties.i == {taiwan} ? {json.dumps(palette.rgba(palette.NOT_APPLICABLE))}"
        in provinces["getFillColor"]
    )


def static_json(name: str):
    from geo.paths import STATIC_DIR

    return json.loads((STATIC_DIR / name).read_text(encoding="utf-8"))


def test_every_zone_in_view_draws_its_outline_from_the_static_files(data):
    _text, spec, view = deck_json(data, style="markers")
    assert len(view) == expected().designated
    assert layer(spec, "zone-extent")["data"] == "/app/static/zone-outlines.geojson"
    assert layer(spec, "zone-outlines")["data"] == "/app/static/zone-outline-lines.json"
    _text, areas, _view = deck_json(data)  # the areas style: the white lines between areas
    assert layer(areas, "zone-edges")["data"] == "/app/static/zone-outline-lines.json"


def test_a_national_view_sends_only_the_outlines_of_its_zones_as_the_static_file_draws_them(data):
    _text, spec, view = deck_json(data, filters=Filters(batch=(1, 2)), style="markers")  # national view
    wanted = {z for z in view["zone_id"]}
    assert len(wanted) == expected(batch={1, 2}).designated
    static = static_json("zone-outlines.geojson")["features"]
    shapes = [f["geometry"] for f in static if f["properties"]["zone_id"] in wanted]
    assert [f["geometry"] for f in layer(spec, "zone-extent")["data"]["features"]] == shapes
    segments = layer(spec, "zone-outlines")["data"]
    drawn = sum(math.dist(s[:2], s[2:4]) for s in segments)
    assert drawn == pytest.approx(sum(shapely.geometry.shape(g).boundary.length for g in shapes), rel=1e-9)


def test_a_layer_whose_data_stays_changes_nothing_but_its_fill_colour(data):
    """A selectable chart in Streamlit keeps only each layer's getFillColor update trigger, so a changed
    line-colour expression over unchanged data would never be redrawn (stale outlines)."""
    views = [
        Filters(),
        Filters(batch=(6,)),
        Filters(batch=(1, 2)),
        Filters(province=("44",)),
        Filters(asof=dt.date(2019, 1, 1)),
    ]
    specs = [deck_json(data, filters=f, style=style)[1] for f in views for style in ("areas", "markers")]
    for a, b in itertools.combinations(specs, 2):
        for la in a["layers"]:
            lb = next((x for x in b["layers"] if x["id"] == la["id"]), None)
            if lb is None or la.get("data") != lb.get("data") or not isinstance(la.get("data"), str):
                continue
            changed = {k for k in la.keys() | lb.keys() if la.get(k) != lb.get(k)}
            assert changed <= {"getFillColor", "updateTriggers"}, (la["id"], changed)


def test_province_borders_are_drawn_once_each_with_the_not_applicable_areas_in_grey():
    provinces = static_json("provinces.geojson")["features"]
    shapes = [shapely.geometry.shape(f["geometry"]) for f in provinces]
    na = [s for s, f in zip(shapes, provinces, strict=True) if f["properties"]["province_code"] in NA]
    segments = static_json("province-borders.json")
    white = sum(math.dist(s[:2], s[2:4]) for s in segments if len(s) == 4)
    grey = sum(math.dist(s[:2], s[2:4]) for s in segments if len(s) == 5 and s[4] == 1)
    assert len(segments) == sum(len(s) in (4, 5) for s in segments)
    assert grey == pytest.approx(sum(s.boundary.length for s in na), rel=1e-9)
    every_border_once = shapely.union_all([s.boundary for s in shapes]).length
    assert white + grey == pytest.approx(every_border_once, rel=1e-9)
    assert every_border_once < 0.8 * sum(s.boundary.length for s in shapes)  # shared borders were twice
