"""The pydeck map of a view: its options, the view fitted to the map's size, the deck from geo.maplayers."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo import i18n
from geo.display import Outlines
from geo.filters import Filters
from geo.labels import Viewport, project, unproject
from geo.maplayers import (
    MARKERS_ACTIVE,
    MARKERS_REVOKED,
    PICKABLE,
    REVOKED_CROSSES,
    SINGLE_RINGS,
    UNVERIFIED_RINGS,
    ZONE_AREAS,
    area_layers,
    border_layer,
    label_layers,
    maritime_layer,
    marker_layers,
    outline_layers,
    province_hover_layer,
    province_layer,
)
from geo.mapmarks import DEFAULT_STYLE
from geo.mapscene import build_scene

__all__ = [
    "MARKERS_ACTIVE",
    "MARKERS_REVOKED",
    "PICKABLE",
    "REVOKED_CROSSES",
    "SINGLE_RINGS",
    "UNVERIFIED_RINGS",
    "ZONE_AREAS",
    "MapOptions",
    "base_layer_id",
    "build_deck",
    "fit_view",
    "pick_token",
    "with_pick_ids",
]

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


PICK_SEPARATOR = "~"  # between a pickable layer's id and the token of the view it was sent for


def with_pick_ids(deck: FrozenDeck, token: str) -> FrozenDeck:
    """The deck with `~token` after the ids of its pickable layers (PICKABLE), a copy.

    The browser keeps a click on the map (Streamlit's pydeck_chart selection) as a layer id and an index
    into that layer's data, across new decks: an index still in range is re-pointed at whatever row now
    sits there (another zone, sent back as if clicked), and a click on the row it holds counts as a
    deselection (nothing opens). Ids that change whenever a kept click may be stale (another view, a zone
    clicked) make the browser drop it instead. The ids are replaced in the serialised deck
    (compact, keys sorted: each appears once as `"id":"<layer>"`), not rebuilt, to keep a click cheap."""
    text = deck.to_json()
    for layer in PICKABLE:
        text = text.replace(f'"id":"{layer}"', f'"id":"{layer}{PICK_SEPARATOR}{token}"')
    tokened = copy.copy(deck)
    tokened._json = text
    return tokened


def pick_token(filters: Filters, clicks: int) -> str:
    """The token of a view's pickable layers: it names the rows shown and how many zones were clicked in
    the session (a kept click is stale once either changes; see with_pick_ids). Stable within a process,
    which is all it needs: a token that differs only makes the browser drop a click already acted on."""
    return format(hash((filters.rows_key(), clicks)) & 0xFFFFFFFF, "08x")


def base_layer_id(layer_id: str) -> str:
    """A layer's id without the token with_pick_ids gave it."""
    return layer_id.split(PICK_SEPARATOR, 1)[0]


@dataclass(frozen=True)
class MapOptions:
    """Display options that are not filters."""

    lang: str = i18n.DEFAULT_LANG
    presenter: bool = False
    labels: bool = True
    basemap: bool = False
    size: tuple[int, int] = DEFAULT_SIZE  # the map's width and height in CSS pixels
    style: str = DEFAULT_STYLE  # areas or markers (geo.mapmarks)
    outside: frozenset[str] = frozenset()  # province codes a filter leaves out of the view


def label_size(options: MapOptions) -> int:
    """Type size of the zone labels in pixels: larger in presenter mode, and on a tall presenter map."""
    if not options.presenter:
        return 13
    return int(min(18, max(14, 14 + (options.size[1] - 560) / 100)))


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
    provinces: Sequence[dict] | None = None,
    *,
    not_applicable: Collection[str],
) -> CompactDeck:
    """The whole map for a filtered view. `provinces`: the shapes of geo.maplayers.pick_shapes, for the
    province counts on hover; `not_applicable`: Dataset.not_applicable."""
    state = fit_view(view, options.size)
    viewport = Viewport(state["longitude"], state["latitude"], state["zoom"], *options.size)
    scene = build_scene(
        view, viewport, options.style, options.lang, label_size(options), options.presenter, outlines.coarse
    )
    layers = [province_layer(province_codes, view, options.style, options.outside, not_applicable)]
    if provinces:
        layers.append(province_hover_layer(provinces, view, options.lang, options.outside, not_applicable))
    if maritime:
        layers.append(maritime_layer(maritime))
    layers += outline_layers(outlines, view["zone_id"].tolist(), state["zoom"], options.style)
    layers += area_layers(view, scene, outlines, viewport, options.lang)
    layers.append(border_layer(options.style))
    layers += marker_layers(scene, options.presenter)
    if options.labels:
        layers += label_layers(scene)
    # Offline by default: no provider and pydeck's default style sentinel, which Streamlit drops. (An
    # explicit map_style=None would make Streamlit fetch a Carto style from the internet.)
    basemap = {"map_provider": "carto", "map_style": "light"} if options.basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**state, pitch=0, bearing=0),
        tooltip={"text": "{tt}"},
        **basemap,
    )
