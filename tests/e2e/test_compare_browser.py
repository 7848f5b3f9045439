"""Comparing in Chromium: the link, the previous reply, back, and hover and click under a cross."""

from __future__ import annotations

import datetime as dt

from tests import facts
from tests.e2e.helpers import (
    canvas_centre,
    close_details,
    details,
    hover_centre_marker,
    no_error,
    show,
    wait_for_metric,
)

SINCE, ASOF = dt.date(2022, 1, 1), dt.date(2025, 12, 31)
LINK = f"?since={SINCE}&asof={ASOF}"


def window(since: dt.date, day: dt.date) -> str:
    changes = [c for _d, c, _z, _doc in facts.changes_between(since, day)]
    return f"+{changes.count('designated')} / −{changes.count('revoked')}"


def test_a_link_opens_the_comparison_and_the_map_still_answers(app_page, app_url):
    page = app_page
    show(page, app_url + "/" + LINK)
    wait_for_metric(page, "Active zones", str(facts.expected(ASOF).active))
    wait_for_metric(page, f"Since {SINCE}", window(SINCE, ASOF))
    legend = page.locator(".lg").inner_text()
    assert f"Since {SINCE}" in legend and "Revoked (cross)" in legend and "Unchanged (muted)" in legend
    page.get_by_role("heading", name=f"What changed since {SINCE}").wait_for()
    rows = page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first.get_attribute("aria-rowcount")
    assert int(rows or 0) == len(facts.changes_between(SINCE, ASOF)) + 1  # and the header
    assert page.evaluate("() => location.search") == LINK

    previous = facts.reply_days()[-2]  # the reply before the newest one in force on ASOF
    page.get_by_role("button", name="Since the previous reply").click()
    wait_for_metric(page, f"Since {previous}", window(previous, ASOF))
    page.wait_for_function(f"() => location.search === '?since={previous}&asof={ASOF}'")
    page.go_back()
    wait_for_metric(page, f"Since {SINCE}", window(SINCE, ASOF))
    page.wait_for_function(f"() => location.search === '{LINK}'")

    # Alashankou, designated and revoked in the window, alone at the centre of the map, under its cross.
    show(page, app_url + "/" + LINK + "&q=Alashankou")
    close_details(page)  # the search's one match opened them; closed, the map answers again
    text = hover_centre_marker(page)
    assert "Alashankou" in text and "国函〔2025〕40号" in text
    page.mouse.click(*canvas_centre(page))
    page.wait_for_function("() => location.search.includes('zone=alashankou')")
    details(page).locator(".st-key-detail_panel").get_by_text("652702").wait_for()
    no_error(page)
    close_details(page)  # the tab moves on to other views
