"""Batch colours stay tellable apart with colour-vision deficiency (Machado 2009) and, mostly, in grey."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd
import pytest

from geo import palette
from geo.mapkey import batch_rows
from geo.slide.style import MARKER_EDGE

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
# Deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, applied to linear-light sRGB.
MACHADO = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
# sRGB (D65) linear RGB -> CIE XYZ.
RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
WHITE_D65 = (0.95047, 1.0, 1.08883)

# Thresholds. CIEDE2000 ΔE ≈ 2.3 is a just-noticeable difference; marker colours need a clear margin
# over that. Measured (see the tests): normal vision min 21.7 (batch 2 orange vs 5 yellow), deuteranopia
# 11.6 (2 vs 5), protanopia 12.2 (6 vs 8), tritanopia 10.9 (2 vs 8).
MIN_DE_NORMAL = 20.0
MIN_DE_SIMULATED = 10.0
# Greyscale: CIE L* of each batch colour. Okabe–Ito has near-equal lightnesses, so some pairs cannot be
# told apart in a grey print by colour alone (the report proposes a second cue: batch numbers).
MIN_DL_GREY = 5.0
GREY_CLOSE_PAIRS = {(2, 3), (4, 7), (4, 8)}  # orange/sky blue ΔL* 0.8, green/vermilion 3.5, green/purple 3.3


def hex_to_rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255


def to_linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def simulate(hex_colour: str, kind: str) -> np.ndarray:
    """Linear-light RGB as seen with a full (severity 1) deficiency of `kind`, clipped to the gamut."""
    lin = to_linear(hex_to_rgb(hex_colour))
    return np.clip(MACHADO[kind] @ lin, 0, 1)


def linear_to_lab(lin: np.ndarray) -> tuple[float, float, float]:
    xyz = RGB_TO_XYZ @ lin
    f = []
    for v, w in zip(xyz, WHITE_D65, strict=True):
        t = v / w
        f.append(t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def lab(hex_colour: str, kind: str | None = None) -> tuple[float, float, float]:
    lin = to_linear(hex_to_rgb(hex_colour)) if kind is None else simulate(hex_colour, kind)
    return linear_to_lab(lin)


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = L2 - L1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean = (L1 + L2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))


def pairwise(kind: str | None) -> dict[tuple[int, int], float]:
    """CIEDE2000 between every two batch colours (batches 1–8), optionally after CVD simulation."""
    labs = {b: lab(palette.batch_colour(b), kind) for b in range(1, 9)}
    return {(i, j): ciede2000(labs[i], labs[j]) for i, j in itertools.combinations(range(1, 9), 2)}


def grey_lightness(hex_colour: str) -> float:
    """CIE L* of the colour printed in greyscale (luminance only)."""
    return lab(hex_colour)[0]


# --- the measuring tools are right ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # from Sharma, Wu & Dalal's published test data
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (50.0, 3.2592, 0.335), 1.0000),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
        ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_published_values(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_lab_of_reference_colours():
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    assert lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=1e-6)
    assert lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


def test_simulation_keeps_greys_and_merges_red_green():
    for grey in ("#000000", "#777777", "#ffffff"):
        for kind in MACHADO:
            assert simulate(grey, kind) == pytest.approx(to_linear(hex_to_rgb(grey)), abs=2e-3)
    # A red/green pair a deuteranope confuses is far apart normally and close after simulation.
    normal = ciede2000(lab("#d62728"), lab("#2ca02c"))
    deutan = ciede2000(lab("#d62728", "deuteranopia"), lab("#2ca02c", "deuteranopia"))
    assert normal > 60 and deutan < normal / 2


# --- the palette ----------------------------------------------------------------------------------------


def test_eight_okabe_ito_colours_first():
    assert len(set(palette.OKABE_ITO)) == 8
    assert [palette.batch_colour(b) for b in range(1, 9)] == list(palette.OKABE_ITO)


def test_batches_beyond_eight_get_colours_of_their_own():
    colours = {b: palette.batch_colour(b) for b in range(1, 17)}
    assert len(set(colours.values())) == 16
    for (i, a), (j, b) in itertools.combinations(colours.items(), 2):
        assert ciede2000(lab(a), lab(b)) >= 12, (i, j, a, b)


def test_batch_colours_differ_for_normal_vision():
    worst = min(pairwise(None).values())
    assert worst >= MIN_DE_NORMAL, worst


@pytest.mark.parametrize("kind", ["deuteranopia", "protanopia", "tritanopia"])
def test_batch_colours_differ_under_colour_vision_deficiency(kind):
    diffs = pairwise(kind)
    worst_pair = min(diffs, key=diffs.get)
    assert diffs[worst_pair] >= MIN_DE_SIMULATED, (worst_pair, round(diffs[worst_pair], 1))


def test_batch_colours_in_grey_differ_except_the_known_pairs():
    """Printed in grey, every two batches differ by ΔL* ≥ 5 except three known pairs (orange and sky blue
    are almost the same grey); those need a second cue such as a batch number."""
    light = {b: grey_lightness(palette.batch_colour(b)) for b in range(1, 9)}
    close = {(i, j) for i, j in itertools.combinations(light, 2) if abs(light[i] - light[j]) < MIN_DL_GREY}
    assert close == GREY_CLOSE_PAIRS, {p: round(abs(light[p[0]] - light[p[1]]), 1) for p in close}


def test_fill_bins_get_darker_in_grey():
    """The province fill reads in order (more zones = darker) in colour and in grey."""
    light = [grey_lightness(c) for _low, _label, c in palette.FILL_BINS]
    assert all(a - b >= 6 for a, b in itertools.pairwise(light)), [round(v, 1) for v in light]


def test_neighbouring_fill_classes_are_clearly_distinct():
    """Every two neighbouring count classes differ by at least CIEDE2000 10 (about four just-noticeable
    differences; the greys for 0, 1 and 2–3 zones used to differ by about 6); so do 'outside the view' and
    'not applicable' from the classes, and the areas style's land from the zones' batch colours."""
    fills = [c for _low, _label, c in palette.FILL_BINS]
    steps = [ciede2000(lab(a), lab(b)) for a, b in itertools.pairwise(fills)]
    assert min(steps) >= palette.MIN_NEIGHBOUR_DE == 10.0, [round(d, 1) for d in steps]
    assert min(ciede2000(lab(palette.OUTSIDE), lab(f)) for f in fills) >= 5
    assert min(ciede2000(lab(palette.LAND), lab(palette.batch_colour(b))) for b in range(1, 9)) >= 20


@pytest.mark.parametrize("kind", [None, "deuteranopia", "protanopia"])
def test_markers_stand_out_from_every_fill(kind):
    """Marker colour against province fill: clear for normal vision; under deuteranopia the bluish green
    (batch 4) comes within ΔE 3.4 of the 7–10 fill, so the static map rims every marker in a dark grey
    that differs from every fill in lightness by ΔL* ≥ 20, whatever the viewer's colour vision."""
    worst = min(
        ciede2000(lab(palette.batch_colour(b), kind), lab(fill, kind))
        for b in range(1, 9)
        for _low, _label, fill in palette.FILL_BINS
    )
    if kind is None:
        assert worst >= 20, worst
    rim = grey_lightness(MARKER_EDGE)  # the slide's marker rim, dark enough below the darkest fill
    for _low, _label, fill in palette.FILL_BINS:
        assert grey_lightness(fill) - rim >= 20, fill


def test_a_batch_beyond_the_palette_still_gets_a_colour_and_the_legend_lists_it():
    # Sixteen distinct colours; beyond them the colours cycle (batch 17 takes batch 1's), and the markers
    # and the legend tell the batches apart by number.
    n = len(palette.BATCH_COLOURS) + 1  # 17
    colour = palette.batch_colour(n)
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", colour)
    assert colour == palette.batch_colour(1)
    batches = pd.DataFrame(
        {
            "batch": range(1, n + 1),
            "effective_on": pd.date_range("2015-03-07", periods=n, freq="180D"),
            "document_no": [f"国函〔{2015 + b // 2}〕{b}号" for b in range(1, n + 1)],
        }
    )
    entries = batch_rows(pd.DataFrame({"batch": range(1, n + 1)}), batches, "en", "area")
    assert [r.label.split(" · ")[0] for r in entries] == [f"Batch {b}" for b in range(1, n + 1)]
    assert len({r.colour for r in entries[:16]}) == 16
    assert entries[-1].colour == colour
