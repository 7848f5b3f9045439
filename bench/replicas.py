"""Load bench: 60 websocket sessions open the app within 10 s and change filters; 1 process vs 3 replicas."""

# python -m bench.replicas                  # both scenarios, prints a table (about two minutes)
# python -m bench.replicas --sessions 20    # a smaller room
#
# Run by hand, not in the tests. Needs Debian's nginx (bash .ci/system-deps) and the dev requirements.
#
# Method. Each scenario starts fresh servers with deploy/replicas.py (the code behind `make serve-replicas`):
# "1 process" is one Streamlit server that the sessions reach directly; "3 replicas" is three servers behind
# nginx, reached through nginx. A browser would cost a core per tab here, so each session is a light client
# that speaks Streamlit's own websocket protocol instead (deploy/streamclient.py): it
# fetches the page once through the same address (getting nginx's st_route cookie, as a browser does),
# opens /_stcore/stream with that cookie and its Origin, and sends a BackMsg `rerun_script` with its query
# string, exactly what the browser's frontend sends. The server runs the whole script for it and streams
# ForwardMsgs back; a run ends at the `script_finished` message. As a browser does, the client then reports
# the map's size (views/mapsize.py's component state, deploy/streamclient.MAP_SIZE) in a second run, which
# draws the map, and sends that state with every later run. Session i starts at i * 10 s / N. Its first view
# (`?batch=<i % 8 + 1>`) must bring the map (a deck.gl element) and the headline figures; then it
# changes the batch filter 5 times (a rerun with another `batch=` query string, the URL form of the filter),
# pausing 0.5-2 s between changes (seeded random), like a person playing with the pills.
#
# Reported: time from the first session's start until every session has its first map; per session, the
# time from its start to its first map (median, p95); the time from sending a rerun to its
# `script_finished` (median, p95, over all filter changes); how many runs failed or showed a figure that
# disagrees with other sessions' figure for the same URL; per server process, its RSS and peak RSS
# (VmRSS / VmHWM from /proc, read while all sessions are still connected) and CPU seconds used; sessions
# per replica (nginx's X-Upstream header); and /proc/loadavg before and after each scenario. The clients
# run on the same 2 cores as the servers, and so does whatever else runs on the machine: read the load
# figures with the table. Not measured: the browser's own work (JavaScript, deck.gl drawing, static files).

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deploy import replicas
from deploy.streamclient import first_view, run_script, socket

OPEN_WINDOW_S = 10.0
CHANGES = 5
PAUSE_S = (0.5, 2.0)


@dataclass
class Session:
    """What one client saw."""

    index: int
    upstream: str = ""
    first_map_s: float | None = None  # from this session's start
    first_map_at: float | None = None  # monotonic clock
    reruns_s: list[float] = field(default_factory=list)
    figures: dict[str, str] = field(default_factory=dict)  # query -> "Active zones"
    error: str = ""


async def client(base: str, s: Session, delay: float, rng: random.Random, expect_map: bool = True) -> None:
    await asyncio.sleep(delay)  # the room opens the link over OPEN_WINDOW_S
    started = time.perf_counter()
    query = f"batch={s.index % 8 + 1}"
    try:
        async with socket(base, query) as (ws, s.upstream):
            first, size_widget = await first_view(ws, query)
            s.figures[query] = first.shown
            if expect_map and not first.has_map:
                raise RuntimeError("the first view brought no map")
            s.first_map_s = time.perf_counter() - started
            s.first_map_at = time.monotonic()
            for _ in range(CHANGES):
                await asyncio.sleep(rng.uniform(*PAUSE_S))
                query = f"batch={rng.randint(1, 8)}"
                run = await run_script(ws, query, size_widget)
                s.reruns_s.append(run.seconds)
                s.figures.setdefault(query, run.shown)
                if s.figures[query] != run.shown:
                    raise RuntimeError(f"{query} showed {run.shown}, earlier {s.figures[query]}")
    except Exception as err:  # counted and reported, never hidden
        s.error = f"{type(err).__name__}: {err}"


def _proc_numbers(pid: int) -> tuple[float, float, float]:
    """(RSS MB, peak RSS MB, CPU seconds) of a process."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024, cpu


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def drive(
    base: str, n: int, seed: int, servers: list[int], expect_map: bool = True
) -> tuple[list[Session], float, list]:
    """n sessions opening within OPEN_WINDOW_S, each changing filters; (sessions, start, per-server
    memory: RSS with all connected, peak RSS, CPU seconds)."""
    rng = random.Random(seed)
    sessions = [Session(i) for i in range(n)]
    t0 = time.monotonic()
    tasks = [
        asyncio.create_task(client(base, s, i * OPEN_WINDOW_S / n, random.Random(rng.random()), expect_map))
        for i, s in enumerate(sessions)
    ]
    # RSS while everyone is connected: sampled once the last session has its first map.
    while not all(t.done() for t in tasks) and not all(s.first_map_at or s.error for s in sessions):
        await asyncio.sleep(0.2)
    connected = [_proc_numbers(pid)[0] for pid in servers]
    await asyncio.gather(*tasks)
    memory = [(rss, *_proc_numbers(pid)[1:]) for rss, pid in zip(connected, servers, strict=True)]
    return sessions, t0, memory


def scenario(name: str, n_replicas: int, sessions: int, seed: int) -> dict:
    run_dir = Path(tempfile.mkdtemp(prefix="bench-replicas-"))
    run_dir.chmod(0o755)  # nginx runs as `nobody` when started by root
    port = replicas.free_port()
    try:
        started = replicas.start(
            n_replicas, port, run_dir, [replicas.free_port() for _ in range(n_replicas)], debug_headers=True
        )
        pids = [r["pid"] for r in started["replicas"]]
        # One process: the sessions talk to it directly. Replicas: through nginx.
        direct = started["replicas"][0]["port"]
        base = f"http://127.0.0.1:{direct if n_replicas == 1 else port}"
        load_before = loadavg()
        result, t0, memory = asyncio.run(drive(base, sessions, seed, pids))
        load_after = loadavg()
    finally:
        replicas.stop(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
    ok = [s for s in result if not s.error]
    firsts = [s.first_map_s for s in ok if s.first_map_s is not None]
    reruns = [r for s in ok for r in s.reruns_s]
    by_query: dict[str, set[str]] = {}
    for s in result:
        for query, shown in s.figures.items():
            by_query.setdefault(query, set()).add(shown)
    return {
        "name": name,
        "sessions": sessions,
        "failed": len(result) - len(ok),
        "errors": sorted({s.error for s in result if s.error})[:3],
        "all_first_maps_s": (max(s.first_map_at or t0 for s in ok) - t0 if len(ok) == len(result) else None),
        "first_median_s": statistics.median(firsts) if firsts else None,
        "first_p95_s": percentile(firsts, 0.95) if firsts else None,
        "rerun_median_ms": statistics.median(reruns) * 1000 if reruns else None,
        "rerun_p95_ms": percentile(reruns, 0.95) * 1000 if reruns else None,
        "reruns": len(reruns),
        "inconsistent": sum(len(v) > 1 for v in by_query.values()),
        "memory": memory,
        "spread": sorted(Counter(s.upstream for s in result).values(), reverse=True),
        "load": (load_before, load_after),
    }


def _fmt(value: float | None, spec: str) -> str:
    return "failed" if value is None else format(value, spec)


def print_table(rows: list[dict]) -> None:
    print(
        f"{os.cpu_count()} cores; {rows[0]['sessions']} sessions opening within {OPEN_WINDOW_S:.0f} s, "
        f"{CHANGES} filter changes each"
    )
    print("| measure | " + " | ".join(r["name"] for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    lines = [
        ("every session has its first map", lambda r: _fmt(r["all_first_maps_s"], ".1f") + " s"),
        (
            "first map per session, median / p95",
            lambda r: f"{_fmt(r['first_median_s'], '.1f')} / {_fmt(r['first_p95_s'], '.1f')} s",
        ),
        (
            "rerun after a filter change, median / p95",
            lambda r: f"{_fmt(r['rerun_median_ms'], '.0f')} / {_fmt(r['rerun_p95_ms'], '.0f')} ms",
        ),
        ("reruns measured", lambda r: str(r["reruns"])),
        ("sessions failed / views inconsistent", lambda r: f"{r['failed']} / {r['inconsistent']}"),
        ("sessions per process", lambda r: " + ".join(str(n) for n in r["spread"])),
        ("RSS per process, all connected (MB)", lambda r: " + ".join(f"{m[0]:.0f}" for m in r["memory"])),
        ("peak RSS per process (MB)", lambda r: " + ".join(f"{m[1]:.0f}" for m in r["memory"])),
        ("CPU seconds per process", lambda r: " + ".join(f"{m[2]:.0f}" for m in r["memory"])),
        ("load average before -> after", lambda r: f"{r['load'][0]} -> {r['load'][1]}"),
    ]
    for label, cell in lines:
        print(f"| {label} | " + " | ".join(cell(r) for r in rows) + " |")
    for r in rows:
        for err in r["errors"]:
            print(f"{r['name']}: {err}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=60)
    ap.add_argument("--replicas", type=int, default=3)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    if not replicas.find_nginx():
        raise SystemExit("nginx is missing: run `bash .ci/system-deps`")
    rows = [
        scenario("1 process", 1, args.sessions, args.seed),
        scenario(f"{args.replicas} replicas + nginx", args.replicas, args.sessions, args.seed),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
