"""What each zone is drawn as on every map (deck, slide, HTML file): area or marker, marks, order, radius."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from geo.evidence import SINGLE, UNVERIFIED
from geo.labels import ALL_LABELS_MAX

AREAS, MARKERS = "areas", "markers"
STYLES = (AREAS, MARKERS)  # the map styles, the default first (the `style` URL parameter)
DEFAULT_STYLE = AREAS
# Too small to see as areas at the national view: in the areas style they keep a marker.
MARKER_LEVELS = ("county_level_city", "new_area")

# The marks of a designation's confidence, drawn around the zone's marker or along its area's edge.
MARK_UNVERIFIED, MARK_SINGLE = "unverified", "single"
MARKS = {UNVERIFIED: MARK_UNVERIFIED, SINGLE: MARK_SINGLE}


def as_marker(view: pd.DataFrame, style: str) -> np.ndarray:
    """Per row of the view: True where the zone is drawn as a marker (every zone in the markers style;
    county-level cities and new areas in the areas style), False where as its own area."""
    if style == MARKERS:
        return np.ones(len(view), dtype=bool)
    return view["level"].isin(MARKER_LEVELS).to_numpy()


def mark(confidence: str) -> str:
    """The confidence mark of a designation: 'unverified', 'single' or '' (confirmed: no mark)."""
    return MARKS.get(confidence, "")


def earliest_on_top(view: pd.DataFrame) -> pd.DataFrame:
    """The rows in drawing order: later batches first, so that an earlier batch is never drawn under a
    later one (within a batch, by zone id: the same order every time)."""
    return view.sort_values(["batch", "zone_id"], ascending=[False, True], kind="stable")


# Label priority -------------------------------------------------------------------------------------------

# The five cities with independent planning status (计划单列市), listed first beside the provincial
# capitals: "目前，我国计划单列市有5个，即深圳、宁波、青岛、大连、厦门" (https://haomeiwen.com/subject/ltjavdtx.html).
# GB/T 2260 codes of Dalian, Ningbo, Xiamen, Qingdao, Shenzhen.
PLANNED_CITY_CODES = ("210200", "330200", "350200", "370200", "440300")
BIG_CITY = 100  # the priority a big city adds over any batch order (a municipality twice that)


def big_city(level: str, adcodes: str) -> bool:
    """A municipality, a whole province, a provincial capital (its GB/T 2260 code ends in 0100) or one of
    the five cities with independent planning status."""
    first = str(adcodes).split(";")[0]
    return level in ("municipality", "province") or first.endswith("0100") or first in PLANNED_CITY_CODES


def seat_kept_clear(level: str, adcodes: str, zones: int) -> bool:
    """Whether no label may cover this area's seat dot, whichever zones get labelled: a big city's, and
    every seat of a view of `zones` zones that labels them all (each seat is then drawn). Any other seat is
    drawn only with its label, and geo.labels keeps every placed label off it."""
    return zones <= ALL_LABELS_MAX or big_city(level, adcodes)


def label_priority(level: str, adcodes: str, batch: int) -> int:
    """Which label wins a crowded spot, the same on the map, in presenter mode and on slides: the
    municipalities, then the other big cities (see big_city), then the rest; within each, earlier batches
    before later ones."""
    tier = 2 if level == "municipality" else 1 if big_city(level, adcodes) else 0
    return tier * BIG_CITY - int(batch)


# Markers --------------------------------------------------------------------------------------------------

MARKER_MIN, MARKER_MAX = 4.5, 10.0  # radius in pixels at the fitted view
MARKER_SPACE = 1.5  # pixels of air kept between two markers (their rims)
# Markers stand at least 1.5 radii (plus the rim) apart: beside any one neighbour a marker shows its centre
# and at least 86% of its disc, and as earlier batches are drawn on top, they show whole.
APART = 1.5


def apart(radius: float) -> float:
    """The least distance in pixels between two markers' centres."""
    return APART * radius + MARKER_SPACE


AREA_STYLE_MARKER = 6.0  # the radius of the few small zones' markers in the areas style


def marker_radius(zones: int, presenter: bool = False, style: str = MARKERS) -> float:
    """A marker's radius in pixels at the fitted view: smaller the more markers are shown, so that they can
    all stand apart (64 / sqrt(n), between MARKER_MIN and MARKER_MAX; in the areas style, where markers
    stand for small zones, AREA_STYLE_MARKER), a little larger in presenter mode."""
    radius = min(MARKER_MAX, max(MARKER_MIN, 64 / math.sqrt(max(zones, 1))))
    if style == AREAS:
        radius = min(radius, AREA_STYLE_MARKER)
    return round(radius * (1.15 if presenter else 1.0), 2)


def spread(points: np.ndarray, distance: float, order: np.ndarray | None = None) -> np.ndarray:
    """Screen positions moved apart as little as needed so that no two are closer than `distance` (pixels):
    the markers of neighbouring cities (Guangzhou and Foshan are about a pixel apart at the national view)
    end up side by side instead of one hiding the other. First every overlapping pair pushes apart a
    little, with a weak pull back to where each belongs (a crowd opens up around its centre); then the
    points are placed one by one in `order` (callers pass the earliest batch first): each where the
    pushing left it if that is free, else at the nearest free spot around it. Deterministic."""
    home = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(home) < 2:
        return home.copy()
    relaxed = _relax(home, distance)
    return _settle(relaxed, distance, np.arange(len(home)) if order is None else np.asarray(order))


def _relax(home: np.ndarray, distance: float, rounds: int = 200) -> np.ndarray:
    """Overlapping pairs pushed apart together, each point pulled back a little, for up to `rounds` rounds.
    Only pairs that start within a few distances of each other are looked at (the pairs are found again
    every 20 rounds)."""
    xy = home.copy()
    n = len(xy)
    angles = np.arange(n) * 2.399963  # the golden angle: a distinct direction for coinciding points
    nudge = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    for round_ in range(rounds):
        if round_ % 20 == 0:
            near = np.hypot(xy[:, 0, None] - xy[None, :, 0], xy[:, 1, None] - xy[None, :, 1]) < 3 * distance
            ci, cj = np.nonzero(upper & near)
            if not len(ci):
                break
        dx, dy = xy[ci, 0] - xy[cj, 0], xy[ci, 1] - xy[cj, 1]
        d = np.hypot(dx, dy)
        hit = d < distance
        if not hit.any():
            if round_ % 20 == 0:
                break
            continue
        i, j, dx, dy, d = ci[hit], cj[hit], dx[hit], dy[hit], d[hit]
        apart = d > 1e-6
        ux = np.where(apart, dx / np.where(apart, d, 1), nudge[i, 0] - nudge[j, 0])
        uy = np.where(apart, dy / np.where(apart, d, 1), nudge[i, 1] - nudge[j, 1])
        half = (distance - d) / 2
        push = np.zeros_like(xy)
        np.add.at(push, i, np.stack([ux * half, uy * half], axis=1))
        np.add.at(push, j, -np.stack([ux * half, uy * half], axis=1))
        xy += 0.9 * push + 0.02 * (home - xy)
    return xy


def _settle(start: np.ndarray, distance: float, order: np.ndarray) -> np.ndarray:
    """Points placed one by one in `order`, each at its start if free, else at the nearest free spot on
    rings around it (a tenth of `distance` apart, 24 directions, the side away from its crowd first)."""
    out = start.copy()
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    ring = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    placed: list[int] = []
    need = distance - 1e-9
    for i in order.tolist():
        if placed:
            others = out[placed]
            spot = start[i]
            if np.hypot(*(others - spot).T).min() < need:
                away = spot - others[np.hypot(*(others - spot).T) < 2 * distance].mean(axis=0)
                turn = math.atan2(away[1], away[0]) if np.hypot(*away) > 1e-9 else 0.0
                rotate = np.array([[math.cos(turn), math.sin(turn)], [-math.sin(turn), math.cos(turn)]])
                turned = ring @ rotate
                for step in range(1, 1000):
                    candidates = spot + turned * (step * distance / 10)
                    gaps = np.hypot(
                        candidates[:, 0, None] - others[None, :, 0],
                        candidates[:, 1, None] - others[None, :, 1],
                    ).min(axis=1)
                    free = np.nonzero(gaps >= need)[0]
                    if len(free):
                        spot = candidates[free[0]]
                        break
            out[i] = spot
        placed.append(i)
    return out
