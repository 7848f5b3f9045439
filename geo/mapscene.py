"""Where things go on the interactive map at its fitted view: markers apart, labels placed (no pydeck)."""

# Positions are worked out in screen pixels at the fitted view (geo.labels.Viewport) and handed to deck.gl
# in lon/lat, so that markers, labels and their leader lines stay together when the map is zoomed.

from __future__ import annotations

import math
from collections import namedtuple
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo import palette
from geo.changes import ADDED, REMOVED, UNCHANGED, comparing
from geo.display import Segment
from geo.labels import Box, Label, Viewport, place_labels, project, rules_for, unproject
from geo.mapmarks import (
    apart,
    as_marker,
    earliest_on_top,
    label_priority,
    mark,
    marker_radius,
    seat_kept_clear,
    spread,
)
from geo.maptext import short_label, zone_tooltip

RIM = 1.5  # pixels of white rim around a marker
MARK_GAP = 2.5  # pixels from a marker's edge to its confidence ring
SEAT_RADIUS = 2.5  # the dot at a labelled zone's seat in the areas style (pixels)
MARGIN = 4.0  # pixels kept free along the map's edges
EARTH = 40_075_016.686  # metres round the equator, as deck.gl's Web-Mercator scales use


@dataclass(frozen=True)
class Scene:
    """Everything drawn for the zones of one view at its fitted view state."""

    radius: float  # markers' radius in pixels at the fitted view
    metres_per_pixel: float  # at the fitted view (markers and rings are sized in metres: they follow zoom)
    markers: list[dict] = field(default_factory=list)  # zones drawn as markers, earliest batch last
    areas: list[str] = field(default_factory=list)  # zone ids drawn as their own area, earliest batch last
    labels: list[dict] = field(default_factory=list)  # label, position (its centre), size
    leaders: list[Segment] = field(default_factory=list)
    seats: list[list[float]] = field(default_factory=list)  # the dots of labelled areas
    # Comparing with an earlier date (geo.changes): zones designated since then are drawn larger (markers)
    # or in full colour, the unchanged ones muted, and those revoked since then carry a cross.
    window: bool = False
    muted: frozenset[str] = frozenset()  # zone ids drawn muted
    crosses: list[dict] = field(default_factory=list)  # position of each zone revoked in the window


def rows(view: pd.DataFrame):
    """The view's rows as named tuples, read column by column (much faster than DataFrame.itertuples)."""
    row = namedtuple("row", view.columns, rename=True)  # type: ignore[misc]
    return map(row._make, zip(*(view[c].tolist() for c in view.columns), strict=True))


def metres_per_pixel(latitude: float, zoom: float) -> float:
    """Ground metres per screen pixel at the centre of a Web-Mercator view (deck.gl's 'meters' units)."""
    return EARTH * math.cos(math.radians(latitude)) / (512 * 2**zoom)


def to_lonlat(viewport: Viewport, x: float, y: float) -> list[float]:
    """The lon/lat of a canvas pixel of the viewport (the inverse of Viewport.to_screen)."""
    cx, cy = project(viewport.longitude, viewport.latitude, viewport.zoom)
    lon, lat = unproject(cx + x - viewport.width / 2, cy + y - viewport.height / 2, viewport.zoom)
    return [round(lon, 5), round(lat, 5)]


def build_scene(
    view: pd.DataFrame,
    viewport: Viewport,
    style: str,
    lang: str,
    label_size: float,
    presenter: bool,
    outlined: Collection[str] | None = None,
) -> Scene:
    """Markers (moved apart where they would hide one another), areas, labels, leaders and seat dots.
    `outlined`: the zone ids that have an outline to draw (None: all); any other zone is a marker, whatever
    the style (a new batch's zones before the geometry is built again)."""
    ordered = earliest_on_top(view)
    marker = as_marker(ordered, style)
    if outlined is not None:
        marker = marker | ~ordered["zone_id"].isin(outlined).to_numpy()
    radius = marker_radius(int(marker.sum()), presenter, style)
    window = comparing(ordered)
    changes = ordered["change"].tolist() if window else [None] * len(ordered)
    larger = [window and c in ADDED for c in changes]
    extra = palette.NEW_EXTRA if any(larger) else 0.0  # markers stand apart by the larger size
    mpp = metres_per_pixel(viewport.latitude, viewport.zoom)
    home = np.array(
        [viewport.to_screen(lon, lat) for lon, lat in zip(ordered["lon"], ordered["lat"], strict=True)]
    )
    home = home.reshape(-1, 2)
    xy = home.copy()
    if marker.any():  # placed earliest batch first: the earliest keep their own spot
        idx = np.nonzero(marker)[0][::-1]
        xy[idx] = spread(home[idx], apart(radius + extra))
    muted = frozenset(z for z, c in zip(ordered["zone_id"], changes, strict=True) if c == UNCHANGED)
    scene = Scene(radius, mpp, window=window, muted=muted)
    labels, circles, seated = [], [], []
    for k, row in enumerate(rows(ordered)):
        x, y = xy[k]
        confidence = mark(getattr(row, "designation_confidence", ""))
        alpha = palette.MUTED_ALPHA if row.zone_id in muted else 255
        size = radius + (extra if larger[k] else 0.0)
        if marker[k]:
            ink = palette.text_on(palette.batch_colour(row.batch))
            scene.markers.append(
                {
                    "zone_id": row.zone_id,
                    "position": to_lonlat(viewport, x, y),
                    "r": round(size * mpp, 1),  # metres: follows the zoom
                    "colour": palette.rgba(palette.batch_colour(row.batch), alpha),
                    "ink": palette.rgba(ink, alpha),
                    "batch": str(row.batch),
                    "active": row.status_asof == "active",
                    "mark": confidence,
                    "tt": zone_tooltip(row, lang),
                }
            )
            circles.append((x, y, size + RIM + (MARK_GAP + 1 if confidence else 0)))
        else:
            scene.areas.append(row.zone_id)
            if seat_kept_clear(row.level, row.adcodes, len(view)):
                circles.append((x, y, SEAT_RADIUS + 1))
        if changes[k] in REMOVED:  # over the marker, or at the seat of the (hollow) area
            scene.crosses.append({"zone_id": row.zone_id, "position": to_lonlat(viewport, x, y)})
        # Every zone shown is a label candidate by the same rule, a revoked one too.
        mark_radius = size + RIM if marker[k] else SEAT_RADIUS + 1
        priority = label_priority(row.level, row.adcodes, row.batch)
        labels.append(Label(x, y, short_label(row, lang), label_size, mark_radius, priority))
        seated.append(not marker[k])
    frame = Box(MARGIN, MARGIN, viewport.width - MARGIN, viewport.height - MARGIN)
    placed = place_labels(labels, frame, rules_for(len(view)), circles)
    for p in placed:
        cx, cy = p.box.centre
        scene.labels.append(
            {"label": p.text, "position": to_lonlat(viewport, cx, cy), "size": label_size * p.factor}
        )
        if p.leader:
            scene.leaders.append(to_lonlat(viewport, *p.leader[:2]) + to_lonlat(viewport, *p.leader[2:]))
        if seated[p.index]:
            scene.seats.append(to_lonlat(viewport, labels[p.index].x, labels[p.index].y))
    return scene


def dashed(segments: list[Segment], viewport: Viewport, on: float = 4.0, off: float = 3.0) -> list[Segment]:
    """An outline (lon/lat segments, in order) cut into dashes of `on` pixels with `off` pixels between
    them at the viewport's zoom (deck.gl's plain line layer draws no dashes of its own)."""
    out: list[Segment] = []
    phase = 0.0  # how far into the current on+off period the walk is
    period = on + off
    for seg in segments:
        x0, y0 = project(seg[0], seg[1], viewport.zoom)
        x1, y1 = project(seg[2], seg[3], viewport.zoom)
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while done < length:
            step = min((on - phase) if phase < on else (period - phase), length - done)
            if phase < on and step > 0:
                a, b = done / length, (done + step) / length
                p0 = unproject(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, viewport.zoom)
                p1 = unproject(x0 + (x1 - x0) * b, y0 + (y1 - y0) * b, viewport.zoom)
                out.append([round(p0[0], 5), round(p0[1], 5), round(p1[0], 5), round(p1[1], 5)])
            done += step
            phase = (phase + step) % period
    return out
