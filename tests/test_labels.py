"""Label placement: no two placed labels overlap, and more labels fit as the map zooms in."""

from __future__ import annotations

import itertools

from geo.labels import _box, layout_labels, project, text_width
from geo.registry import load_registry


def records(lang="zh"):
    zones = load_registry().zones
    return [
        {"position": [z.lon, z.lat], "label": z.name_zh if lang == "zh" else z.name_en, "priority": -z.batch}
        for z in zones.itertuples()
    ]


def boxes(placed, zoom, size):
    out = []
    for r in placed:
        x, y = project(*r["position"], zoom)
        out.append(_box(x, y, r["label"], size, r["anchor"], r["baseline"], r["offset"]))
    return out


def test_placed_labels_never_overlap():
    for zoom in (3.0, 4.5, 6.0):
        placed = layout_labels(records(), zoom, 14)
        for a, b in itertools.combinations(boxes(placed, zoom, 14), 2):
            assert not a.overlaps(b)


def test_more_labels_fit_when_zoomed_in():
    assert len(layout_labels(records(), 3.0, 14)) < len(layout_labels(records(), 6.0, 14)) <= 181


def test_the_first_zone_by_priority_is_always_labelled():
    placed = layout_labels(records(), 3.0, 14)
    assert placed[0]["label"] == "杭州市"


def test_projection_matches_web_mercator():
    # At zoom 0 the world is 512 px wide in deck.gl; lon 0 / lat 0 sits in the middle.
    assert project(0, 0, 0) == (256.0, 256.0)
    x, _ = project(90, 0, 1)
    assert abs(x - 768) < 1e-9


def test_chinese_text_is_wider_per_character_than_latin():
    assert text_width("杭州", 10) == 20
    assert text_width("ab", 10) < 20
