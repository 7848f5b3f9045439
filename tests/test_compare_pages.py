"""`?since=…&asof=…` on every page in both languages (AppTest): figures, change list, table, URL, notices."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import facts
from tests.apptest import captions, metric, run, unescape, warnings, widget

SINCE, ASOF = dt.date(2022, 1, 1), dt.date(2025, 12, 31)
PARAMS = {"since": SINCE.isoformat(), "asof": ASOF.isoformat()}
LABELS = {"en": ("Active zones", "Designated", "Revoked"), "zh": ("有效综试区", "新设立", "撤销")}


def window(since: dt.date, day: dt.date) -> tuple[int, int]:
    events = facts.changes_between(since, day)
    changes = [c for _d, c, _z, _doc in events]
    return changes.count("designated"), changes.count("revoked")


LIST = ["day", "change", "zone", "document_no", "source_url"]  # the change list's columns (views/compare.py)


def change_lists(at) -> list:
    return [d.value for d in at.dataframe if list(d.value.columns) == LIST]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_map_page_compares_the_two_dates(lang):
    added, removed = window(SINCE, ASOF)
    active = facts.expected(ASOF).active
    at = run(lang=lang, **PARAMS)
    label, word_added, word_removed = LABELS[lang]
    assert metric(at, label) == str(active)
    figure = next(m for m in at.metric if m.label == (f"Since {SINCE}" if lang == "en" else f"{SINCE} 以来"))
    assert figure.value == f"+{added} / −{removed}"
    if lang == "en":
        assert figure.proto.help == f"+{added} designated, {removed} revoked since {SINCE}"
    else:
        assert figure.proto.help == f"{SINCE} 以来新设立 {added} 个、撤销 {removed} 个"
    (frame,) = change_lists(at)
    wanted = facts.changes_between(SINCE, ASOF)
    assert len(frame) == len(wanted)
    assert sorted(zip(frame["day"], frame["document_no"], strict=True)) == sorted(
        (d.isoformat(), doc) for d, _c, _z, doc in wanted
    )
    assert (frame["change"] == word_added).sum() == added
    assert (frame["change"] == word_removed).sum() == removed
    assert frame["source_url"].str.match(r"https?://").all()
    legend = next(m.value for m in at.markdown if "lg-gone" in m.value)  # views/legend.py
    words = {
        "en": (f"Since {SINCE}", "Designated", "Revoked (cross)", "Unchanged (muted)"),
        "zh": (f"{SINCE} 以来", "新设立", "撤销（叉号）", "无变化（淡化）"),
    }
    assert all(w in legend for w in words[lang])
    assert list(at.query_params.items()) == [*([("lang", "zh")] if lang == "zh" else []), *PARAMS.items()]


@pytest.mark.parametrize("page", ["views/charts.py", "views/table.py"])
def test_the_other_pages_say_the_same_numbers(page):
    added, removed = window(SINCE, ASOF)
    active = facts.expected(ASOF).active
    at = run(page, **PARAMS)
    head = f"+{added} designated, {removed} revoked since {SINCE} · {active} active zones · as of {ASOF}"
    assert head in captions(at), captions(at)
    assert dict(at.query_params.items()) == PARAMS
    if page == "views/table.py":
        table = at.dataframe[0].value
        assert list(table.columns[:3]) == ["name_en", "name_zh", "change"]
        counts = table["change"].value_counts()
        both = int(counts.get("Designated, then revoked", 0))
        assert int(counts.get("Designated", 0)) + both == added
        assert int(counts.get("Revoked", 0)) + both == removed


def test_the_text_description_names_both_dates():
    at = run(**PARAMS)
    at.session_state["map_summary"] = True
    at.run()
    text = " ".join(unescape(m.value) for m in at.markdown)
    added, removed = window(SINCE, ASOF)
    assert f"As of {ASOF}" in text
    assert f"Since {SINCE}, {added} of them were designated and {removed} revoked" in text


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "2025-06-01", "asof": "2024-01-01"}, "later than the as-of date"),
        ({"since": "2015-02-01"}, f"before the first reply ({facts.reply_days()[0]})"),
    ],
)
def test_an_unusable_date_is_left_out_with_a_notice(params, words):
    at = run(**params)
    assert any("'since'" in w and words in w for w in warnings(at)), warnings(at)
    assert "since" not in at.query_params
    assert change_lists(at) == []
    assert not any(m.label.startswith("Since") for m in at.metric)


def test_since_the_previous_reply_is_one_click():
    days = facts.reply_days()
    at = run()
    next(b for b in at.button if b.label == "Since the previous reply").click().run()
    assert at.query_params["since"] == days[-2].isoformat()
    added, removed = window(days[-2], dt.date.today())
    assert metric(at, f"Since {days[-2]}") == f"+{added} / −{removed}"
    assert widget(at, "date_input", "since").value == days[-2]
    assert next(b for b in at.button if b.label == "Since the previous reply").disabled
