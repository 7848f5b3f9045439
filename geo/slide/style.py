"""Shared look of the slide map: output resolution and the inks used by its parts."""

DPI = 100
INK = "#222222"
MUTED = "#555555"
NATIONAL_LINE = "#4d4d4d"
MARITIME_LINE = "#4d4d4d"
INSET_FRAME = "#333333"
MARKER_EDGE = "#111111"  # a thin dark rim keeps light batch colours (yellow, sky blue) off light fills
LOCATOR_BOX = "#c0392b"  # the slide's region on the locator map of China
