"""In a real browser: details from a search, a search the date hides, the sources page's downloads."""

from __future__ import annotations

import io
import json
import zipfile

from geo.paths import DATA_DIR
from tests import facts
from tests.e2e.helpers import (
    close_details,
    download,
    no_error,
    settle,
    show,
)


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
    close_details(page)  # the tab moves on to other views


def test_a_search_hidden_by_the_date_says_why_and_one_click_shows_it(app_page, app_url):
    page = app_page
    show(page, app_url + "/?q=Kashgar&asof=2020-06-30")
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
    close_details(page)  # the tab moves on to other views


def test_sources_page_cites_the_view_and_downloads_all_data(text_page, app_url):
    page = text_page
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
