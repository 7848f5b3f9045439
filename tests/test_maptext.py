"""The slide subtitle says what a picture of the view shows: its filters in words, counts, both dates."""

from __future__ import annotations

import datetime as dt

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
    text = view_subtitle(f, data.vocab, data.view(f), day, data.latest, "en")
    parts = text.split(" · ")
    assert parts[:2] == ["Guangdong", "Batch 6 (国函〔2022〕8号)"]
    assert f"{expected(batch={6}, province={'44'}).active} active zones" in parts
    doc, latest = newest_reply()
    assert "as of 2026-01-01" in parts and any(doc in p and latest in p for p in parts)


def test_the_chinese_subtitle_and_an_unfiltered_view(data):
    f = Filters(lang="zh")
    text = view_subtitle(f, data.vocab, data.view(f), dt.date(2026, 1, 1), data.latest, "zh")
    wanted = expected()
    assert text.startswith(f"有效综试区 {wanted.active} 个")  # no filter words before the counts
    assert f"设立 {wanted.designated} 个" in text and "截至 2026-01-01" in text
    doc, latest = newest_reply()
    assert f"最新批复：{doc}，{latest}" in text


def test_the_view_date_follows_the_as_of_filter(data):
    day = sorted(effective_days().values())[2]
    f = Filters(asof=day)
    text = view_subtitle(f, data.vocab, data.view(f), day, data.latest, "en")
    assert f"as of {day.isoformat()}" in text
    assert f"{expected(day=day).active} active zones" in text
