"""The slide's layout worked out without drawing: frame, legend, markers apart, the label rule."""

from __future__ import annotations

import itertools
import math

import pytest

from geo import i18n
from geo.filters import Filters
from geo.labels import Box
from geo.mapmarks import apart
from geo.slide import layout
from geo.slide import render as staticmap
from geo.slide.render import SlideText
from tests.facts import rows

NAMED = ("Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Hangzhou")


def words(lang="en", subtitle="subtitle") -> SlideText:
    return SlideText(i18n.t("app_title", lang), subtitle, i18n.t("source_line", lang), lang)


def plan(data, filters=None, size=(1920, 1080), style="areas"):
    view = data.view(filters or Filters())
    return staticmap.compose_layout(
        view, data.provinces, data.maritime, data.registry.batches, words(), size, style=style,
        areas=data.outlines.fine,
    )  # fmt: skip


def test_an_equal_aspect_map_is_shrunk_in_one_direction_and_anchored():
    rect = Box(0, 0, 400, 200)
    wide = layout.axes_box(rect, (0, 100, 0, 100), (0.5, 1.0))  # a square map in a wide box: top centre
    assert (wide.x0, wide.y0, wide.x1, wide.y1) == (100, 0, 300, 200)
    left = layout.axes_box(Box(0, 0, 200, 400), (0, 100, 0, 50), (0.0, 0.5))  # 2:1 map, tall box: middle
    assert (left.x0, left.y0, left.x1, left.y1) == (0, 150, 200, 250)
    x, y = layout.to_figure((0, 100, 0, 50), left, [50], [25])
    assert (float(x[0]), float(y[0])) == (100, 200)


def test_a_long_subtitle_is_cut_in_two_at_the_dot_nearest_its_middle():
    short = layout.subtitle_lines("Guangdong · 21 active zones", 1880, 1.0)
    assert short == ("Guangdong · 21 active zones",)
    parts = [
        "Guangdong, Zhejiang, Jiangsu",
        "Batch 6 (国函〔2022〕8号)",
        "57 active zones",
        "as of 2026-01-01",
    ]
    lines = layout.subtitle_lines(" · ".join(parts), 300, 1.0)
    assert lines == (" · ".join(parts[:2]) + " ·", " · ".join(parts[2:]))


def test_the_plan_puts_the_map_where_matplotlib_draws_it(data):
    """The one check against drawing: the map box the plan computed is where matplotlib put the axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    view = data.view(Filters(batch=(6,)))
    job = staticmap._job(
        view, data.provinces, data.maritime, data.registry.batches, words(), "png", (1600, 1000),
        "Noto Sans CJK SC", None, "areas", data.outlines.fine, (),
    )  # fmt: skip
    fig, planned = staticmap._compose(job)
    FigureCanvasAgg(fig).draw()
    drawn = fig.axes[0].get_window_extent()
    box = planned.map_box
    assert (drawn.x0, drawn.y0, drawn.x1, drawn.y1) == pytest.approx(
        (box.x0, box.y0, box.x1, box.y1), abs=0.6
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1600, 1000)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("style", ["areas", "markers"])
def test_the_national_slide_labels_the_named_cities_and_keeps_markers_apart(data, size, style):
    slide = plan(data, size=size, style=style)
    names = {z["zone_id"]: z["name_en"] for z in rows("zones.csv")}
    shown = {p.text for p in slide.labels}
    assert set(NAMED) <= shown, set(NAMED) - shown
    assert len(shown) >= 40
    for a, b in itertools.combinations(slide.labels, 2):
        assert not a.box.overlaps(b.box), (a.text, b.text)
    if style == "markers":
        assert len(slide.markers) == len(names) - 0  # every zone a marker
        closest = min(math.dist(a, b) for a, b in itertools.combinations(slide.markers, 2))
        assert closest >= apart(slide.marker_radius) - 0.05
    else:  # county-level cities and new areas only
        small = {z["zone_id"] for z in rows("zones.csv") if z["level"] in ("county_level_city", "new_area")}
        assert len(slide.markers) == len(small)


def test_provinces_outside_a_province_view_are_keyed_as_outside(data):
    from geo.mapkey import map_key

    view = data.view(Filters(province=("44",)))
    key = map_key(view, data.registry.batches, "en", "areas", outside=True, hover=False)
    rows_ = [r for s in key for r in s.rows]
    assert ("outside", i18n.t("key_outside", "en")) in [(r.kind, r.label) for r in rows_]
    assert i18n.t("key_land_still", "en") in [r.label for r in rows_]  # no "hover" on a slide
