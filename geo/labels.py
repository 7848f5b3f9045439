"""Place map labels so they do not overlap: greedy placement in Web-Mercator screen pixels at a zoom."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Candidate positions beside a marker, best first: (text anchor, alignment baseline, unit offset).
# Right and left of the marker read best; above and below next; the diagonals last.
DIAGONAL = math.sqrt(0.5)
POSITIONS = (
    ("start", "center", (1.0, 0.0)),
    ("end", "center", (-1.0, 0.0)),
    ("middle", "bottom", (0.0, -1.0)),
    ("middle", "top", (0.0, 1.0)),
    ("start", "bottom", (DIAGONAL, -DIAGONAL)),
    ("end", "bottom", (-DIAGONAL, -DIAGONAL)),
    ("start", "top", (DIAGONAL, DIAGONAL)),
    ("end", "top", (-DIAGONAL, DIAGONAL)),
)
LINE_HEIGHT = 1.25  # a label's box height per pixel of type size (glyphs plus their white halo)
PAD = 2.0  # pixels of halo left and right of a label's glyphs


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


def label_box(x: float, y: float, text: str, size: float, anchor: str, baseline: str, offset) -> Box:
    """The box a label covers when drawn at screen point (x, y) with deck.gl's anchor, baseline, offset."""
    w, h = text_width(text, size) + 2 * PAD, size * LINE_HEIGHT
    x += offset[0]
    y += offset[1]
    left = {"start": x - PAD, "end": x - w + PAD, "middle": x - w / 2}[anchor]
    top = {"center": y - h / 2, "bottom": y - h, "top": y}[baseline]
    return Box(left, top, left + w, top + h)


def layout_labels(
    records: list[dict],
    viewport: Viewport,
    size: float,
    marker_radius: float = 6,
    margin: float = 4,
    obstacles: Sequence[Sequence[float]] = (),
) -> list[dict]:
    """The records that can be labelled, in priority order (higher 'priority' first, then by label),
    each with 'anchor', 'baseline' and 'offset' set. Records need 'position' [lon, lat] and 'label'.

    A label never overlaps another label or any marker (the records' and the `obstacles` [lon, lat],
    circles of `marker_radius` pixels), and stays `margin` pixels inside the canvas; a label with no free
    position is left out."""
    points = [viewport.to_screen(*r["position"][:2]) for r in records]
    markers = points + [viewport.to_screen(lon, lat) for lon, lat in obstacles]
    frame = Box(margin, margin, viewport.width - margin, viewport.height - margin)
    gap = marker_radius + 3
    order = sorted(range(len(records)), key=lambda i: (-records[i].get("priority", 0), records[i]["label"]))
    boxes: list[Box] = []
    placed = []
    for i in order:
        x, y = points[i]
        if not (0 <= x <= viewport.width and 0 <= y <= viewport.height):
            continue
        for anchor, baseline, (dx, dy) in POSITIONS:
            offset = (round(dx * gap, 1), round(dy * gap, 1))
            box = label_box(x, y, records[i]["label"], size, anchor, baseline, offset)
            if not box.inside(frame) or any(box.overlaps(b) for b in boxes):
                continue
            if any(box.touches_circle(px, py, marker_radius) for px, py in markers):
                continue
            boxes.append(box)
            placed.append({**records[i], "anchor": anchor, "baseline": baseline, "offset": list(offset)})
            break
    return placed
