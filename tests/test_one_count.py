"""One count per question: for a set of filters, every page shows the numbers computed from data/ directly."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from geo import export
from geo.filters import Filters
from geo.maptext import map_description, view_subtitle
from tests.apptest import captions, metric, run, unescape
from tests.facts import expected

CASES = [
    ({"batch": "6"}, Filters(batch=(6,)), dict(batch={6})),
    ({"batch": "6", "asof": "2022-12-31"}, Filters(batch=(6,), asof=dt.date(2022, 12, 31)),
     dict(day=dt.date(2022, 12, 31), batch={6})),
    ({"province": "46"}, Filters(province=("46",)), dict(province={"46"})),
    ({}, Filters(), {}),
]  # fmt: skip


def headline(numbers) -> str:
    text = f"{numbers.active} active zone{'s' if numbers.active != 1 else ''}"
    if numbers.designated != numbers.active:
        text += f" · {numbers.designated} designated · {numbers.revoked} revoked"
    return text


@pytest.mark.parametrize(("params", "filters", "facts"), CASES)
def test_every_page_shows_the_same_numbers(params, filters, facts):
    numbers = expected(**facts)
    at = run(**params)
    assert metric(at, "Active zones") == str(numbers.active)
    delta = next(m for m in at.metric if m.label == "Active zones").proto.delta
    if numbers.designated != numbers.active:
        assert delta == f"{numbers.designated} designated · {numbers.revoked} revoked"
    else:
        assert not delta
    assert metric(at, "Provinces") == str(numbers.provinces_shown)
    assert metric(at, "Batches") == str(numbers.batches)
    at.session_state["map_summary"] = True  # the reader opens "Text description of the map"
    at.run()
    description = " ".join(unescape(m.value) for m in at.markdown)
    assert f"{numbers.designated} pilot zone" in description
    for page in ("views/charts.py", "views/table.py"):
        at.switch_page(page).run()
        assert any(c.startswith(headline(numbers)) for c in captions(at)), (page, captions(at))
    assert len(at.dataframe[0].value) == numbers.designated


@pytest.mark.parametrize(("_params", "filters", "facts"), CASES)
def test_texts_and_exports_say_the_same_numbers(data, _params, filters, facts):
    numbers = expected(**facts)
    view = data.view(filters)
    asof = filters.asof or dt.date.today()
    assert headline(numbers) in view_subtitle(filters, data.vocab, view, asof, "", "en")
    text = map_description(view, asof.isoformat(), "en")
    if numbers.revoked:
        assert f"{numbers.active} of them are active and {numbers.revoked} revoked" in text
    csv = pd.read_csv(io.BytesIO(export.to_csv(export.export_frame(view))), encoding="utf-8-sig")
    assert len(csv) == numbers.designated
