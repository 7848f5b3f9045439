"""The map's pickable layers carry a token of the view and the clicks made, so a kept click is dropped."""

# The browser keeps a click on the map as (layer id, index) across new decks (Streamlit's pydeck_chart):
# re-pointed at another zone after a change of view, or taken as a deselection when the same zone is
# clicked again after its details were closed. The ids change with the rows and with every click. What a
# person sees (a click that opens the zone clicked, again and after a move): tests/e2e/test_map_browser.py
# and test_legible_browser.py.

from __future__ import annotations

import json

from geo.filters import SPEC
from geo.mapview import (
    PICKABLE,
    FrozenDeck,
    MapOptions,
    base_layer_id,
    build_deck,
    pick_token,
    with_pick_ids,
)
from views.detail import picked_zone


def _deck(data, filters) -> FrozenDeck:
    view = data.view(filters)
    deck = build_deck(
        data.province_codes,
        data.outlines,
        view,
        MapOptions(),
        data.maritime_features,
        not_applicable=data.not_applicable,
    )
    return FrozenDeck(deck)


def test_only_the_pickable_layers_ids_get_the_token_and_nothing_else_changes(data):
    deck = _deck(data, SPEC.filters(batch=(6,)))
    tokened = with_pick_ids(deck, "abc123")
    before, after = json.loads(deck.to_json()), json.loads(tokened.to_json())
    ids = [layer["id"] for layer in after["layers"]]
    pickable = [i for i in ids if base_layer_id(i) in PICKABLE]
    assert pickable and all(i.endswith("~abc123") for i in pickable), ids
    assert [base_layer_id(i) for i in ids] == [layer["id"] for layer in before["layers"]]
    for layer in after["layers"]:
        layer["id"] = base_layer_id(layer["id"])
    assert after == before
    assert deck.to_json() == json.dumps(before, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_the_token_changes_with_the_rows_and_each_click_only():
    view = SPEC.filters(batch=(6,))
    assert pick_token(view, 0) == pick_token(SPEC.filters(batch=(6,)), 0)
    assert pick_token(view, 0) != pick_token(SPEC.filters(batch=(7,)), 0)  # another view
    assert pick_token(view, 0) != pick_token(view, 1)  # a zone clicked: the click is not kept
    assert pick_token(view, 1) == pick_token(view.replace(lang="zh", zone="yiwu"), 1)  # the same rows


def test_a_click_on_a_tokened_layer_names_its_zone():
    for layer in PICKABLE:
        row = {"properties": {"zone_id": "yiwu"}} if layer == "zone-areas" else {"zone_id": "yiwu"}
        event = {"selection": {"indices": {f"{layer}~00ff": [0]}, "objects": {f"{layer}~00ff": [row]}}}
        assert picked_zone(event, PICKABLE) == "yiwu", layer
