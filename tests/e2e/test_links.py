"""A view is a link: canonical addresses that reopen the same view on every page, copy link, embed, back."""

from __future__ import annotations

import datetime as dt
import random
from urllib.parse import parse_qsl, urlencode, urlsplit

from geo.filters import SPEC
from tests.e2e.helpers import DeckRecorder, show, wait_for_map
from tests.facts import expected, rows

PAGES = ["/", "/charts", "/table", "/sources"]
# The canonical parameter order: the spec's (tests/test_docs.py checks that the README promises the same).
ORDER = [entry.name for entry in SPEC]
REGIONS = ["east", "central", "west", "northeast"]
LEVELS = ["municipality", "prefecture_city", "county_level_city", "autonomous_prefecture", "prefecture"]
LOCATIONS = ["coastal", "land_border", "inland"]
PROVINCE_LABELS = {"44": "广东 Guangdong", "33": "浙江 Zhejiang", "65": "新疆 Xinjiang"}

# What the sidebar shows, read from the page: selected pills, multiselect chips, text and date inputs,
# the language, the toggles.
SIDEBAR_STATE = """() => {
    const side = document.querySelector('[data-testid="stSidebar"]');
    const texts = (sel) => [...side.querySelectorAll(sel)].map(e => e.innerText.trim()).sort();
    return {
        pills: texts('[data-testid="stBaseButton-pillsActive"]'),
        chips: texts('[data-baseweb="tag"]'),
        inputs: [...side.querySelectorAll('input[type="text"]')].map(e => e.value),
        radio: texts('[role="radiogroup"] label:has(input:checked)'),
        toggles: [...side.querySelectorAll('[data-testid="stCheckbox"] input')].map(e => e.checked),
    };
}"""
NUMBERS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"], [data-testid="stCaptionContainer"]')]
    .map(e => e.innerText.trim())
    .filter(t => /\\d/.test(t) && !t.startsWith('Source') && !t.startsWith('来源'))"""


def random_state(rng: random.Random) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the link as a person might type it, with labels and old forms; its canonical form)."""
    batches = sorted(int(b["batch"]) for b in rows("batches.csv"))
    chosen: dict[str, str] = {}
    given: dict[str, str] = {}
    if rng.random() < 0.4:
        chosen["lang"] = "zh"
        given["lang"] = rng.choice(["zh", "中文"])
    if rng.random() < 0.4:
        codes = sorted(rng.sample(sorted(PROVINCE_LABELS), rng.randint(1, 2)))
        chosen["province"] = ",".join(codes)
        given["province"] = ",".join(PROVINCE_LABELS[c] if rng.random() < 0.5 else c for c in codes)
    if rng.random() < 0.3:
        chosen["region"] = given["region"] = ",".join(sorted(rng.sample(REGIONS, 1), key=REGIONS.index))
    if rng.random() < 0.6:
        picked = sorted(rng.sample(batches, rng.randint(1, 3)))
        chosen["batch"] = ",".join(map(str, picked))
        given["batch"] = ",".join(map(str, reversed(picked)))
    if rng.random() < 0.25:
        chosen["level"] = given["level"] = rng.choice(LEVELS)
    if rng.random() < 0.25:
        chosen["location"] = given["location"] = rng.choice(LOCATIONS)
    if rng.random() < 0.3:
        day = dt.date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
        chosen["asof"] = day.isoformat()
        given["asof"] = day.strftime("%Y%m%d") if rng.random() < 0.5 else day.isoformat()
    if rng.random() < 0.2:
        chosen["revoked"] = given["revoked"] = "0"
    canonical = [(k, chosen[k]) for k in ORDER if k in chosen]
    typed = list(given.items())
    rng.shuffle(typed)
    return typed, canonical


STATES = [random_state(random.Random(seed)) for seed in range(20)]  # all 20 run in tests/test_link_states.py
# In the browser: one state per page, together every parameter and every form a person might type (labels,
# 中文, compact dates, reversed batches, another order).
IN_BROWSER = (8, 1, 2, 7)


def test_typed_links_become_canonical_in_the_address_bar_and_reopen_the_same_view(
    app_page, text_page, page, app_url
):
    # Each typed link in a reused tab (a move, as back and forward make: the app reads the address the
    # same way as on a load); its canonical address then opened in a new session, in another tab (a load
    # for the first, then moves). AppTest opens all 20 states both ways (tests/test_link_states.py).
    seen: list[tuple[str, dict[str, object]]] = []
    for index in IN_BROWSER:
        typed, canonical = STATES[index]
        path = PAGES[index % len(PAGES)]
        tab = app_page if path == "/" else text_page
        show(tab, f"{app_url}{path}?{urlencode(typed)}")
        wanted = urlencode(canonical, safe=",")
        tab.wait_for_function("(q) => location.search === (q ? '?' + q : '')", arg=wanted)
        address = tab.evaluate("() => location.href")
        seen.append((address, {read: tab.evaluate(read) for read in (SIDEBAR_STATE, NUMBERS)}))
        params = dict(canonical)
        if path in ("/", "/table", "/charts") and set(params) <= {"lang", "province", "batch", "asof"}:
            numbers = expected(
                dt.date.fromisoformat(params["asof"]) if "asof" in params else None,
                batch={int(b) for b in params["batch"].split(",")} if "batch" in params else None,
                province=set(params["province"].split(",")) if "province" in params else None,
            )
            shown = " ".join(tab.evaluate(NUMBERS))
            assert str(numbers.active) in shown, (address, shown)
    page.decks = DeckRecorder(page)  # before its first load: later addresses are moves
    # A page without the map first: its load is the cheapest. The map page last, and only its sidebar and
    # figures compared (what is compared on every page): the tab closes before deck.gl has drawn (the
    # drawing of a link's map: tests/e2e/test_legible_browser.py, test_map_frames.py).
    for address, want in sorted(seen, key=lambda s: urlsplit(s[0]).path in ("", "/")):
        show(page, address, has_map=False)
        assert page.evaluate("() => location.href") == address
        for read, value in want.items():  # the tab may still be drawing its last elements: wait, compare
            try:
                same = f"(want) => JSON.stringify(({read})()) === JSON.stringify(want)"
                page.wait_for_function(same, arg=value)
            finally:
                assert page.evaluate(read) == value, address


def test_the_link_to_copy_is_the_address_of_the_view(text_page, app_url):
    page = text_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    show(page, app_url + "/table?batch=6&lang=zh")
    code = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]')
    assert code.inner_text().strip() == page.evaluate("() => location.href")
    code.hover()
    code.locator("button").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.evaluate("() => location.href")
    assert dict(parse_qsl(copied.split("?", 1)[1])) == {"lang": "zh", "batch": "6"}


def test_embed_shows_a_clean_map_with_its_source(page, app_url):
    page.goto(app_url + "/?embed=true&batch=6")
    wait_for_map(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.get_by_text("State Council replies", exact=False).first.is_visible()
    numbers = expected(batch={6})
    page.get_by_text(f"{numbers.active} active zones", exact=False).first.wait_for()
    assert "embed=true" in page.evaluate("() => location.search")  # a reload stays embedded
