"""Hostile and broken input through the app: random URLs, broken data files, HTML in the data."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.filterkinds import Codes
from geo.filters import SPEC
from geo.urlquery import parse_query
from tests.apptest import app, copy_data, elements, run, sent_bytes
from tests.fuzz import examples
from views.context import DATA_ENV
from views.widgets import MAX_NOTICES

PARAMS = [e.name for e in SPEC] + ["x", "embed"]
values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["6", "44", "zh", "en", "2020-01-01", "coastal", "east", "", ",", "0", "1", "-1", "9" * 30, "yiwu"]
    ),
)
queries = st.dictionaries(st.sampled_from(PARAMS), st.lists(values, min_size=1, max_size=3), max_size=5)


@pytest.fixture(scope="module")
def vocab(data):
    return data.vocab


# Each example costs about 5 ms, nearly all of it hypothesis drawing the query (the parse takes 40 us):
# 1000 of them try every parameter with every kind of value many times over.
@settings(
    max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_parse_query_never_raises_and_explains_every_dropped_value(vocab, query):
    filters, notices = parse_query(query, vocab, dt.date(2026, 11, 27))
    for notice in notices:
        assert notice.text("en") and notice.text("zh")
    for entry in SPEC:
        if isinstance(entry.kind, Codes):
            assert set(getattr(filters, entry.name)) <= set(vocab.options[entry.name])


# Each example runs the whole app (about 70 ms of CPU): 60 locally, APP_FUZZ_EXAMPLES (300 in CI) if set.
APP_EXAMPLES = examples(int(os.environ.get("APP_FUZZ_EXAMPLES", "60")))


@settings(max_examples=APP_EXAMPLES, deadline=None)
@given(query=queries)
def test_the_app_survives_random_query_strings(query):
    at = app()
    for key, vals in query.items():
        at.query_params[key] = vals
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def _broken(tmp_path: Path, edit) -> Path:
    edit(copy_data(tmp_path))
    return tmp_path


def _set(path: Path, row: int, column: str, value: str) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


# Through the page, a missing file and a cell named by row and column; every rule of the registry files
# (encoding, columns, duplicates, codes, counts, ...) is tested on load_registry in tests/test_registry.py.
BROKEN = {
    "missing file": (lambda d: (d / "zones.csv").unlink(), "zones.csv: file not found"),
    "count disagrees": (
        lambda d: _set(d / "batches.csv", 7, "zone_count", "28"),
        "batches.csv, row 7, column 'zone_count': batch 6 says 28 zones but zones.csv has 27 rows",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_gives_one_clear_message_not_a_traceback(tmp_path, monkeypatch, case):
    edit, expected = BROKEN[case]
    monkeypatch.setenv(DATA_ENV, str(_broken(tmp_path, edit)))
    at = app()
    at.run()
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value
    assert expected in at.code[0].value


def test_a_100_kb_query_string_costs_what_a_plain_page_costs():
    # Every value unusable, so the view is the default one; about 100 kB in all.
    hostile = {
        "batch": [",".join(["0"] * 2500)],
        "lang": ["x" * 10_000, "y" * 10_000],
        "zone": ["z" * 10_000],
        **{f"p{i}": ["v" * 1000] for i in range(80)},
    }
    assert sum(len(k) + sum(len(v) for v in vals) for k, vals in hostile.items()) > 100_000
    plain, huge = run(), run(**hostile)
    # A handful of notices (the rest summed up in one line), each short; nothing else changes.
    assert len(huge.warning) == MAX_NOTICES + 1 and not plain.warning
    assert all(len(w.value) < 400 for w in huge.warning)
    assert len(elements(huge)) == len(elements(plain)) + len(huge.warning)
    notices = sum(w.proto.ByteSize() for w in huge.warning)
    assert notices < 3000
    assert sent_bytes(huge) == sent_bytes(plain) + notices
