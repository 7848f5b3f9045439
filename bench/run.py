"""Benchmarks: rerun time, deck and page payload, cold start to canvas, redraw after a filter change."""

# python -m bench.run            # prints a table (medians), against an empty Streamlit app as baseline
# python -m bench.run --quick    # fewer repetitions
# Needs the dev requirements and Debian's chromium (bash .ci/system-deps).

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.harness import CANVAS, CHROMIUM, CHROMIUM_ARGS, start_app, stop_app
from geo.paths import ROOT

EMPTY_APP = ROOT / "bench" / "empty_app.py"
BUDGETS = {
    "rerun after a filter change (server, median)": ("ms", 150),
    "deck JSON, default view": ("KB", 600),
    "cold start: server start -> map canvas": ("s", 5),
    "memory with 10 sessions / with 1": ("x", 2),
}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def rerun_times(app: Path, repeats: int) -> list[float]:
    """Server-side script run time after a filter change (AppTest runs the real script in-process)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=60)
    at.run()  # the first load fills the caches
    times = []
    for i in range(repeats):
        at.pills(key="w_batch").set_value([1 + i % 8])
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return times


def deck_bytes() -> int:
    from geo.dataset import load_dataset
    from geo.filters import Filters
    from geo.mapview import MapOptions, build_deck

    data = load_dataset()
    deck = build_deck(data.province_codes, data.outlines, data.view(Filters()), MapOptions())
    return len(deck.to_json().encode())


def rss_peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def rss_now_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def browser_runs(app: Path, repeats: int, wait_canvas: bool) -> dict:
    """Cold start to first paint, ws bytes of the first view, redraw time after a filter change, memory."""
    from playwright.sync_api import sync_playwright

    cold, redraw, ws_bytes, mem1, mem10 = [], [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            t0 = time.perf_counter()
            proc, url = start_app(str(app))
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                received: list[int] = []

                def count_frames(ws, r=received) -> None:
                    ws.on("framereceived", lambda f: r.append(len(f) if isinstance(f, (bytes, str)) else 0))

                page.on("websocket", count_frames)
                page.goto(url)
                if wait_canvas:
                    page.wait_for_selector(CANVAS, timeout=60000)
                else:
                    page.wait_for_selector('[data-testid="stButtonGroup"]', timeout=60000)
                cold.append(time.perf_counter() - t0)
                _idle(page)
                ws_bytes.append(sum(received))
                # A filter change: click batch 6, wait for the script to finish and the map to redraw.
                t1 = time.perf_counter()
                page.locator('[data-testid="stButtonGroup"]').nth(1).get_by_text("6", exact=True).click()
                page.wait_for_timeout(50)
                _idle(page)
                if wait_canvas:
                    page.wait_for_selector(CANVAS, timeout=60000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                redraw.append(time.perf_counter() - t1)
                mem1.append(rss_now_kb(proc.pid))
                pages = [browser.new_page(viewport={"width": 1280, "height": 900}) for _ in range(9)]
                for i, p in enumerate(pages):
                    p.goto(url + f"/?batch={1 + i % 8}")
                for p in pages:
                    p.wait_for_selector(
                        CANVAS if wait_canvas else '[data-testid="stButtonGroup"]', timeout=90000
                    )
                    _idle(p)
                mem10.append(rss_now_kb(proc.pid))
                for p in pages:
                    p.close()
                page.close()
            finally:
                stop_app(proc)
        browser.close()
    return {"cold": cold, "redraw": redraw, "ws": ws_bytes, "mem1": mem1, "mem10": mem10}


def _idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    reruns = 10 if args.quick else 30
    starts = 1 if args.quick else 3

    rows = []
    app_rerun = median_ms(rerun_times(ROOT / "app.py", reruns))
    base_rerun = median_ms(rerun_times(EMPTY_APP, reruns))
    rows.append(
        ("rerun after a filter change (server, median)", f"{app_rerun:.0f} ms", f"{base_rerun:.0f} ms")
    )
    rows.append(("deck JSON, default view", f"{deck_bytes() / 1024:.0f} KB", "-"))
    app = browser_runs(ROOT / "app.py", starts, wait_canvas=True)
    base = browser_runs(EMPTY_APP, starts, wait_canvas=False)
    med = statistics.median
    rows.append(
        ("cold start: server start -> map canvas", f"{med(app['cold']):.1f} s", f"{med(base['cold']):.1f} s")
    )
    rows.append(
        (
            "filter change -> map redrawn (browser)",
            f"{med(app['redraw']) * 1000:.0f} ms",
            f"{med(base['redraw']) * 1000:.0f} ms",
        )
    )
    rows.append(
        ("websocket bytes, first view", f"{med(app['ws']) / 1024:.0f} KB", f"{med(base['ws']) / 1024:.0f} KB")
    )
    rows.append(
        (
            "server memory, 1 session",
            f"{med(app['mem1']) / 1024:.0f} MB",
            f"{med(base['mem1']) / 1024:.0f} MB",
        )
    )
    rows.append(
        (
            "server memory, 10 sessions",
            f"{med(app['mem10']) / 1024:.0f} MB",
            f"{med(base['mem10']) / 1024:.0f} MB",
        )
    )
    ratio = med(app["mem10"]) / med(app["mem1"])
    rows.append(
        (
            "memory with 10 sessions / with 1",
            f"{ratio:.2f}x",
            f"{med(base['mem10']) / med(base['mem1']):.2f}x",
        )
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'app':>10}  {'empty app':>10}  budget")
    for name, value, baseline in rows:
        unit_budget = BUDGETS.get(name)
        budget = f"<= {unit_budget[1]} {unit_budget[0]}" if unit_budget else ""
        print(f"{name:<{width}}  {value:>10}  {baseline:>10}  {budget}")


if __name__ == "__main__":
    main()
