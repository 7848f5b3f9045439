"""What a person sees on the map page in headless Chromium: canvas, tooltip, detail panel, links, slides."""

from __future__ import annotations

from tests import facts
from tests.e2e.helpers import (
    canvas_centre,
    click_marker,
    close_details,
    details,
    hover_centre_marker,
    no_error,
    show,
    wait_for_metric,
)
from tests.facts import expected


def test_hover_shows_a_tooltip_and_a_click_opens_the_details_with_sources_and_quotes(app_page, app_url):
    # A search with one match opens its details in a modal dialog; once closed, the map answers again. A
    # single zone is framed at the centre of the map, so its area (or marker) lies under the canvas centre.
    # (The same link in Chinese opening the details, and their words: AppTest, tests/test_evidence_views.py.
    # The first visit, offline, the map sent once: tests/e2e/test_legible_browser.py, on a phone.)
    page = app_page
    zone = next(z for z in facts.rows("zones.csv") if z["zone_id"] == "xuzhou")
    reply = next(b for b in facts.rows("batches.csv") if b["batch"] == zone["batch"])
    show(page, app_url + "/?q=Xuzhou")
    close_details(page)
    text = hover_centre_marker(page)
    assert zone["name_en"] in text and zone["name_zh"] in text and reply["document_no"] in text, text
    page.mouse.click(*canvas_centre(page))  # the tooltip just showed: deck.gl can pick
    dialog = details(page)
    dialog.get_by_role("heading", name=zone["name_en"]).wait_for()
    shown = dialog.inner_text()
    assert "Selected zone" in shown and zone["adcodes"] in shown and reply["document_no_en"] in shown, shown
    page.wait_for_function("() => location.search.includes('zone=xuzhou')")  # the selection is in the link
    panel = dialog.locator(".st-key-detail_panel")
    sources = facts.ledger_rows("xuzhou", "designation")
    for source in sources:
        # The designation's list comes first (a page may also be listed for a fact of the zone's reply).
        link = panel.locator(f'[data-testid="stMarkdownContainer"] a[href="{source["source_url"]}"]').first
        link.wait_for()
        title = source["source_title"] or f"page on {facts.site(source['source_url'])}"
        # A short title (issue 24): the whole one, or its beginning cut between words with an ellipsis.
        shown = link.inner_text().strip()
        cut = shown.removesuffix("…")
        assert shown == title or (shown.endswith("…") and title.startswith(cut) and cut != title), shown
        assert not cut.isascii() or not title[len(cut) :][:1].isalnum(), (shown, title)  # not mid-word
        # On one or two lines of the dialog (its link wraps over one box per line).
        assert link.evaluate("(a) => a.getClientRects().length") <= 2, shown
    text = panel.inner_text()
    assert f"Designation · Confirmed · {facts.n_sources('xuzhou', 'designation')} sources" in text
    assert all(s["publisher"] in text for s in sources)
    assert not any(s["quote"] in text for s in sources), "the quotes are one click away"
    panel.get_by_text(f"What the sources say ({len(sources)})").first.click()  # the designation's
    for source in sources:
        panel.get_by_text(source["quote"], exact=False).first.wait_for()
    no_error(page)
    # Closed, a second click on the same zone opens its details again (the map's selection held in the
    # browser does not turn it into a deselection).
    close_details(page)
    click_marker(page, *canvas_centre(page))
    details(page).get_by_role("heading", name=zone["name_en"]).wait_for()
    page.wait_for_function("() => location.search.includes('zone=xuzhou')")
    close_details(page)  # the tab moves on to other views


def test_a_filter_change_is_written_to_the_address_bar_and_back_returns(app_page, app_url):
    page = app_page
    show(page, app_url + "/?batch=6")
    page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]').nth(1).get_by_text(
        "7", exact=True
    ).click()
    wait_for_metric(page, "Active zones", str(expected(batch={6, 7}).active))
    page.wait_for_function("() => location.search === '?batch=6,7'")
    page.go_back()
    wait_for_metric(page, "Active zones", str(expected(batch={6}).active))
    page.wait_for_function("() => location.search === '?batch=6'")
