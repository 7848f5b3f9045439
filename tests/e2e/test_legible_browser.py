"""Legible on a shared screen and a phone (issue 24), as only a browser can judge it."""

# The detail panel's width and place, phones and tablets, the roll-out's timing under load, axe-core (type
# sizes and the filter bar in presenter mode: tests/e2e/test_presenter_layout.py). Label sets, palettes
# and layout maths are plain pytest (tests/test_map_styles.py, tests/slide/).

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from urllib.parse import urlencode

from axe_playwright_python.sync_playwright import Axe

from bench.harness import CANVAS
from geo.filters import SPEC
from tests.e2e.helpers import (
    FITTED,
    PAGE_ANSWERS,
    DeckRecorder,
    canvas_box,
    canvas_centre,
    click_marker,
    close_details,
    details,
    hover,
    metric_value,
    new_context,
    new_tab,
    no_error,
    settle,
    show,
    wait_for_metric,
    wait_for_page,
)
from tests.facts import effective_days, expected, rows

ORDER = [entry.name for entry in SPEC]  # the canonical parameter order
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is (one line each)."""
    result = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]]


def in_view(box: dict, width: float, height: float) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width + 0.5
        and box["y"] + box["height"] <= height + 0.5
    )


def test_a_zone_opens_a_wide_panel_beside_the_legend_where_the_eye_is(app_page, app_url):
    page = app_page
    yiwu = next(z for z in rows("zones.csv") if z["zone_id"] == "yiwu")
    page.set_viewport_size({"width": 1440, "height": 900})
    show(page, app_url + "/?q=Yiwu&zone=yiwu")  # a link to a zone opens its details
    details(page).get_by_text(yiwu["adcodes"]).wait_for()
    panel = page.get_by_role("dialog")  # the dialog's box (beside it, the page under its backdrop)
    # Slid in from the left edge (after a move, it is measured sooner than after a page load).
    page.wait_for_function(
        """() => [...document.querySelectorAll('[role="dialog"]')].every(d => d.getBoundingClientRect().x >= 0
            && d.getAnimations({subtree: true}).every(a => a.playState !== 'running'))"""
    )
    box = panel.bounding_box()
    assert box["width"] >= 400 and in_view(box, 1440, 900), box
    legend = page.locator(".lg-row").first.bounding_box()
    assert legend["x"] >= box["x"] + box["width"] and in_view(legend, 1440, 900), "the legend in sight"
    links = panel.locator('[data-testid="stMarkdownContainer"] li a').all_inner_texts()
    assert links and all(len(t) <= 61 for t in links), links  # short titles
    assert panel.get_by_text("What the sources say").count() >= 1  # the quotes, one click away
    page.wait_for_function("() => location.search.includes('zone=yiwu')")
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('zone=')")
    page.wait_for_function(PAGE_ANSWERS)
    # On a smaller screen a click on the zone shows its details where the eye is: in the upper half of the
    # screen, the page not scrolled.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function(FITTED)  # the map refitted to the new size
    settle(page)
    click_marker(page, *canvas_centre(page))
    clicked = details(page).locator(".st-key-detail_panel")
    clicked.get_by_text(yiwu["name_en"], exact=True).wait_for()
    page.wait_for_function("() => location.search.includes('zone=yiwu')")
    settle(page)
    box = clicked.bounding_box()
    assert box["y"] < 720 * 0.5, box  # the panel starts in the upper half of the screen
    assert page.evaluate("() => window.scrollY") == 0
    page.mouse.move(5, 720 - 5)
    page.locator(".deck-tooltip").wait_for(state="hidden")
    close_details(page)  # the tab moves on to other views


SCROLL_TO_TOP = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
    .forEach(e => e && e.scrollTo(0, 0))"""
# Line breaks inside a button label: only after a space or before an opening bracket.
MID_WORD_BREAKS = """() => [...document.querySelectorAll('button p')].filter(p => {
    const r = p.getBoundingClientRect();  // on the screen (not in the collapsed sidebar)
    return p.offsetParent && r.width > 0 && r.left >= 0 && r.right <= innerWidth;
  }).flatMap(p => {
    const node = p.firstChild, out = [], text = node ? node.textContent : '';
    if (!node || node.nodeType !== 3) return out;
    const range = document.createRange();
    let top = null;
    for (let i = 0; i < text.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        const broken = top !== null && r.top > top + 2;
        if (broken && !/\\s/.test(text[i - 1]) && !/[（(]/.test(text[i])) out.push(text);
        top = r.top;
    }
    return out;
})"""


def test_a_shared_link_opens_on_the_map_on_a_phone_and_a_tablet_offline_and_drawn_once(browser, app_url):
    # A first visit on a phone (a context of its own: nothing cached, mobile, touch) opens a link typed with
    # labels, a search with one match; then the same tab turned into a tablet moves to the view in English.
    # (AppTest opens the link's view with every filter; tests/e2e/test_links.py reopens canonical addresses
    # in another tab.)
    yiwu = next(z for z in rows("zones.csv") if z["zone_id"] == "yiwu")
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = new_tab(context)
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if "127.0.0.1" not in r.url else None)
        page.decks = DeckRecorder(page)  # before its first load: the tablet's address is a move
        typed = {"q": "Yiwu", "lang": "中文", "province": "浙江 Zhejiang"}
        show(page, f"{app_url}/?{urlencode(typed)}")
        canonical = {"lang": "zh", "province": yiwu["province_code"], "q": "Yiwu", "zone": "yiwu"}
        wanted = "?" + urlencode([(k, canonical[k]) for k in ORDER if k in canonical])
        page.wait_for_function("(q) => location.search === q", arg=wanted)  # the one match's details open
        wanted_active = expected(province={yiwu["province_code"]}, zone_ids={"yiwu"}).active
        assert metric_value(page, "有效综试区") == str(wanted_active)
        assert page.locator("h1").first.inner_text().strip() == "中国跨境电子商务综合试验区"
        no_error(page)
        # The first load sends the map once, already fitted to the size the browser reported
        # (views/mapsize.py): deck.gl builds it once.
        assert len(page.decks.specs) == 1, "the map was sent more than once on the first load"
        assert page.locator(CANVAS).count() == 1
        for device, (width, height), lang in (("phone", (390, 844), "zh"), ("tablet", (768, 1024), "en")):
            if device == "tablet":
                page.set_viewport_size({"width": width, "height": height})
                show(page, f"{app_url}/?q=Yiwu&zone=yiwu")  # a link to the zone opens its details
                page.evaluate(SCROLL_TO_TOP)  # as a link opens (a move keeps the phone's scroll)
            close_details(page)  # closed, the map is there with Yiwu at its centre
            sidebar = page.locator('[data-testid="stSidebar"]')
            assert sidebar.get_attribute("aria-expanded") == "false" or not sidebar.is_visible(), device
            title = page.locator("h1").first.bounding_box()
            header = page.locator('header[data-testid="stHeader"]').bounding_box()
            assert title["y"] >= header["y"] + header["height"] - 1, (device, title, header)
            assert title["x"] + title["width"] <= width, (device, title)
            assert page.evaluate(
                "() => [...document.querySelectorAll('h1')].every(h => h.scrollWidth <= h.clientWidth)"
            ), f"{device}: the title is cut"
            lines = {round(m.bounding_box()["y"]) for m in page.locator('[data-testid="stMetric"]').all()}
            assert len(lines) <= 2, (device, lines)
            canvas = page.locator(CANVAS).first.bounding_box()
            assert canvas["y"] < height, (device, canvas)  # the map's top above the fold
            assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth"), device
            assert page.evaluate(MID_WORD_BREAKS) == [], (device, lang)
            page.locator(CANVAS).first.scroll_into_view_if_needed()
            x, y = canvas_centre(page)
            hover(page, x, y)  # deck.gl can pick once it has drawn
            # A tap on the zone opens its details (on the tablet after the phone's tap: the map's selection
            # held in the tab must not swallow it).
            page.touchscreen.tap(x, y)
            details(page).get_by_text(yiwu["adcodes"]).wait_for()
            page.wait_for_function("() => location.search.includes('zone=yiwu')")
        assert external == [], external  # no basemap tiles, styles, CDN scripts or web fonts
    finally:
        context.close()


@contextmanager
def busy(n: int = 2):
    """n processes spinning on the CPU beside the test (a loaded machine)."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


# Records, every 20 ms, when the step's date first shows in the figures, the address and the roll-out bar.
RECORD = """() => {
    const log = window.__roll = [], seen = {};
    const read = () => {
        const m = [...document.querySelectorAll('[data-testid="stMetric"]')].find(e =>
            e.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === 'As of');
        const bar = document.querySelector('.st-key-timeline_playing')?.innerText || '';
        return {figure: m?.querySelector('[data-testid="stMetricValue"]')?.innerText.trim() || '',
                address: new URLSearchParams(location.search).get('asof') || '',
                bar: (bar.match(/\\d{4}-\\d{2}-\\d{2}/) || [''])[0]};
    };
    const tick = () => { const r = read(), t = performance.now();
        for (const k in r) if (seen[k] !== r[k]) { seen[k] = r[k]; log.push([k, r[k], t]); } };
    setInterval(tick, 20); tick();
}"""


SCROLLS = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
    .map(e => [e.scrollHeight, e.clientHeight])"""


def test_the_roll_out_keeps_time_and_layout_beside_two_busy_processes(app_page, app_url):
    # Where it starts and what stops it: AppTest (tests/test_rollout_page.py). Here, the clock in the
    # browser at its real pace (views/timeline.py), under load (two busy processes, only while its first
    # three steps are measured), in presenter mode on the smallest screen.
    page = app_page
    page.set_viewport_size({"width": 1280, "height": 720})
    show(page, app_url + "/?present=1")
    before = canvas_box(page)
    days = [d.isoformat() for d in sorted(effective_days().values())][:3]
    page.evaluate(RECORD)
    with busy(2):
        page.get_by_role("button", name="Play roll-out").click()
        wait_for_metric(page, "As of", days[1], timeout=120_000)
        # The roll-out draws the page inside a fragment: the same layout, still one screen.
        assert canvas_box(page) == before, "the map moved while the roll-out played"
        for scroll_height, client_height in page.evaluate(SCROLLS):
            assert scroll_height <= client_height, "the page scrolls while the roll-out plays"
        wait_for_metric(page, "As of", days[2], timeout=120_000)
    # The third step's bar and address, then Stop.
    page.wait_for_function(
        "(day) => ['bar', 'address'].every(k => window.__roll.some(([kind, v]) => kind === k && v === day))",
        arg=days[2],
    )
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Play roll-out").wait_for()
    log = page.evaluate("() => window.__roll")
    first = {(kind, value): t for kind, value, t in reversed(log)}  # the first time each value showed
    shown = [first[("figure", d)] for d in days]
    durations = [(b - a) / 1000 for a, b in zip(shown, shown[1:], strict=False)]
    print(f"roll-out steps beside two busy processes: {[round(d, 2) for d in durations]} s")
    assert all(d >= 2.0 for d in durations), durations  # every step on screen at least 2 s
    # The figures change first, with the bar; the map is sent after them (the heaviest to draw) and the
    # address last, so that it never names a step the page does not show yet.
    # Together: the bar and the address name a step only once its figures show, and before the next
    # step's figures replace them (under a full test run beside the busy processes the address has come
    # 5.3 s after the figures, while the step stayed on screen longer still).
    for day, following in zip(days, [*shown[1:], None], strict=True):
        figure, bar, address = (first[(kind, day)] for kind in ("figure", "bar", "address"))
        print(f"  {day}: bar {bar - figure:+.0f} ms, address {address - figure:+.0f} ms after the figures")
        assert bar - figure >= -100 and address - figure >= -100, (day, figure, bar, address)
        if following is not None:
            assert bar < following and address < following, (day, bar, address, following)
    settle(page)


def test_every_page_passes_axe_core_in_one_language_or_both(text_page, app_url):
    # Each page once, the languages taking turns (the map in Chinese: tests/e2e/test_html_map_browser.py;
    # presenter mode in both languages: tests/e2e/test_presenter_layout.py; the map's details dialog in
    # English: the wide-panel test above). The pages without the map, in the text tab.
    page = text_page
    show(page, app_url + "/charts")
    found = {"Charts en": axe_violations(page)}
    page.get_by_role("link", name="Sources").click()
    page.wait_for_function("() => location.pathname.endsWith('/sources')")
    wait_for_page(page)
    found["Sources en"] = axe_violations(page)
    page.get_by_text("中文", exact=True).click()
    page.get_by_role("link", name="数据来源").wait_for()
    wait_for_page(page)
    page.get_by_role("link", name="数据表").click()
    page.wait_for_function("() => location.pathname.endsWith('/table')")
    wait_for_page(page)
    found["数据表 zh"] = axe_violations(page)
    assert all(v == [] for v in found.values()), found


def test_an_over_long_link_gets_a_short_page_saying_why(page, app_url):
    # A 40 kB address: a short page in both languages, not a bare 400.
    answer = page.goto(app_url + "/?q=" + "x" * 40_000)
    assert answer is not None and answer.status == 414
    page.get_by_text("This link is too long").wait_for()
    page.get_by_text("链接过长").wait_for()
