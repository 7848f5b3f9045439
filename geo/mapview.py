"""pydeck Deck builders for the map page: province fill, zone outlines, batch-coloured markers, labels."""

from __future__ import annotations

import json
import math
from collections import namedtuple
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo import i18n, palette
from geo.changes import ADDED, REMOVED, UNCHANGED
from geo.display import FINE_ZOOM, Outlines
from geo.evidence import UNVERIFIED
from geo.labels import Viewport, layout_labels, project, unproject
from geo.maptext import short_label, zone_tooltip
from geo.paths import STATIC_BORDERS, STATIC_OUTLINE_LINES, STATIC_OUTLINES, STATIC_PROVINCES, STATIC_URL

MARKERS_ACTIVE = "zones-active"
MARKERS_REVOKED = "zones-revoked"
UNVERIFIED_RINGS = "zones-unverified"
REVOKED_CROSSES = "zones-revoked-in-window"  # comparing with an earlier date: zones revoked since then
# China as drawn (lon0, lat0, lon1, lat1): the provinces with Hainan's South China Sea islands and the
# ten-dash line (tests/test_mapview.py checks it against data/boundaries/).
CHINA_BOUNDS = (73.4, 3.3, 135.2, 53.7)
# The map's size in CSS pixels until the browser has reported it (views/mapsize.py).
DEFAULT_SIZE = (900, 540)
FIT_PADDING = 0.04  # free space around what is fitted, as a share of the map's width and height
# Closer than this, the simplified province borders (0.03°) would show against the finer zone outlines.
MAX_FIT_ZOOM = 6.5


class CompactDeck(pdk.Deck):
    """A Deck that serialises without indentation and with Chinese kept as UTF-8 (about 6x smaller)."""

    def to_json(self) -> str:
        return json.dumps(
            self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False
        )


class FrozenDeck(CompactDeck):
    """A built deck serialised once, to be shared (memoised) by every session that shows the same view:
    do not modify it."""

    def __init__(self, deck: CompactDeck):  # a copy of a built deck, not a new one: no super().__init__
        self.__dict__.update(vars(deck))
        self._json = deck.to_json()

    def to_json(self) -> str:
        return self._json


@dataclass(frozen=True)
class MapOptions:
    """Display options that are not filters."""

    lang: str = i18n.DEFAULT_LANG
    presenter: bool = False
    labels: bool = False
    basemap: bool = False
    size: tuple[int, int] = DEFAULT_SIZE  # the map's width and height in CSS pixels


def province_counts(view: pd.DataFrame) -> pd.Series:
    """Active zones per province code in the filtered view."""
    return view.loc[view["status_asof"] == "active", "province_code"].value_counts(sort=False)


def _choose(index_values: list[tuple[int, list[int]]], default: list[int]) -> str:
    """A deck.gl expression picking a colour by the feature's index property (a chain of ternaries)."""
    chain = " : ".join(f"properties.i == {i} ? {json.dumps(c)}" for i, c in index_values)
    return f"{chain} : {json.dumps(default)}" if chain else json.dumps(default)


def province_layer(
    province_codes: Sequence[str], counts: pd.Series, not_applicable: Collection[str]
) -> pdk.Layer:
    """Provinces filled by number of active zones; `not_applicable` ones (HK, Macao, Taiwan) drawn so.

    The geometry comes from static/provinces.geojson (feature i is province_codes[i]); only the colours
    travel with each rerun. (Streamlit keeps the getFillColor update trigger of a selectable chart.)"""
    fills = []
    for i, code in enumerate(province_codes):
        na = code in not_applicable
        fills.append(
            (i, palette.rgba(palette.NOT_APPLICABLE if na else palette.fill_colour(int(counts.get(code, 0)))))
        )
    fill = _choose(fills, [0, 0, 0, 0])
    return pdk.Layer(
        "GeoJsonLayer",
        data=STATIC_URL + STATIC_PROVINCES,
        id="provinces",
        stroked=False,
        filled=True,
        get_fill_color=fill,
        pickable=False,
        update_triggers={"getFillColor": fill},
    )


def _segment_style(width: float) -> dict:
    """A LineLayer over [lon1, lat1, lon2, lat2] rows: software WebGL draws such plain segments at about
    a third of the cost of polygon strokes (PathLayer), which dominate the map's drawing time."""
    return dict(
        get_source_position="[this[0], this[1]]",
        get_target_position="[this[2], this[3]]",
        get_width=width,
        width_units='"pixels"',
        pickable=False,
    )


def border_layer() -> pdk.Layer:
    """Province borders, each shared edge once (static/province-borders.json, never changes): white, grey
    around the areas drawn as not applicable."""
    grey, white = palette.rgba(palette.NOT_APPLICABLE_LINE), palette.rgba(palette.BORDER)
    return pdk.Layer(
        "LineLayer",
        data=STATIC_URL + STATIC_BORDERS,
        id="province-borders",
        get_color=f"this[4] ? {json.dumps(grey)} : {json.dumps(white)}",
        **_segment_style(0.8),
    )


def maritime_layer(features: Sequence[dict]) -> pdk.Layer:
    """The ten-dash line of the South China Sea, as standard maps of China draw it."""
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": list(features)},
        id="maritime",
        stroked=True,
        filled=False,
        get_line_color=palette.rgba(palette.NOT_APPLICABLE_LINE),
        line_width_min_pixels=1.2,
        pickable=False,
    )


def outline_layers(outlines: Outlines, zone_ids: list[str], zoom: float) -> list[pdk.Layer]:
    """The real extent of each zone in view: a light fill ("zone-areas") and a thin outline
    ("zone-outlines"). Only the zones in view are sent and drawn, so every property follows the view (a
    selectable chart keeps only one update trigger per layer): coarse geometry for the national view, fine
    geometry closer in. With every zone in view at national zoom, both come from static files instead."""
    fill, line = palette.rgba(palette.OUTLINE, 28), palette.rgba(palette.OUTLINE, 200)
    coarse = zoom < FINE_ZOOM
    shapes = outlines.coarse if coarse else outlines.fine
    lines = outlines.coarse_lines if coarse else outlines.fine_lines
    shown = [z for z in zone_ids if z in shapes]
    if coarse and len(set(shown)) == len(outlines.order):
        areas: str | dict = STATIC_URL + STATIC_OUTLINES
        segments: str | list = STATIC_URL + STATIC_OUTLINE_LINES
    else:
        order = sorted(set(shown), key=_position(outlines))
        areas = {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": shapes[z], "properties": {}} for z in order],
        }
        segments = [seg for z in order for seg in lines[z]]
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data=areas,
            id="zone-areas",
            stroked=False,
            filled=True,
            get_fill_color=fill,
            pickable=False,
        ),
        pdk.Layer("LineLayer", data=segments, id="zone-outlines", get_color=line, **_segment_style(1)),
    ]


def _position(outlines: Outlines):
    """Sort key: a zone's place in the static files (the order the whole set is drawn in)."""
    index = {z: i for i, z in enumerate(outlines.order)}
    return index.__getitem__


def _rows(view: pd.DataFrame):
    """The view's rows as named tuples, read column by column (much faster than DataFrame.itertuples)."""
    row = namedtuple("row", view.columns, rename=True)  # type: ignore[misc]
    return map(row._make, zip(*(view[c].tolist() for c in view.columns), strict=True))


def label_priority(row) -> int:
    """Which labels win a crowded spot: municipalities, provincial capitals (GB/T 2260 codes ending in
    0100) and whole provinces first, then earlier batches (the larger hubs), then later ones."""
    first_code = str(row.adcodes).split(";")[0]
    capital = row.level in ("municipality", "province") or first_code.endswith("0100")
    return (100 if capital else 0) - int(row.batch)


def marker_records(view: pd.DataFrame, lang: str) -> list[dict]:
    """One plain dict per zone marker, with its colour and text tooltip."""
    records = []
    for row in _rows(view):
        records.append(
            {
                "zone_id": row.zone_id,
                "position": [row.lon, row.lat],
                "colour": palette.rgba(palette.batch_colour(row.batch)),
                "ink": palette.rgba(palette.text_on(palette.batch_colour(row.batch))),
                "batch": str(row.batch),
                "label": short_label(row, lang),
                "priority": label_priority(row),
                "tt": zone_tooltip(row, lang),
            }
        )
    return records


def comparing(view: pd.DataFrame) -> bool:
    """Whether the view compares with an earlier date (its `change` column has values, geo.changes)."""
    return "change" in view and bool(view["change"].notna().any())


def _window_marks(view: pd.DataFrame, records: list[dict], radius: int) -> list[dict]:
    """Comparing with an earlier date: each record's `size` (the zones designated in the window larger) and
    the unchanged ones muted; returns a cross for each zone revoked in the window."""
    crossed = []
    for record, change in zip(records, view["change"].tolist(), strict=True):
        record["size"] = radius + (palette.NEW_EXTRA if change in ADDED else 0)
        if change == UNCHANGED:
            record["colour"] = record["colour"][:3] + [palette.MUTED_ALPHA]
            record["ink"] = record["ink"][:3] + [palette.MUTED_ALPHA]
        if change in REMOVED:
            crossed.append({"position": record["position"], "cross": "×"})
    return crossed


def cross_layer(crossed: list[dict], radius: int) -> pdk.Layer:
    """A cross over each zone revoked in the window, with a white halo (not pickable: its ring is)."""
    return pdk.Layer(
        "TextLayer",
        data=crossed,
        id=REVOKED_CROSSES,
        get_position="position",
        get_text="cross",
        get_size=2 * radius + 12,
        get_color=palette.rgba(palette.REVOKED_CROSS),
        font_weight=700,
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        character_set='"auto"',
        font_family='"Noto Sans CJK SC, sans-serif"',
        font_settings={"sdf": True},
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        pickable=False,
    )


def marker_layers(view: pd.DataFrame, options: MapOptions) -> list[pdk.Layer]:
    """Filled markers for active zones, hollow rings for revoked ones (a cue besides colour). Comparing with
    an earlier date: zones designated since then larger, zones revoked since then crossed, the rest muted."""
    radius = marker_radius(options, len(view))
    records = marker_records(view, options.lang)  # split in Python: a row filter copies every column
    window = comparing(view)
    crossed = _window_marks(view, records, radius) if window else []
    size = "size" if window else radius
    status = view["status_asof"].tolist()
    active = [r for r, s in zip(records, status, strict=True) if s == "active"]
    revoked = [r for r, s in zip(records, status, strict=True) if s == "revoked"]
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            data=revoked,
            id=MARKERS_REVOKED,
            get_position="position",
            get_radius=size,
            radius_units='"pixels"',
            # Filled with an all but transparent white so that a click on the ring's centre picks it.
            filled=True,
            get_fill_color=[255, 255, 255, 2],
            stroked=True,
            get_line_color="colour",
            line_width_min_pixels=2.5,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=active,
            id=MARKERS_ACTIVE,
            get_position="position",
            get_radius=size,
            radius_units='"pixels"',
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1.5,
            stroked=True,
            pickable=True,
        ),
    ]
    if show_batch_digits(len(view)):
        layers.append(digit_layer(active + revoked, options))
    if crossed:
        layers.append(cross_layer(crossed, radius))
    return layers


def unverified_layer(view: pd.DataFrame, options: MapOptions) -> pdk.Layer | None:
    """A thin dark ring just outside the marker of each zone whose designation no source in the ledger states
    (deck.gl draws no dashes; a second ring keeps the batch colour and the hollow revoked cue intact)."""
    if "designation_confidence" not in view:  # a view not built by geo.dataset (no evidence)
        return None
    rows = view[view["designation_confidence"] == UNVERIFIED]
    if rows.empty:
        return None
    return pdk.Layer(
        "ScatterplotLayer",
        data=[{"position": [lon, lat]} for lon, lat in zip(rows["lon"], rows["lat"], strict=True)],
        id=UNVERIFIED_RINGS,
        get_position="position",
        get_radius=marker_radius(options, len(view)) + 4,
        radius_units='"pixels"',
        filled=False,
        stroked=True,
        get_line_color=palette.rgba(palette.UNVERIFIED_RING),
        line_width_min_pixels=1.5,
        pickable=False,
    )


# Markers carry their batch number as a second cue besides colour where there is room for it.
DIGITS_MAX_ZONES = 60


def show_batch_digits(zones: int) -> bool:
    return zones <= DIGITS_MAX_ZONES


def marker_radius(options: MapOptions, zones: int) -> int:
    digits = show_batch_digits(zones)
    if options.presenter:
        return 10 if digits else 8
    return 8 if digits else 6


def digit_layer(records: list[dict], options: MapOptions) -> pdk.Layer:
    """The batch number drawn inside each marker."""
    return pdk.Layer(
        "TextLayer",
        data=records,
        id="batch-digits",
        get_position="position",
        get_text="batch",
        get_size=13 if options.presenter else 11,
        get_color="ink",
        font_weight=700,
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        font_family='"Noto Sans CJK SC, sans-serif"',
        pickable=False,
    )


def label_layer(view: pd.DataFrame, options: MapOptions, state: dict) -> pdk.Layer:
    """Names of the active zones beside their markers, only where they fit without overlapping each
    other or any marker (revoked ones too), inside the map (see geo.labels)."""
    size = label_size(options)
    viewport = Viewport(state["longitude"], state["latitude"], state["zoom"], *options.size)
    radius = marker_radius(options, len(view)) + 2  # the marker's white rim and a hair of air
    active = view["status_asof"] == "active"
    records = marker_records(view[active], options.lang)
    others = view.loc[~active, ["lon", "lat"]].to_numpy().tolist()
    placed = layout_labels(records, viewport, size, marker_radius=radius, obstacles=others)
    return pdk.Layer(
        "TextLayer",
        data=placed,
        id="zone-labels",
        get_position="position",
        get_text="label",
        get_size=size,
        get_color=[20, 20, 20, 255],
        get_pixel_offset="offset",
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        character_set='"auto"',
        font_family=LABEL_FONT,
        font_settings={"sdf": True},
        outline_width=4,
        outline_color=[255, 255, 255, 235],
        pickable=False,
    )


LABEL_FONT = '"Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"'


def label_size(options: MapOptions) -> int:
    """Type size of the zone labels in pixels: larger in presenter mode, and on a tall presenter map."""
    if not options.presenter:
        return 12
    return int(min(18, max(15, 15 + (options.size[1] - 560) / 120)))


def fit_bounds(bounds: tuple[float, float, float, float], size: tuple[int, int], max_zoom: float) -> dict:
    """The view state that shows a lon/lat box as large as it fits in a map of `size` CSS pixels, with
    FIT_PADDING free around it (deck.gl's Web-Mercator MapView: the world is 512 * 2**zoom pixels wide)."""
    lon0, lat0, lon1, lat1 = bounds
    width, height = size
    x0, y1 = project(lon0, lat0, 0)
    x1, y0 = project(lon1, lat1, 0)
    room_x, room_y = width * (1 - 2 * FIT_PADDING), height * (1 - 2 * FIT_PADDING)
    zoom = min(math.log2(room_x / max(x1 - x0, 1e-9)), math.log2(room_y / max(y1 - y0, 1e-9)), max_zoom)
    longitude, latitude = unproject((x0 + x1) / 2, (y0 + y1) / 2, 0)
    return {"longitude": round(longitude, 4), "latitude": round(latitude, 4), "zoom": round(zoom - 0.005, 2)}


def fit_view(view: pd.DataFrame, size: tuple[int, int] = DEFAULT_SIZE) -> dict:
    """The view state for a map of `size` CSS pixels: the zones in view framed, or all of China (its
    mainland, Hainan and the South China Sea islands) when they spread over most of it."""
    china = fit_bounds(CHINA_BOUNDS, size, MAX_FIT_ZOOM)
    if view.empty:
        return china
    lon0, lon1 = view["lon"].min(), view["lon"].max()
    lat0, lat1 = view["lat"].min(), view["lat"].max()
    # A little land around the zones; at least 1.5 degrees across, so that one zone shows its region.
    pad_lon = max((1.5 - (lon1 - lon0)) / 2, 0.2 * (lon1 - lon0))
    pad_lat = max((1.5 - (lat1 - lat0)) / 2, 0.2 * (lat1 - lat0))
    zones = fit_bounds((lon0 - pad_lon, lat0 - pad_lat, lon1 + pad_lon, lat1 + pad_lat), size, MAX_FIT_ZOOM)
    return china if zones["zoom"] <= china["zoom"] + 0.5 else zones


def build_deck(
    province_codes: Sequence[str],
    outlines: Outlines,
    view: pd.DataFrame,
    options: MapOptions,
    maritime: Sequence[dict] | None = None,
    *,
    not_applicable: Collection[str],
) -> CompactDeck:
    """The whole map for a filtered view (`not_applicable`: Dataset.not_applicable)."""
    state = fit_view(view, options.size)
    layers = [province_layer(province_codes, province_counts(view), not_applicable), border_layer()]
    if maritime:
        layers.append(maritime_layer(maritime))
    layers += outline_layers(outlines, view["zone_id"].tolist(), state["zoom"])
    layers += marker_layers(view, options)
    rings = unverified_layer(view, options)
    if rings is not None:
        layers.append(rings)
    if options.labels:
        layers.append(label_layer(view, options, state))
    # Offline by default: no provider and pydeck's default style sentinel, which Streamlit drops. (An
    # explicit map_style=None would make Streamlit fetch a Carto style from the internet.)
    basemap = {"map_provider": "carto", "map_style": "light"} if options.basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**state, pitch=0, bearing=0),
        tooltip={"text": "{tt}"},
        **basemap,
    )


def legend_entries(
    view: pd.DataFrame, batches: pd.DataFrame, lang: str, since=None
) -> dict[str, list[tuple[str, str]]]:
    """(colour, label) pairs for the fill bins, for the batches present in the view and, if the view has a
    zone with an unverified designation, for its ring; comparing with `since` (a date: Counts.since), under
    "window" its heading, then (mark, label) for the designated, revoked and unchanged zones."""
    fill = [(c, lbl) for _low, lbl, c in palette.FILL_BINS]
    fill.append((palette.NOT_APPLICABLE, i18n.t("legend_na", lang)))
    docs = batches.set_index("batch")
    present = sorted(view["batch"].unique())
    markers = []
    for b in present:
        day = docs.at[b, "effective_on"]
        markers.append(
            (
                palette.batch_colour(b),
                f"{i18n.t('batch_n', lang, n=b)} · {day.year} · {docs.at[b, 'document_no']}",
            )
        )
    unverified = "designation_confidence" in view and (view["designation_confidence"] == UNVERIFIED).any()
    rings = [(palette.UNVERIFIED_RING, i18n.t("legend_unverified", lang))] if unverified else []
    window = []
    if since is not None:
        window = [
            ("head", i18n.t("legend_window", lang, since=since.isoformat())),
            ("new", i18n.t("legend_new", lang)),
            ("gone", i18n.t("legend_gone", lang)),
            ("same", i18n.t("legend_same", lang)),
        ]
    return {"fill": fill, "batch": markers, "unverified": rings, "window": window}
