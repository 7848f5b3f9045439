"""THE label placement of every map (deck, presenter mode, slide): greedy by priority, in screen pixels."""

# One engine and one rule for the interactive map and the slide image, so that both label the same zones:
# the big cities first, then earlier batches, then the rest while space allows
# (geo.mapmarks.label_priority); in a view of at most ALL_LABELS_MAX zones, every zone, with leader lines
# and smaller type where needed. Coordinates are screen pixels with y pointing down; the slide converts from
# matplotlib's y-up pixels. Text widths come from the labels' font metrics (LATIN_EM), so layouts are
# computed without drawing.

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

LINE_HEIGHT = 1.25  # a label's box height per pixel of type size (glyphs plus their white halo)
PAD = 2.0  # pixels of halo left and right of a label's glyphs
ALL_LABELS_MAX = 40  # a view of at most this many zones labels every one of them
AIR = 3.0  # pixels between a marker's rim and its label

# Directions from a point to its label, best first (screen pixels, y down): right, left, above, below, the
# diagonals, then the eight between them.
_D, _A, _B = math.sqrt(0.5), math.cos(math.pi / 8), math.sin(math.pi / 8)
DIRECTIONS = (
    (1, 0), (-1, 0), (0, -1), (0, 1), (_D, -_D), (-_D, -_D), (_D, _D), (-_D, _D),
    (_A, -_B), (-_A, -_B), (_A, _B), (-_A, _B), (_B, -_A), (-_B, -_A), (_B, _A), (-_B, _A),
)  # fmt: skip


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def touches_circle(self, cx: float, cy: float, r: float) -> bool:
        """Whether the circle of radius r around (cx, cy) reaches into the box."""
        dx = cx - min(max(cx, self.x0), self.x1)
        dy = cy - min(max(cy, self.y0), self.y1)
        return dx * dx + dy * dy < r * r

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Label:
    """A label to place: the point it names (screen pixels), its text, type size (pixels), the radius of
    the mark drawn at the point (its marker or seat dot; 0 for none) and its priority (higher first)."""

    x: float
    y: float
    text: str
    size: float
    radius: float = 0.0
    priority: int = 0


@dataclass(frozen=True)
class Placed:
    """Where a label went: its box, the factor its type was drawn at, and its leader line (from the mark's
    rim to the label) when it stands further out than beside the mark."""

    index: int
    text: str
    box: Box
    factor: float = 1.0
    leader: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Rules:
    """How hard the engine tries: directions tried (the first n of DIRECTIONS), distances (times the gap
    between the point and a label beside it; beyond 1 with a leader line), type size factors, and rounds
    (a round starts with the labels the last one left out; the round placing most wins)."""

    directions: int = 8
    distances: tuple[float, ...] = (1.0,)
    factors: tuple[float, ...] = (1.0,)
    rounds: int = 1
    repair_from: float = math.inf  # a label of at least this priority that finds no room may move one other


# Every zone of a small view, with leader lines and smaller type if need be.
EVERY_LABEL = Rules(
    directions=16,
    distances=(1.0, 1.8, 2.7, 3.7, 5.0, 6.5, 8.5),
    factors=(1.0, 0.85, 0.72),
    rounds=6,
    repair_from=-math.inf,
)
# A crowded view: in priority order while there is room beside the mark or a little further out.
# Big cities (priority 50 and up, geo.mapmarks) that find no room may move one label out of their way.
WHILE_ROOM = Rules(directions=16, distances=(1.0, 1.8, 2.7, 3.7, 5.0, 6.5), repair_from=50)


def rules_for(zones: int) -> Rules:
    """The rule of every map: every zone when the view shows at most ALL_LABELS_MAX, else by priority."""
    return EVERY_LABEL if zones <= ALL_LABELS_MAX else WHILE_ROOM


@dataclass(frozen=True)
class Viewport:
    """A deck.gl MapView camera on a canvas: its centre, zoom and size in CSS pixels."""

    longitude: float
    latitude: float
    zoom: float
    width: float
    height: float

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        """Canvas pixel coordinates (origin top left) of a point."""
        x, y = project(lon, lat, self.zoom)
        cx, cy = project(self.longitude, self.latitude, self.zoom)
        return self.width / 2 + x - cx, self.height / 2 + y - cy


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-Mercator world pixel coordinates (as deck.gl's MapView uses) at `zoom`."""
    scale = 512 * 2**zoom / (2 * math.pi)
    x = scale * (math.radians(lon) + math.pi)
    y = scale * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The (lon, lat) of Web-Mercator world pixel coordinates at `zoom` (the inverse of project)."""
    scale = 512 * 2**zoom / (2 * math.pi)
    lon = math.degrees(x / scale - math.pi)
    lat = math.degrees(2 * math.atan(math.exp(math.pi - y / scale)) - math.pi / 2)
    return lon, lat


# Advance widths (em) of the Latin glyphs of Noto Sans CJK SC, the labels' face, in classes rounded up
# (measured with Chromium's canvas measureText); every other character is taken as a full em.
LATIN_EM = (
    (0.33, " !',.:;Iijl|"),
    (0.40, "()-/[\\]frt{}"),
    (0.53, '"*?csvxyz'),
    (0.58, "#$+0123456789<=>FJLVXY^_aegk~"),
    (0.64, "ACEPRSTZbdhnopqu"),
    (0.75, "&BDGHKNOQU`"),
    (0.95, "%@MWmw"),
)
_EM = {ch: em for em, chars in LATIN_EM for ch in chars}


def text_width(text: str, size: float) -> float:
    """The rendered width of a label in pixels, on the safe side (see LATIN_EM)."""
    return sum(_EM.get(ch, 1.0) for ch in text) * size


def label_size(text: str, size: float) -> tuple[float, float]:
    """The (width, height) in pixels of the box a label covers: its glyphs, on the safe side, and halo."""
    return text_width(text, size) + 2 * PAD, size * LINE_HEIGHT


def place_labels(
    labels: Sequence[Label],
    frame: Box,
    rules: Rules = WHILE_ROOM,
    circles: Sequence[tuple[float, float, float]] = (),
    keep_out: Sequence[Box] = (),
    measure: Callable[[str, float], tuple[float, float]] = label_size,
) -> list[Placed]:
    """The labels that fit, in priority order (higher first, then by text): each in the first free candidate
    position (rules: direction, then distance, then type size). A label overlaps no other label, no box of
    `keep_out`, no circle (x, y, r) of `circles` (the marks drawn on the map) and no placed label's own mark,
    stays inside `frame`, and its leader line crosses no label (it may pass over a mark, drawn under the
    marks); a label with no free position is left out."""
    marks = np.asarray([c for c in circles if c[2] > 0], dtype=float).reshape(-1, 3)
    order = sorted(range(len(labels)), key=lambda i: (-labels[i].priority, labels[i].text, i))
    best: list[Placed] = []
    for _round in range(max(rules.rounds, 1)):
        placed = _one_round(labels, order, frame, rules, marks, keep_out, measure)
        if len(placed) > len(best):
            best = placed
        done = {p.index for p in placed}
        if len(done) == len(labels):
            break
        order = [i for i in order if i not in done] + [i for i in order if i in done]
    rank = {
        i: k
        for k, i in enumerate(
            sorted(range(len(labels)), key=lambda i: (-labels[i].priority, labels[i].text, i))
        )
    }
    return sorted(best, key=lambda p: rank[p.index])


def _one_round(labels, order, frame, rules, marks, keep_out, measure) -> list[Placed]:
    """One greedy pass over the labels in `order`; a label of priority rules.repair_from or more that finds
    no room may move one placed label to another free spot (see _repair)."""
    state = _State(list(keep_out), [], marks)
    for i in order:
        lab = labels[i]
        if not (frame.x0 <= lab.x <= frame.x1 and frame.y0 <= lab.y <= frame.y1):
            continue
        if _mark_covered(lab, state.placed):  # labelled, its mark would lie under another label
            continue
        spot = _first_free(lab, frame, rules, state.marks, state.box_array(), state.leaders(), measure)
        if spot is not None:
            state.add(i, lab, *spot)
        elif lab.priority >= rules.repair_from:
            _repair(i, labels, frame, rules, state, measure)
    return state.placed


@dataclass
class _State:
    """The labels placed so far in a round: the boxes to keep clear (keep_out first), the placed labels,
    the marks (with the seats of placed labels)."""

    fixed: list[Box]
    placed: list[Placed]
    marks: np.ndarray

    def box_array(self, without: int | None = None) -> np.ndarray:
        boxes = self.fixed + [p.box for p in self.placed if p.index != without]
        return np.asarray([[b.x0, b.y0, b.x1, b.y1] for b in boxes], dtype=float).reshape(-1, 4)

    def leaders(self, without: int | None = None) -> list[tuple[float, float, float, float]]:
        return [p.leader for p in self.placed if p.leader and p.index != without]

    def add(self, i: int, lab: Label, box: Box, factor: float, leader) -> None:
        self.placed.append(Placed(i, lab.text, box, factor, leader))
        if lab.radius > 0:
            self.marks = np.vstack([self.marks, [[lab.x, lab.y, lab.radius]]])


def _repair(i: int, labels, frame, rules, state: _State, measure) -> None:
    """Place label i by moving one placed label out of its way: the first of i's candidate spots that only
    that one label blocks, if the blocking label finds another free spot."""
    lab = labels[i]
    cand, factors, lines = _candidate_arrays(lab, rules, measure)
    blockers = _blockers(cand, lines, state.placed)
    fixed = np.asarray([[b.x0, b.y0, b.x1, b.y1] for b in state.fixed], dtype=float).reshape(-1, 4)
    ok = (
        _inside(cand, frame)
        & ~_circles_touch(cand, state.marks)
        & ~_overlaps(cand, fixed).any(axis=1)
        & (blockers.sum(axis=1) == 1)
    )
    for k in np.flatnonzero(ok):
        box = Box(*(float(v) for v in cand[k]))
        leader = None if np.isnan(lines[k, 0]) else tuple(float(v) for v in lines[k])
        other = state.placed[int(np.argmax(blockers[k]))]
        if _mark_covered(lab, [p for p in state.placed if p is not other]):
            continue
        moved = labels[other.index]
        mine = np.asarray([[box.x0, box.y0, box.x1, box.y1]])
        boxes = np.vstack([state.box_array(without=other.index), mine])
        lines_kept = state.leaders(without=other.index) + ([leader] if leader else [])
        marks = state.marks if lab.radius <= 0 else np.vstack([state.marks, [[lab.x, lab.y, lab.radius]]])
        spot = _first_free(moved, frame, rules, marks, boxes, lines_kept, measure)
        if spot is None:
            continue
        state.placed.remove(other)
        state.add(other.index, moved, *spot)
        state.add(i, lab, box, float(factors[k]), leader)
        return


_T = np.linspace(0, 1, 13)[1:-1]  # where a segment is sampled to see whether it crosses a box


def _inside(cand: np.ndarray, frame: Box) -> np.ndarray:
    """Per candidate box (x0, y0, x1, y1): whether it lies inside the frame."""
    return (
        (frame.x0 <= cand[:, 0])
        & (cand[:, 2] <= frame.x1)
        & (frame.y0 <= cand[:, 1])
        & (cand[:, 3] <= frame.y1)
    )


def _overlaps(cand: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """[candidate, box]: whether the two boxes (x0, y0, x1, y1) overlap."""
    return (
        (cand[:, None, 0] < boxes[None, :, 2])
        & (boxes[None, :, 0] < cand[:, None, 2])
        & (cand[:, None, 1] < boxes[None, :, 3])
        & (boxes[None, :, 1] < cand[:, None, 3])
    )


def _circles_touch(cand: np.ndarray, marks: np.ndarray) -> np.ndarray:
    """Per candidate box: whether any circle (x, y, r) of `marks` reaches into it."""
    if not len(marks):
        return np.zeros(len(cand), dtype=bool)
    cx, cy, r = marks[None, :, 0], marks[None, :, 1], marks[None, :, 2]
    dx = cx - np.clip(cx, cand[:, None, 0], cand[:, None, 2])
    dy = cy - np.clip(cy, cand[:, None, 1], cand[:, None, 3])
    return (dx * dx + dy * dy < r * r).any(axis=1)


def _segments_through(segments: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """[segment, box]: whether the segment (x0, y0, x1, y1; NaN for none) passes through the box (sampled
    at _T)."""
    px = segments[:, None, 0] + (segments[:, None, 2] - segments[:, None, 0]) * _T
    py = segments[:, None, 1] + (segments[:, None, 3] - segments[:, None, 1]) * _T
    return (
        (boxes[None, None, :, 0] < px[..., None])
        & (px[..., None] < boxes[None, None, :, 2])
        & (boxes[None, None, :, 1] < py[..., None])
        & (py[..., None] < boxes[None, None, :, 3])
    ).any(axis=1)


def _blockers(cand: np.ndarray, lines: np.ndarray, placed: list[Placed]) -> np.ndarray:
    """[candidate, placed label]: whether the placed label stands in the way of a label at the candidate
    box with its leader (NaN: none): the boxes overlap, or either's leader passes through the other."""
    if not placed:
        return np.zeros((len(cand), 0), dtype=bool)
    boxes = np.asarray([[p.box.x0, p.box.y0, p.box.x1, p.box.y1] for p in placed], dtype=float)
    nan = (np.nan,) * 4
    theirs = np.asarray([p.leader or nan for p in placed], dtype=float)
    # NaN coordinates compare False: a missing leader crosses nothing.
    return _overlaps(cand, boxes) | _segments_through(theirs, cand).T | _segments_through(lines, boxes)


def _mark_covered(lab: Label, placed: list[Placed]) -> bool:
    """Whether a label's own mark (a seat dot is drawn only for a labelled area) reaches under a placed
    label: labelling it then would draw its mark under that label."""
    return lab.radius > 0 and any(p.box.touches_circle(lab.x, lab.y, lab.radius) for p in placed)


@functools.lru_cache(maxsize=256)
def _spots(rules: Rules, radius: float) -> tuple[np.ndarray, ...]:
    """Per candidate spot of a label with a mark of `radius`, in the rules' order: its direction (ux, uy),
    its offset from the point (ux, uy times the distance), the index of its type factor, and whether it
    stands further out than beside the mark (with a leader line). The same for every label: kept."""
    gap = radius + AIR
    units = np.asarray(DIRECTIONS[: rules.directions], dtype=float)
    ux, uy, offx, offy, factor, far = [], [], [], [], [], []
    for k, _factor in enumerate(rules.factors):
        for dist in rules.distances:
            ux.append(units[:, 0])
            uy.append(units[:, 1])
            offx.append(units[:, 0] * gap * dist)
            offy.append(units[:, 1] * gap * dist)
            factor.append(np.full(len(units), k))
            far.append(np.full(len(units), dist > 1))
    out = tuple(np.concatenate(a) for a in (ux, uy, offx, offy, factor, far))
    for a in out:
        a.flags.writeable = False
    return out


def _candidate_arrays(lab: Label, rules: Rules, measure) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All candidate spots of a label at once, in the rules' order: boxes (x0, y0, x1, y1), type factors,
    and leaders (x0, y0, x1, y1; NaN where the label stands beside its mark)."""
    ux, uy, offx, offy, k, far = _spots(rules, lab.radius)
    sizes = np.asarray([measure(lab.text, lab.size * f) for f in rules.factors], dtype=float)
    w, h = sizes[k, 0], sizes[k, 1]
    ax, ay = lab.x + offx, lab.y + offy
    x0 = np.where(ux > 0.1, ax, np.where(ux < -0.1, ax - w, ax - w / 2))
    y0 = np.where(uy > 0.1, ay, np.where(uy < -0.1, ay - h, ay - h / 2))
    boxes = np.stack([x0, y0, x0 + w, y0 + h], axis=1)
    factors = np.asarray(rules.factors, dtype=float)[k]
    start_x, start_y = lab.x + ux * lab.radius, lab.y + uy * lab.radius
    leaders = np.where(far[:, None], np.stack([start_x, start_y, ax, ay], axis=1), np.nan)
    return boxes, factors, leaders


def _first_free(lab: Label, frame: Box, rules: Rules, marks: np.ndarray, boxes: np.ndarray, leaders, measure):
    """(box, type factor, leader) of the first free candidate of a label, or None: every candidate checked
    at once against the frame, the placed boxes, the marks and the leader lines."""
    cand, factors, lines = _candidate_arrays(lab, rules, measure)
    seg = np.asarray(leaders, dtype=float).reshape(-1, 4)
    ok = (
        _inside(cand, frame)
        & ~_overlaps(cand, boxes).any(axis=1)
        & ~_circles_touch(cand, marks)
        & ~_segments_through(seg, cand).any(axis=0)  # a placed label's leader through a candidate
        # a candidate's leader through a placed label (it may pass over marks)
        & ~_segments_through(lines, boxes).any(axis=1)
    )
    free = np.flatnonzero(ok)
    if not len(free):
        return None
    k = free[0]
    leader = None if np.isnan(lines[k, 0]) else tuple(float(v) for v in lines[k])
    return Box(*(float(v) for v in cand[k])), float(factors[k]), leader
