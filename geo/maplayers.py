"""pydeck layers of the map: provinces, zone areas and outlines, markers, confidence marks, labels."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from urllib.parse import quote

import pandas as pd
import pydeck as pdk

from geo import i18n, palette
from geo.display import FINE_ZOOM, Outlines
from geo.labels import Viewport
from geo.mapkey import province_counts, province_fill
from geo.mapmarks import AREAS, MARK_SINGLE, MARK_UNVERIFIED, mark
from geo.mapscene import MARK_GAP, RIM, SEAT_RADIUS, Scene, dashed, rows
from geo.maptext import zone_tooltip
from geo.paths import STATIC_BORDERS, STATIC_OUTLINE_LINES, STATIC_OUTLINES, STATIC_PROVINCES, STATIC_URL

MARKERS_ACTIVE = "zones-active"
MARKERS_REVOKED = "zones-revoked"
ZONE_AREAS = "zone-areas"
UNVERIFIED_RINGS = "zones-unverified"
SINGLE_RINGS = "zones-single-source"
REVOKED_CROSSES = "zones-revoked-in-window"  # comparing with an earlier date: zones revoked since then
PICKABLE = (MARKERS_ACTIVE, MARKERS_REVOKED, ZONE_AREAS)  # the layers whose objects are zones
LABEL_FONT = '"Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"'
# Markers follow the zoom (sized in metres) between these shares of their size at the fitted view.
ZOOM_MIN, ZOOM_MAX = 0.6, 2.5


def _choose(index_values: list[tuple[int, list[int]]], default: list[int]) -> str:
    """A deck.gl expression picking a colour by the feature's index property (a chain of ternaries)."""
    chain = " : ".join(f"properties.i == {i} ? {json.dumps(c)}" for i, c in index_values)
    return f"{chain} : {json.dumps(default)}" if chain else json.dumps(default)


def province_layer(
    province_codes: Sequence[str],
    view: pd.DataFrame,
    style: str,
    outside: Collection[str],
    not_applicable: Collection[str],
):
    """Provinces filled by number of active zones (markers style) or as plain land (areas style);
    `not_applicable` ones (HK, Macao, Taiwan) so, provinces a filter leaves out as outside the view.

    The geometry comes from static/provinces.geojson (feature i is province_codes[i]); only the colours
    travel with each rerun. (Streamlit keeps the getFillColor update trigger of a selectable chart.)"""
    counts = province_counts(view)
    fills = [
        (i, palette.rgba(province_fill(code, counts, style, outside, not_applicable)))
        for i, code in enumerate(province_codes)
    ]
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


def province_hover_layer(
    shapes: Sequence[dict],
    view: pd.DataFrame,
    lang: str,
    outside: Collection[str],
    not_applicable: Collection[str],
):
    """Invisible province shapes (coarse) that show each province's active zones in view on hover."""
    counts = province_counts(view)
    name = "name_zh" if lang == "zh" else "name_en"
    features = []
    for shape in shapes:
        code, words = shape["province_code"], {"name": shape[name]}
        if code in not_applicable:
            tt = i18n.t("pt_na", lang, **words)
        elif code in outside:
            tt = i18n.t("pt_outside", lang, **words)
        else:
            tt = i18n.t("pt_zones", lang, n=int(counts.get(code, 0)), **words)
        features.append({"type": "Feature", "geometry": shape["geometry"], "properties": {"tt": tt}})
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id="province-hover",
        stroked=False,
        filled=True,
        get_fill_color=[255, 255, 255, 1],  # all but transparent: picked, never seen
        pickable=True,
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


def border_layer(style: str) -> pdk.Layer:
    """Province borders, each shared edge once (static/province-borders.json, never changes): grey around
    the areas drawn as not applicable; white between the count fills, dark over the zones' areas."""
    grey = palette.rgba(palette.NOT_APPLICABLE_LINE)
    line = palette.rgba(palette.BORDER_ON_AREAS if style == AREAS else palette.BORDER)
    # One id per colour: Streamlit keeps only the getFillColor update trigger of a selectable chart, so a
    # layer whose static data stays must not change its line colour under the same id.
    return pdk.Layer(
        "LineLayer",
        data=STATIC_URL + STATIC_BORDERS,
        id="province-borders-over-areas" if style == AREAS else "province-borders",
        get_color=f"this[4] ? {json.dumps(grey)} : {json.dumps(line)}",
        **_segment_style(1.0 if style == AREAS else 0.8),
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


def _position(outlines: Outlines):
    """Sort key: a zone's place in the static files (the order the whole set is drawn in)."""
    index = {z: i for i, z in enumerate(outlines.order)}
    return index.__getitem__


def outline_layers(outlines: Outlines, zone_ids: list[str], zoom: float, style: str) -> list[pdk.Layer]:
    """The real extent of each zone in view: in the markers style a light fill ("zone-extent") and a thin
    outline; in the areas style only the thin white line between neighbouring areas. Only the zones in view
    are sent and drawn: coarse geometry for the national view, fine geometry closer in. With every zone in
    view at national zoom, both come from static files instead."""
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
    edge = palette.rgba(
        palette.AREA_EDGE if style == AREAS else palette.OUTLINE, 230 if style == AREAS else 200
    )
    outline = pdk.Layer(
        "LineLayer",
        data=segments,
        id="zone-edges" if style == AREAS else "zone-outlines",  # one id per colour (see border_layer)
        get_color=edge,
        **_segment_style(0.7 if style == AREAS else 1),
    )
    if style == AREAS:
        return [outline]
    extent = pdk.Layer(
        "GeoJsonLayer",
        data=areas,
        id="zone-extent",
        stroked=False,
        filled=True,
        get_fill_color=palette.rgba(palette.OUTLINE, 28),
        pickable=False,
    )
    return [extent, outline]


def area_layers(
    view: pd.DataFrame, scene: Scene, outlines: Outlines, viewport: Viewport, lang: str
) -> list[pdk.Layer]:
    """The zones drawn as their own areas, filled with their batch colour (revoked ones hollow, outlined in
    it; comparing with an earlier date, the unchanged ones muted), earliest batch on top; along the edge of
    each, its confidence mark: dark for no source, dashed for one source."""
    if not scene.areas:
        return []
    coarse = viewport.zoom < FINE_ZOOM
    shapes = outlines.coarse if coarse else outlines.fine
    lines = outlines.coarse_lines if coarse else outlines.fine_lines
    by_id = view.set_index("zone_id")
    features, revoked, unverified, single = [], [], [], []
    for row in rows(by_id.loc[[z for z in scene.areas if z in shapes]].reset_index()):
        active = row.status_asof == "active"
        alpha = palette.MUTED_ALPHA if row.zone_id in scene.muted else 255
        colour = palette.rgba(palette.batch_colour(row.batch), alpha if active else 2)
        props = {"zone_id": row.zone_id, "c": colour, "tt": zone_tooltip(row, lang)}
        features.append({"type": "Feature", "geometry": shapes[row.zone_id], "properties": props})
        if not active:
            edge = palette.rgba(palette.batch_colour(row.batch), alpha)
            revoked += [[*s, *edge] for s in lines[row.zone_id]]
        confidence = getattr(row, "designation_confidence", "")
        if mark(confidence) == MARK_UNVERIFIED:
            unverified += lines[row.zone_id]
        elif mark(confidence) == MARK_SINGLE:
            single += dashed(lines[row.zone_id], viewport)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": features},
            id=ZONE_AREAS,
            stroked=False,
            filled=True,
            get_fill_color="properties.c",
            pickable=True,
        )
    ]
    if revoked:
        layers.append(
            pdk.Layer(
                "LineLayer",
                data=revoked,
                id="revoked-areas",
                get_color="[this[4], this[5], this[6], this[7]]",
                **_segment_style(2.5),
            )
        )
    if single:
        layers.append(
            pdk.Layer(
                "LineLayer",
                data=single,
                id="area-single-source",
                get_color=palette.rgba(palette.SINGLE_SOURCE_RING),
                **_segment_style(1.6),
            )
        )
    if unverified:
        layers.append(
            pdk.Layer(
                "LineLayer",
                data=unverified,
                id="area-unverified",
                get_color=palette.rgba(palette.UNVERIFIED_RING),
                **_segment_style(2.2),
            )
        )
    return layers


def _metres(scene: Scene, pixels: float, radius: str | None = None) -> dict:
    """Radius keywords for a marker-sized circle: `pixels` at the fitted view, following the zoom (or each
    object's own radius in metres, its field `radius`, with the larger size of a zone designated in the
    window allowed for)."""
    extra = palette.NEW_EXTRA if scene.window else 0
    return dict(
        get_radius=radius or round(pixels * scene.metres_per_pixel, 1),
        radius_units='"meters"',
        radius_min_pixels=round(pixels * ZOOM_MIN, 2),
        radius_max_pixels=round((pixels + extra) * ZOOM_MAX, 2),
    )


def marker_layers(scene: Scene, presenter: bool) -> list[pdk.Layer]:
    """Filled markers for active zones, hollow rings for revoked ones (a cue besides colour), earliest batch
    on top, then the batch number inside each when few enough are shown, and the confidence rings; comparing
    with an earlier date, a cross over each zone revoked since then."""
    active = [m for m in scene.markers if m["active"]]
    revoked = [m for m in scene.markers if not m["active"]]
    size = _metres(scene, scene.radius, "r")
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            data=revoked,
            id=MARKERS_REVOKED,
            get_position="position",
            # Filled with an all but transparent white so that a click on the ring's centre picks it.
            filled=True,
            get_fill_color=[255, 255, 255, 2],
            stroked=True,
            get_line_color="colour",
            line_width_min_pixels=2.5,
            pickable=True,
            **size,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=active,
            id=MARKERS_ACTIVE,
            get_position="position",
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=RIM,
            stroked=True,
            pickable=True,
            **size,
        ),
    ]
    if show_batch_digits(len(scene.markers)):
        layers.append(digit_layer(scene.markers, presenter))
    return layers + ring_layers(scene) + cross_layers(scene)


def cross_layers(scene: Scene) -> list[pdk.Layer]:
    """Comparing with an earlier date: a cross in a white halo over each zone revoked since then (its
    marker, or the seat of its hollow area). Not pickable: the zone under it is."""
    if not scene.crosses:
        return []
    return [
        pdk.Layer(
            "TextLayer",
            data=[{**c, "cross": "×"} for c in scene.crosses],
            id=REVOKED_CROSSES,
            get_position="position",
            get_text="cross",
            get_size=round(2 * scene.radius + 12),
            get_color=palette.rgba(palette.REVOKED_CROSS),
            font_weight=700,
            get_text_anchor='"middle"',
            get_alignment_baseline='"center"',
            character_set='"auto"',
            font_family=LABEL_FONT,
            font_settings={"sdf": True, "buffer": 6, "radius": 12},
            outline_width=4,
            outline_color=palette.rgba(palette.HALO, 230),
            pickable=False,
        )
    ]


# An icon of a dashed ring (the mark of a designation that rests on one source), drawn by the browser from
# this inline SVG: a white casing under dark dashes, so that it reads on every fill.
DASHED_RING = "data:image/svg+xml;charset=utf-8," + quote(
    "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64' viewBox='0 0 64 64'>"
    "<circle cx='32' cy='32' r='28' fill='none' stroke='#fff' stroke-width='7'/>"
    f"<circle cx='32' cy='32' r='28' fill='none' stroke='{palette.SINGLE_SOURCE_RING}' stroke-width='4' "
    "stroke-dasharray='8 6'/></svg>"
)


def ring_layers(scene: Scene) -> list[pdk.Layer]:
    """A ring just outside each marker whose designation is not confirmed: solid and dark for no source,
    dashed for one source (deck.gl draws no dashed circles: an icon)."""
    out = []
    gap = MARK_GAP * scene.metres_per_pixel

    def ringed(kind: str) -> list[dict]:  # each ring just outside its marker, in metres
        rings = [m for m in scene.markers if m["mark"] == kind]
        return [
            {"zone_id": m["zone_id"], "position": m["position"], "r": round(m["r"] + gap, 1),
             "s": round(2 * (m["r"] + gap) * 64 / 56, 1)}  # the icon's circle is 56 of its 64 px
            for m in rings
        ]  # fmt: skip

    unverified, single = ringed(MARK_UNVERIFIED), ringed(MARK_SINGLE)
    ring = scene.radius + MARK_GAP
    extra = palette.NEW_EXTRA if scene.window else 0
    if single:
        size = 2 * ring * 64 / 56  # pixels at the fitted view
        out.append(
            pdk.Layer(
                "IconLayer",
                data=single,
                id=SINGLE_RINGS,
                get_position="position",
                icon_atlas=f'"{DASHED_RING}"',  # quoted: pydeck passes it on as a string
                icon_mapping={"ring": {"x": 0, "y": 0, "width": 64, "height": 64, "mask": False}},
                get_icon='"ring"',
                get_size="s",
                size_units='"meters"',
                size_min_pixels=round(size * ZOOM_MIN, 2),
                size_max_pixels=round((size + 2 * extra) * ZOOM_MAX, 2),
                pickable=False,
            )
        )
    if unverified:
        out.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=unverified,
                id=UNVERIFIED_RINGS,
                get_position="position",
                filled=False,
                stroked=True,
                get_line_color=palette.rgba(palette.UNVERIFIED_RING),
                line_width_min_pixels=2,
                pickable=False,
                **_metres(scene, ring, "r"),
            )
        )
    return out


# Markers carry their batch number as a second cue besides colour where there is room for it.
DIGITS_MAX_ZONES = 60


def show_batch_digits(zones: int) -> bool:
    return zones <= DIGITS_MAX_ZONES


def digit_layer(records: list[dict], presenter: bool) -> pdk.Layer:
    """The batch number drawn inside each marker."""
    return pdk.Layer(
        "TextLayer",
        data=records,
        id="batch-digits",
        get_position="position",
        get_text="batch",
        get_size=13 if presenter else 11,
        get_color="ink",
        font_weight=700,
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        font_family='"Noto Sans CJK SC, sans-serif"',
        pickable=False,
    )


def label_layers(scene: Scene) -> list[pdk.Layer]:
    """The seat dots of labelled areas, the leader lines, then the labels: dark text in a white halo that
    reads on every fill, each centred in the box geo.labels found free for it."""
    layers = []
    if scene.seats:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=[{"position": p} for p in scene.seats],
                id="zone-seats",
                get_position="position",
                get_radius=SEAT_RADIUS,
                radius_units='"pixels"',
                get_fill_color=palette.rgba(palette.SEAT),
                get_line_color=[255, 255, 255, 255],
                line_width_min_pixels=1,
                stroked=True,
                pickable=False,
            )
        )
    if scene.leaders:
        layers.append(
            pdk.Layer(
                "LineLayer",
                data=scene.leaders,
                id="label-leaders",
                get_color=[60, 60, 60, 220],
                **_segment_style(1),
            )
        )
    layers.append(
        pdk.Layer(
            "TextLayer",
            data=scene.labels,
            id="zone-labels",
            get_position="position",
            get_text="label",
            get_size="size",
            get_color=palette.rgba(palette.LABEL_INK),
            get_text_anchor='"middle"',
            get_alignment_baseline='"center"',
            character_set='"auto"',
            font_family=LABEL_FONT,
            font_settings={"sdf": True, "buffer": 6, "radius": 12},
            outline_width=5,
            outline_color=palette.rgba(palette.HALO),
            pickable=False,
        )
    )
    return layers


def pick_shapes(provinces) -> tuple[dict, ...]:
    """The province shapes the hover layer needs (coarse, gap-free), with codes and names."""
    from geo.display import display_geometries

    geoms = display_geometries(provinces.geometry.values, 0.08, coverage=True)
    cols = provinces[["province_code", "name_zh", "name_en"]].to_dict("records")
    return tuple({**c, "geometry": g} for c, g in zip(cols, geoms, strict=True))
