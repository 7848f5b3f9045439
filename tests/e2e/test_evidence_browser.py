"""In a real browser: clicking a zone shows its sources in the detail panel; the sources page's downloads."""

from __future__ import annotations

import io
import json
import zipfile

from geo.paths import DATA_DIR
from tests import facts
from tests.e2e.helpers import (
    canvas_centre,
    close_details,
    details,
    download,
    hover_centre_marker,
    no_error,
    settle,
    show,
)


def test_clicking_a_zone_shows_its_sources_and_quotes_in_the_detail_panel(page, app_url):
    # One zone is framed at the centre of the map, so its area (or marker) lies under the canvas centre.
    show(page, app_url + "/?q=Xuzhou")
    close_details(page)  # the search's one match opened them; closed, the map answers again
    hover_centre_marker(page)  # deck.gl picks once it has drawn
    page.mouse.click(*canvas_centre(page))
    panel = details(page).locator(".st-key-detail_panel")
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
    page.wait_for_function("() => location.search.includes('zone=xuzhou')")
    no_error(page)


def test_a_search_for_haikou_opens_its_details_with_what_revoked_it_and_every_date_marked(app_page, app_url):
    # One match: its details open by themselves; its reply's dates carry their confidence.
    page = app_page
    show(page, app_url + "/?q=Haikou")
    page.wait_for_function("() => location.search.includes('zone=haikou')")
    panel = page.locator(".st-key-detail_panel")
    revocation = facts.ledger_rows("haikou", "revocation")[0]
    panel.locator(f'[data-testid="stMarkdownContainer"] a[href="{revocation["source_url"]}"]').wait_for()
    text = panel.inner_text()
    wording = facts.revocation_wording("haikou")
    assert f": {wording}, effective {facts.revoked_on_wording('haikou')}" in text
    assert "Revocation confidence: Single source" in text
    assert "is an inference from geography" in text  # the zones.csv note: the successor is inferred
    assert "Revocation · Single source · 1 source" in text
    reply = next(b for b in facts.rows("batches.csv") if b["batch"] == "3")
    for fact, label in (("approved_on", "Approved"), ("published_on", "Published")):
        mark = facts.MARKS.get(facts.fact_confidence()[("batch:3", fact)], "")
        assert f"{label}: {reply[fact]}{mark}" in text, (fact, text)
    no_error(page)


def test_a_search_hidden_by_the_date_says_why_and_one_click_shows_it(page, app_url):
    page.goto(app_url + "/?q=Kashgar&asof=2020-06-30")
    answer = page.locator(".st-key-search_answers")
    answer.wait_for()
    kashgar = next(z for z in facts.rows("zones.csv") if z["zone_id"] == "kashgar")
    reply = next(b for b in facts.rows("batches.csv") if b["batch"] == kashgar["batch"])
    mark = facts.MARKS.get(facts.fact_confidence()[(f"batch:{reply['batch']}", "approved_on")], "")
    why = f"designated on {reply['approved_on']}{mark}, after this view's date (2020-06-30)"
    assert why in answer.inner_text()
    answer.get_by_role("button", name="Show it").click()
    shown = "() => location.search.includes('zone=kashgar') && !location.search.includes('asof')"
    page.wait_for_function(shown)
    page.locator(".st-key-detail_panel").get_by_text(kashgar["name_en"]).first.wait_for()
    no_error(page)


def test_sources_page_cites_the_view_and_downloads_all_data(app_page, app_url):
    page = app_page
    show(page, app_url + "/sources?batch=6")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    cite = page.locator('[data-testid="stMain"] [data-testid="stCode"]').first.inner_text()
    assert cite.rstrip().endswith(f"{app_url}/?batch=6"), cite  # the browser's address: nothing configured
    name, data = download(page, "All data (ZIP)")
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        package = json.loads(z.read(next(n for n in names if n.endswith("/datapackage.json"))))
        readme = z.read(next(n for n in names if n.endswith("/README.md"))).decode("utf-8")
    assert {r["path"] for r in package["resources"]} <= {n.split("/", 1)[1] for n in names}
    assert f"{app_url}/?batch=6" in readme, "the README cites the view it was downloaded from"
    settle(page)
    _name, ledger = download(page, "Evidence ledger (CSV)")
    assert ledger == (DATA_DIR / "evidence.csv").read_bytes()
