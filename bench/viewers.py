"""Many viewers: 25 websocket sessions open the app within 10 s and change filters, against one process."""

# The clients are bench/replicas.py's (Streamlit's own websocket protocol, no browsers): each opens the
# page, runs the script with `?batch=<n>`, then changes the batch filter 5 times, pausing 0.5-2 s. Before
# the room opens, one session has loaded the server's dataset (as any server that has been up a while).
# Server CPU per script run is read from /proc over the room's runs only.

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass
from pathlib import Path

from bench import replicas
from bench.harness import start_app, stop_app

SEED = 17


@dataclass(frozen=True)
class Room:
    """What the sessions saw and what the server spent."""

    reruns_s: list[float]  # sending a filter change -> script_finished, every change of every session
    firsts_s: list[float]  # a session's start -> its first view
    rss_mb: float  # server RSS with every session connected
    peak_mb: float  # server peak RSS
    cpu_per_run_ms: float  # server CPU over the room / script runs
    failed: int
    errors: list[str]

    @property
    def rerun_median(self) -> float:
        return statistics.median(self.reruns_s)

    @property
    def rerun_p95(self) -> float:
        return replicas.percentile(self.reruns_s, 0.95)


def room(app: Path, sessions: int, expect_map: bool) -> Room:
    """Start `app`, warm it with one session, then let `sessions` viewers in."""
    proc, url = start_app(app)
    try:
        asyncio.run(replicas.drive(url, 1, SEED + 1, [proc.pid], expect_map))
        cpu_before = replicas._proc_numbers(proc.pid)[2]
        done, _t0, memory = asyncio.run(replicas.drive(url, sessions, SEED, [proc.pid], expect_map))
        rss, peak, cpu_after = memory[0]
    finally:
        stop_app(proc)
    runs = sum(len(s.reruns_s) + (s.first_map_s is not None) for s in done)
    return Room(
        reruns_s=[r for s in done if not s.error for r in s.reruns_s],
        firsts_s=[s.first_map_s for s in done if s.first_map_s is not None],
        rss_mb=rss,
        peak_mb=peak,
        cpu_per_run_ms=(cpu_after - cpu_before) / max(runs, 1) * 1000,
        failed=sum(bool(s.error) for s in done),
        errors=sorted({s.error for s in done if s.error})[:3],
    )
