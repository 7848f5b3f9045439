"""Colours shared by the map, the charts and the static export: batches, province fill bins, neutrals."""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": eight colours chosen to stay distinct for
# protanopes, deuteranopes and tritanopes. Batch n takes colour n-1.
OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# Batches 9-16 (a future reply must not reuse batch 1's colour): colours from Paul Tol's schemes chosen so
# that every two of the sixteen differ by CIEDE2000 >= 15 (tests/test_palette.py); markers also carry their
# batch number. Later batches cycle over all sixteen.
BEYOND_EIGHT = ("#332288", "#882255", "#999933", "#FFAABB", "#661100", "#117733", "#EE8866", "#BBBBBB")
BATCH_COLOURS = OKABE_ITO + BEYOND_EIGHT

# Province fill by number of active zones (the markers style): (lowest count of the bin, label, colour).
# Warm greys from CIE L* 98 to 33, so that every two neighbouring classes differ by CIEDE2000 >= 10 (about
# four just-noticeable differences; tests/test_palette.py) and every batch colour stands out on each.
FILL_BINS = (
    (0, "0", "#f9f9f4"),
    (1, "1", "#cbcbc6"),
    (2, "2–3", "#a5a5a0"),
    (4, "4–6", "#868681"),
    (7, "7–10", "#6a6a65"),
    (11, "11+", "#4e4e49"),
)
MIN_NEIGHBOUR_DE = 10.0  # the CIEDE2000 difference kept between neighbouring fill classes
LAND = "#f2f1eb"  # provinces in the areas style, where the zones' own areas carry the colour
# Provinces a province or region filter leaves out: a cool grey, unlike any count (a filtered view is not
# a map of zeros around it).
OUTSIDE = "#dfe6ee"
NOT_APPLICABLE = "#ffffff"
NOT_APPLICABLE_LINE = "#9a9a9a"
BORDER = "#ffffff"
BORDER_ON_AREAS = "#6f6f6f"  # province borders drawn over the zones' areas
AREA_EDGE = "#ffffff"  # between two zones' areas (neighbours of one batch share a colour)
OUTLINE = "#1f3a5f"
UNVERIFIED_RING = "#222222"  # the mark of a zone whose designation no source in the ledger states
SINGLE_SOURCE_RING = "#222222"  # the dashed mark of a zone whose designation rests on one source
HALO = "#ffffff"  # around every label, so that it reads on every fill
LABEL_INK = "#141414"
SEAT = "#222222"  # the small dot at a labelled zone's seat in the areas style
MARKER_KEY = "#8c8c8c"  # the key's swatch for "small zones keep a marker" (their colour is their batch's)
REVOKED_KEY = "#555555"  # the key's swatch for a revoked zone (hollow, in its batch colour on the map)
# Comparing with an earlier date: zones designated since then are drawn this many pixels larger, the
# unchanged ones with this opacity (of 255), and those revoked since then carry a cross of this colour.
NEW_EXTRA = 3
MUTED_ALPHA = 70
REVOKED_CROSS = "#b00020"
WINDOW_KEY = "#555555"  # the key's swatch for the zones designated since the earlier date, and the rest


def batch_colour(batch: int) -> str:
    """The hex colour of a batch."""
    return BATCH_COLOURS[(int(batch) - 1) % len(BATCH_COLOURS)]


def fill_colour(count: int) -> str:
    """The hex fill of a province with `count` active zones."""
    colour = FILL_BINS[0][2]
    for lowest, _label, c in FILL_BINS:
        if count >= lowest:
            colour = c
    return colour


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' -> [r, g, b, a] for deck.gl."""
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def text_on(hex_colour: str) -> str:
    """Black or white, whichever reads better on the colour (WCAG relative luminance)."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b, _a = rgba(hex_colour)
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"
