"""Benchmarks: reruns, new sessions, the browser's drawing per change, many viewers; beside an empty app."""

# python -m bench.run            # (make bench) prints one table: every figure beside an empty app's
# python -m bench.run --quick    # fewer repetitions, for trying the bench itself
# Needs the dev requirements and Debian's chromium (bash .ci/system-deps). Takes about three minutes here.
#
# Every figure is measured for the app and, in the same run, for bench/empty_app.py (a title and two pills
# widgets), and printed with the ratio. Medians, with the range where runs vary. The machine's load average
# is printed before and after each part: on a busy machine the wall-clock figures grow, CPU seconds less so.
#   server      bench/server.py: AppTest, the script thread's clock (and AppTest's own around it)
#   browser     bench/frames.py: headless Chromium with software WebGL; per change the GPU process's CPU
#               until the map's frame has completed on the GPU (a pixel read back after each frame)
#   viewers     bench/replicas.py's websocket client (Streamlit's own protocol, no browsers): 25 sessions
#               opening within 10 s, each changing the batch filter 5 times, against one server process

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import statistics
from pathlib import Path

from bench import frames, server
from geo.paths import ROOT, STATIC_DIR

APP = ROOT / "app.py"
EMPTY_APP = ROOT / "bench" / "empty_app.py"
PILLS = {
    APP: '[data-testid="stSidebar"] [data-testid="stButtonGroup"] >> nth=1',
    EMPTY_APP: '[data-testid="stButtonGroup"] >> nth=1',
}
VIEWERS = 25
SEED = 17


class Table:
    """Rows of (measure, app, empty app, ratio, target), printed as Markdown."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def section(self, title: str) -> None:
        self.rows.append((f"**{title}**", "", "", "", ""))

    def add(
        self,
        measure: str,
        app: float,
        empty: float | None,
        unit: str,
        target: str = "",
        fmt: str = ".0f",
        spread: str = "",
    ) -> None:
        ratio = f"{app / empty:.1f}x" if empty else "-"
        empty_text = f"{empty:{fmt}} {unit}" if empty is not None else "-"
        self.rows.append((measure, f"{app:{fmt}} {unit}{spread}", empty_text, ratio, target))

    def print(self) -> None:
        print("| measure | app | empty app | app / empty | target |")
        print("|---|---:|---:|---:|---|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def spread(values: list[float], scale: float = 1.0, fmt: str = ".0f") -> str:
    return f" ({min(values) * scale:{fmt}}–{max(values) * scale:{fmt}})"


def server_part(table: Table, changes: int) -> None:
    app_new, app_seen = server.reruns(APP, server.PILLS_KEY["app"], changes)
    empty_new, empty_seen = server.reruns(EMPTY_APP, server.PILLS_KEY["empty"], changes)
    app_first, empty_first = server.first_runs(APP), server.first_runs(EMPTY_APP)
    table.section(
        f"Server, AppTest ({changes} filter changes in one session; {len(server.FIRST_RUN_URLS)} URLs)"
    )
    rerun, new_view = "rerun after a filter change", "rerun to a view not built before (first 8)"
    shared, unseen = "first run of a new session, shared link", "first run of a new session, new view"
    rows = [
        (f"{rerun}: script", app_seen, empty_seen, "script", "≤ 25 ms, ≤ 10x"),
        (f"{rerun}: script thread CPU", app_seen, empty_seen, "cpu", ""),
        (f"{rerun}: AppTest.run()", app_seen, empty_seen, "call", ""),
        (f"{new_view}: script", app_new, empty_new, "script", ""),
        (f"{new_view}: CPU", app_new, empty_new, "cpu", ""),
        (f"{shared}: script", app_first[1], empty_first[1], "script", "≤ 60 ms"),
        (f"{shared}: CPU", app_first[1], empty_first[1], "cpu", ""),
        (f"{unseen}: script", app_first[0], empty_first[0], "script", ""),
        (f"{unseen}: CPU", app_first[0], empty_first[0], "cpu", ""),
    ]
    for label, app, empty, clock, target in rows:
        values = getattr(app, clock)
        table.add(
            label,
            server.median_ms(values),
            server.median_ms(getattr(empty, clock)),
            "ms",
            target,
            ".1f",
            spread(values, 1000, ".0f"),
        )


def browser_part(table: Table, changes: int, loads: int) -> dict:
    app = frames.browser_run(APP, PILLS[APP], changes, loads)
    empty = frames.browser_run(EMPTY_APP, PILLS[EMPTY_APP], changes, loads)
    med = statistics.median
    table.section(f"Browser, headless Chromium with software WebGL ({changes} filter changes)")
    gpu = [c.gpu_s for c in app.changes]
    table.add(
        "filter change: GPU-process CPU until the frame is drawn (median)",
        med(gpu),
        med([c.gpu_s for c in empty.changes]),
        "s",
        "≤ 0.6 s",
        ".2f",
        spread(gpu, fmt=".2f"),
    )
    table.add(
        "filter change: GPU-process CPU, total / changes (mean)",
        sum(gpu) / len(gpu),
        sum(c.gpu_s for c in empty.changes) / len(empty.changes),
        "s",
        "",
        ".2f",
    )
    rend = [c.renderer_s for c in app.changes]
    table.add(
        "filter change: renderer CPU (median)",
        med(rend),
        med([c.renderer_s for c in empty.changes]),
        "s",
        "",
        ".2f",
        spread(rend, fmt=".2f"),
    )
    wall = [c.frame_s for c in app.changes]
    table.add(
        "filter change: click -> map frame completed (median)",
        med(wall),
        med([c.frame_s for c in empty.changes]),
        "s",
        "",
        ".2f",
        spread(wall, fmt=".2f"),
    )
    first, first_empty = app.first_change, empty.first_change
    if first and first_empty:
        table.add(
            "first filter change after a load: GPU-process CPU",
            first.gpu_s,
            first_empty.gpu_s,
            "s",
            "",
            ".2f",
        )
    table.add(
        "filter change: frames drawn (median)", med([c.frames for c in app.changes]), None, "", "", ".0f"
    )
    table.add("cold start: server start -> first view drawn", app.cold_s, empty.cold_s, "s", "", ".1f")
    table.add(
        "new page on a running server -> first view drawn (median)",
        med(app.loads_s),
        med(empty.loads_s),
        "s",
        "",
        ".1f",
        spread(app.loads_s, fmt=".1f"),
    )
    table.add("websocket bytes, first view", app.first_view_bytes / 1024, empty.first_view_bytes / 1024, "KB")
    raw, packed = static_kb()
    table.add(
        "static geometry, fetched once per browser (gzip on the wire)",
        raw,
        None,
        "KB",
        spread=f" ({packed:.0f})",
    )
    return {"app": app, "empty": empty}


def viewers_part(table: Table, sessions: int) -> None:
    from bench.replicas import percentile
    from bench.viewers import room

    a, e = room(APP, sessions, expect_map=True), room(EMPTY_APP, sessions, expect_map=False)
    med, p95 = statistics.median, lambda values: percentile(values, 0.95)
    table.section(f"{sessions} viewers at once, one server process (websocket clients)")
    table.add("rerun after a filter change (median)", a.rerun_median, e.rerun_median, "s", "≤ 1 s", ".2f")
    table.add("rerun after a filter change (p95)", a.rerun_p95, e.rerun_p95, "s", "", ".2f")
    table.add("first view per session (median)", med(a.firsts_s), med(e.firsts_s), "s", "", ".2f")
    table.add("first view per session (p95)", p95(a.firsts_s), p95(e.firsts_s), "s", "", ".2f")
    table.add("server CPU per script run", a.cpu_per_run_ms, e.cpu_per_run_ms, "ms")
    table.add("server memory, all sessions connected", a.rss_mb, e.rss_mb, "MB")
    table.add("server memory, peak", a.peak_mb, e.peak_mb, "MB")
    table.add("sessions failed", a.failed, e.failed, "", "0")
    for error in a.errors + e.errors:
        print(f"viewers: {error}")


def static_kb() -> tuple[float, float]:
    """The size of static/ (what the browser fetches for the national view), plain and gzipped."""
    files = [p.read_bytes() for p in sorted(STATIC_DIR.iterdir()) if p.is_file()]
    return sum(map(len, files)) / 1024, sum(len(gzip.compress(f)) for f in files) / 1024


def deck_kb() -> float:
    from geo.dataset import load_dataset
    from geo.filters import Filters
    from geo.mapview import MapOptions, build_deck

    data = load_dataset()
    deck = build_deck(
        data.province_codes,
        data.outlines,
        data.view(Filters()),
        MapOptions(),
        data.maritime_features,
        not_applicable=data.not_applicable,
    )
    return len(deck.to_json().encode()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--only", choices=("server", "browser", "viewers"), action="append")
    args = ap.parse_args()
    parts = args.only or ["server", "browser", "viewers"]
    changes, browser_changes, loads = (16, 5, 1) if args.quick else (40, 9, 3)
    table = Table()
    loads_seen = [f"start {load()}"]
    print(
        f"# make bench, {dt.datetime.now().isoformat(timespec='minutes')}, {os.cpu_count()} cores, "
        f"load average at start {load()}",
        flush=True,
    )
    if "server" in parts:
        server_part(table, changes)
        loads_seen.append(f"after server {load()}")
    if "browser" in parts:
        browser_part(table, browser_changes, loads)
        table.add("deck JSON, default view", deck_kb(), None, "KB", "≤ 600 KB")
        loads_seen.append(f"after browser {load()}")
    if "viewers" in parts:
        viewers_part(table, VIEWERS)
        loads_seen.append(f"after viewers {load()}")
    table.print()
    print(f"\nLoad average (1, 5, 15 min): {'; '.join(loads_seen)}")


if __name__ == "__main__":
    main()
