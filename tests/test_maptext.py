"""The slide subtitle says what a picture of the view shows: its filters in words, counts, both dates."""

from __future__ import annotations

import datetime as dt

from geo import provenance
from geo.filters import Filters
from geo.maptext import view_subtitle
from tests.facts import effective_days, expected, rows


def newest_reply() -> tuple[str, str]:
    """(document number, day) of the newest reply, from batches.csv."""
    days = effective_days()
    batch = max(days, key=days.__getitem__)
    doc = next(b["document_no"] for b in rows("batches.csv") if int(b["batch"]) == batch)
    return doc, days[batch].isoformat()


def test_a_filtered_view_names_its_filters_counts_and_both_dates(data):
    f = Filters(province=("44",), batch=(6,))
    day = dt.date(2026, 1, 1)
    text = view_subtitle(f, data.vocab, data.view(f), day, provenance.of(data, f).latest_words("en"), "en")
    parts = text.split(" · ")
    assert parts[:2] == ["Guangdong", "Batch 6 (国函〔2022〕8号)"]
    assert f"{expected(batch={6}, province={'44'}).active} active zones" in parts
    doc, latest = newest_reply()
    assert "as of 2026-01-01" in parts and any(doc in p and latest in p for p in parts)


def test_the_chinese_subtitle_and_an_unfiltered_view(data):
    f = Filters(lang="zh")
    latest = provenance.of(data, f).latest_words("zh")
    text = view_subtitle(f, data.vocab, data.view(f), dt.date(2026, 1, 1), latest, "zh")
    wanted = expected()
    assert text.startswith(f"有效综试区 {wanted.active} 个")  # no filter words before the counts
    assert f"设立 {wanted.designated} 个" in text and "截至 2026-01-01" in text
    doc, day = newest_reply()
    assert f"最新批复：{doc}，{day}" in text


def test_the_view_date_follows_the_as_of_filter(data):
    day = sorted(effective_days().values())[2]
    f = Filters(asof=day)
    text = view_subtitle(f, data.vocab, data.view(f), day, provenance.of(data, f).latest_words("en"), "en")
    assert f"as of {day.isoformat()}" in text
    assert f"{expected(day=day).active} active zones" in text


def test_the_latest_reply_is_the_one_in_effect_on_the_views_day(data):
    # ?asof=2020-06-30: the newest reply then is batch 5's (国函〔2020〕47号), never a later one.
    f = Filters(asof=dt.date(2020, 6, 30))
    days = effective_days()
    in_effect = max((b for b, d in days.items() if d <= f.asof), key=days.__getitem__)
    docs = {int(b["batch"]): b["document_no"] for b in rows("batches.csv")}
    text = view_subtitle(f, data.vocab, data.view(f), f.asof, provenance.of(data, f).latest_words("en"), "en")
    assert f"latest reply: {docs[in_effect]}, {days[in_effect].isoformat()}" in text
    assert not any(docs[b] in text for b in days if days[b] > f.asof)
    source = provenance.of(data, f).source_line("en")
    assert f"2015–{days[in_effect].year}" in source and "2025" not in source
