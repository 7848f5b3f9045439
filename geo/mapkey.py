"""The key of every map (legend rows for the page, the slide and the HTML file), province counts, outside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd

from geo import i18n, palette
from geo.mapmarks import AREAS, MARK_SINGLE, MARK_UNVERIFIED, MARKER_LEVELS, mark
from geo.textsafe import html_escape

# Kinds of key row, each drawn with its own swatch: a province fill (fill, land, outside, na), a zone's
# area or marker in its batch colour (area, dot), a revoked zone (revoked: hollow), a confidence mark;
# comparing with an earlier date, the zones designated since (new), revoked since (gone: a cross) and
# the rest (same: muted), each drawn as an area or a marker as the style draws zones.
FILL, LAND, OUTSIDE, NA, AREA, DOT, REVOKED = "fill", "land", "outside", "na", "area", "dot", "revoked"
EXTENT = "extent"  # the markers style's light fill and outline of each zone's real extent
UNVERIFIED, SINGLE = MARK_UNVERIFIED, MARK_SINGLE
NEW, GONE, SAME = "new", "gone", "same"
NEW_AREA, SAME_AREA = "new_area", "same_area"


@dataclass(frozen=True)
class KeyRow:
    """One row of a map's key: what kind of swatch, in which colour, and its words."""

    kind: str
    colour: str
    label: str


@dataclass(frozen=True)
class KeySection:
    heading: str
    rows: tuple[KeyRow, ...]


def province_counts(view: pd.DataFrame) -> pd.Series:
    """Active zones per province code in the filtered view."""
    return view.loc[view["status_asof"] == "active", "province_code"].value_counts(sort=False)


def province_fill(
    code: str, counts: pd.Series, style: str, outside: Collection[str], not_applicable: Collection[str]
) -> str:
    """A province's fill: not applicable (Dataset.not_applicable), outside the view, plain land (areas) or
    its count's bin."""
    if code in not_applicable:
        return palette.NOT_APPLICABLE
    if code in outside:
        return palette.OUTSIDE
    return palette.LAND if style == AREAS else palette.fill_colour(int(counts.get(code, 0)))


def outside_provinces(
    provinces: pd.DataFrame, chosen: Collection[str], regions: Collection[str]
) -> frozenset:
    """The province codes a province or region filter leaves out of the view (none when neither is set):
    drawn as outside the view, not as provinces without a zone. `provinces`: the registry's provinces."""
    if not chosen and not regions:
        return frozenset()
    applicable = provinces[provinces["region"] != "none"]
    keep = pd.Series(True, index=applicable.index)
    if chosen:
        keep &= applicable["province_code"].isin(chosen)
    if regions:
        keep &= applicable["region"].isin(regions)
    return frozenset(applicable.loc[~keep, "province_code"])


def batch_rows(
    view: pd.DataFrame, batches: pd.DataFrame, lang: str, kind: str, brief: bool = False
) -> list[KeyRow]:
    """One row per batch in the view: its colour and words (Batch 6 · 2022 · 国函〔2022〕8号)."""
    docs = batches.set_index("batch")
    rows = []
    for b in sorted(view["batch"].unique()):
        day = docs.at[b, "effective_on"]
        words = f"{i18n.t('batch_n', lang, n=b)} · {day.year}"
        if not brief:  # a shared screen shows the reply on the timeline: its key stays two columns wide
            words += f" · {docs.at[b, 'document_no']}"
        rows.append(KeyRow(kind, palette.batch_colour(b), words))
    return rows


def map_key(
    view: pd.DataFrame,
    batches: pd.DataFrame,
    lang: str,
    style: str = AREAS,
    outside: bool = False,
    hover: bool = True,
    brief: bool = False,
    since: dt.date | None = None,
) -> list[KeySection]:
    """The key of a map of `view` in `style`: the zones by batch (areas, or markers), the marks the view has
    (revoked, one source, no source), then the province fills (the count bins in the markers style) with
    'outside the view' when a filter leaves provinces out and the areas drawn as not applicable. `hover`:
    the interactive map: it shows each province's count on hover and, in the markers style, each zone's
    real extent (a slide does neither); `brief`: batches without their reply;
    `since`: the view compares with that day (Counts.since): a section with the marks of the zones
    designated and revoked since then and of the rest."""
    t = i18n.Translator(lang)
    areas = style == AREAS
    zones = batch_rows(view, batches, lang, AREA if areas else DOT, brief)
    if areas and "level" in view and view["level"].isin(MARKER_LEVELS).any():
        zones.append(KeyRow(DOT, palette.MARKER_KEY, t("key_small_zones")))
    marks = []
    if hover and not areas:
        marks.append(KeyRow(EXTENT, palette.OUTLINE, t("legend_outline")))
    if (view["status_asof"] == "revoked").any():
        marks.append(KeyRow(REVOKED, palette.REVOKED_KEY, t("key_revoked")))
    found = {mark(c) for c in view["designation_confidence"]} if "designation_confidence" in view else set()
    if MARK_SINGLE in found:
        marks.append(KeyRow(SINGLE, palette.SINGLE_SOURCE_RING, t("key_single")))
    if MARK_UNVERIFIED in found:
        marks.append(KeyRow(UNVERIFIED, palette.UNVERIFIED_RING, t("key_unverified")))
    if areas:
        provinces = [KeyRow(LAND, palette.LAND, t("key_land" if hover else "key_land_still"))]
    else:
        provinces = [KeyRow(FILL, colour, label) for _low, label, colour in palette.FILL_BINS]
    if outside:
        provinces.append(KeyRow(OUTSIDE, palette.OUTSIDE, t("key_outside")))
    provinces.append(KeyRow(NA, palette.NOT_APPLICABLE, t("legend_na")))
    sections = [KeySection(t("key_zones_areas" if areas else "legend_batch"), tuple(zones + marks))]
    if since is not None:
        window = (
            KeyRow(NEW_AREA if areas else NEW, palette.WINDOW_KEY, t("legend_new")),
            KeyRow(GONE, palette.REVOKED_CROSS, t("legend_gone")),
            KeyRow(SAME_AREA if areas else SAME, palette.WINDOW_KEY, t("legend_same")),
        )
        sections.append(KeySection(t("legend_window", since=since.isoformat()), window))
    sections.append(KeySection(t("key_provinces" if areas else "legend_fill"), tuple(provinces)))
    return sections


# The key as HTML, for the map page and the offline HTML file ------------------------------------------

KEY_CSS = (
    "<style>.lg-row{display:flex;align-items:center;gap:.45rem;font-size:.875rem;line-height:1.45;"
    "word-break:keep-all;overflow-wrap:anywhere}"
    ".lg-box{width:1.1rem;height:.8rem;border:1px solid #999;display:inline-block;flex:none}"
    ".lg-area{border-color:#fff;box-shadow:0 0 0 1px #bbb}"
    ".lg-dot{width:.8rem;height:.8rem;border-radius:50%;border:1.5px solid #fff;flex:none;"
    "box-shadow:0 0 0 1px #555;display:inline-block;margin:0 .15rem}"
    ".lg-ring{width:.8rem;height:.8rem;border-radius:50%;border:2.5px solid #555;"
    "display:inline-block;flex:none;margin:0 .15rem;box-sizing:border-box}"
    ".lg-mark{width:.55rem;height:.55rem;border-radius:50%;background:#8c8c8c;flex:none;display:inline-block;"
    "margin:0 .3rem;outline-offset:2px}"
    ".lg-h{font-weight:600;margin:.4rem 0 .15rem}"
    # Comparing with an earlier date: designated since (full, a marker larger), revoked since (a cross),
    # unchanged (muted).
    ".lg-new{width:1.1rem;height:1.1rem;border-radius:50%;border:1.5px solid #fff;box-shadow:0 0 0 1px #555;"
    "display:inline-block;flex:none;margin:0 .05rem;box-sizing:border-box}"
    ".lg-muted{opacity:.3}"
    ".lg-gone{width:1.1rem;flex:none;text-align:center;font-weight:700;font-size:1.15rem;line-height:1}"
    # Streamlit pulls markdown up by 1rem, expecting a paragraph's margin below it.
    ".lg-nw{white-space:nowrap}.lg{margin-bottom:1rem}</style>"
)


def _words(text: str) -> str:
    """A line may break between the parts, never inside a document number."""
    if " · " not in text:
        return html_escape(text)
    return " · ".join(f'<span class="lg-nw">{html_escape(part)}</span>' for part in text.split(" · "))


def swatch(kind: str, colour: str) -> str:
    """The HTML swatch of one key row."""
    if kind in (FILL, LAND, OUTSIDE, NA):
        return f'<span class="lg-box" style="background:{colour}"></span>'
    if kind == AREA:
        return f'<span class="lg-box lg-area" style="background:{colour}"></span>'
    if kind == DOT:
        return f'<span class="lg-dot" style="background:{colour}"></span>'
    if kind == REVOKED:
        return f'<span class="lg-ring" style="border-color:{colour}"></span>'
    if kind == EXTENT:
        return f'<span class="lg-box" style="border-color:{colour};background:{colour}1c"></span>'
    if kind in (NEW_AREA, SAME_AREA):
        muted = " lg-muted" if kind == SAME_AREA else ""
        return f'<span class="lg-box lg-area{muted}" style="background:{colour}"></span>'
    if kind == NEW:
        return f'<span class="lg-new" style="background:{colour}"></span>'
    if kind == SAME:
        return f'<span class="lg-dot lg-muted" style="background:{colour}"></span>'
    if kind == GONE:
        return f'<span class="lg-gone" style="color:{colour}" aria-hidden="true">×</span>'
    line = "dashed" if kind == SINGLE else "solid"
    return f'<span class="lg-mark" style="outline:2px {line} {colour}"></span>'


NARROW = (FILL, AREA)  # kinds of row short enough to go two to a line where the key is laid out in a grid


def key_html(sections: Sequence[KeySection]) -> str:
    """The legend as HTML (every text escaped). Each section's rows sit in an .lg-body; rows other than the
    batches and count bins are .lg-wide (a page may lay the body out in two columns)."""
    out = ['<div class="lg">']
    for section in sections:
        if not section.rows:
            continue
        out.append(f'<div class="lg-h">{html_escape(section.heading)}</div><div class="lg-body">')
        for r in section.rows:
            narrow = r.kind in NARROW or (r.kind == DOT and r.colour != palette.MARKER_KEY)
            wide = "" if narrow else " lg-wide"
            out.append(
                f'<div class="lg-row{wide}">{swatch(r.kind, r.colour)}<span>{_words(r.label)}</span></div>'
            )
        out.append("</div>")
    out.append("</div>")
    return "".join(out)
