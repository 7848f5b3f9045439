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

# Province fill by number of active zones: (lowest count of the bin, label, colour).
FILL_BINS = (
    (0, "0", "#f4f4f2"),
    (1, "1", "#dcdcd6"),
    (2, "2–3", "#c2c2ba"),
    (4, "4–6", "#a5a59c"),
    (7, "7–10", "#87877e"),
    (11, "11+", "#67675f"),
)
NOT_APPLICABLE = "#ffffff"
NOT_APPLICABLE_LINE = "#9a9a9a"
BORDER = "#ffffff"
OUTLINE = "#1f3a5f"
UNVERIFIED_RING = "#222222"  # the outer ring of a zone whose designation no source in the ledger states
# Comparing with an earlier date: zones designated since then are drawn this many pixels larger, the
# unchanged ones with this opacity (of 255), and those revoked since then carry a cross of this colour.
NEW_EXTRA = 3
MUTED_ALPHA = 70
REVOKED_CROSS = "#b00020"


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
