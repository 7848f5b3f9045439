"""Server script runs in AppTest: the rerun after a filter change and the first run of a new session."""

# Method. AppTest runs the real script in this process. Two clocks per run: the time Streamlit's script
# thread spends in the run (ScriptRunner._run_script: the script, its widgets and messages), and AppTest's
# own run() call around it (which adds starting the thread and polling for the end). A new AppTest scans
# the installed packages for components before its first run (hundreds of ms, once per server in real
# use), so first runs of new sessions are compared by the script-thread clock only. Each session starts
# with the map's size set, as the browser reports it before the map is drawn (views/mapsize.py): a "first
# run" here is the run that draws the first view with its map (a browser's run before it, which draws
# the page with an empty box where the map goes, is not counted).

from __future__ import annotations

import logging
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

# URLs of the new-session scenario: a mix of filters, languages and pages' states.
FIRST_RUN_URLS: tuple[dict[str, str], ...] = (
    {},
    {"batch": "6"},
    {"province": "44"},
    {"lang": "zh"},
    {"q": "Yiwu"},
    {"region": "west"},
    {"asof": "2019-01-01"},
    {"batch": "6,7", "lang": "zh"},
    {"level": "county_level_city"},
)
PILLS_KEY = {"app": "w_batch", "empty": "batch"}  # the batch filter's widget key in each app


@dataclass
class Runs:
    """Times of script runs, in seconds."""

    script: list[float] = field(default_factory=list)  # in the script thread
    cpu: list[float] = field(default_factory=list)  # the script thread's CPU time
    call: list[float] = field(default_factory=list)  # AppTest.run() as a whole


class _ScriptClock:
    """Times every script run in this process (patches ScriptRunner._run_script while in use)."""

    def __enter__(self) -> _ScriptClock:
        from streamlit.runtime.scriptrunner import script_runner

        self.runner = script_runner.ScriptRunner
        self.original = self.runner._run_script
        self.last = self.last_cpu = 0.0
        clock = self

        def timed(runner, *args, **kwargs):
            start, start_cpu = time.perf_counter(), time.thread_time()
            try:
                return clock.original(runner, *args, **kwargs)
            finally:
                clock.last = time.perf_counter() - start
                clock.last_cpu = time.thread_time() - start_cpu

        self.runner._run_script = timed  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc) -> None:
        self.runner._run_script = self.original  # type: ignore[method-assign]


def _apptest(app: Path, params: dict[str, str] | None = None):
    from streamlit.testing.v1 import AppTest

    # AppTest runs the script outside a server: Streamlit warns "missing ScriptRunContext" on every run
    # (its loggers are set up on import, hence here).
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

    from geo.mapview import DEFAULT_SIZE
    from views.mapsize import KEY

    at = AppTest.from_file(str(app), default_timeout=120)
    at.session_state[KEY] = {"size": list(DEFAULT_SIZE)}  # the map's size, as a browser reports it
    for key, value in (params or {}).items():
        at.query_params[key] = [value]
    return at


def _checked_run(at) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"the script failed: {[e.value for e in at.exception]}")


def reruns(app: Path, key: str, changes: int) -> tuple[Runs, Runs]:
    """Filter changes in one session: the batch pills cycle through 1..8, so the first eight changes
    show views this server has not built yet and the later ones views it has (memoised).
    Returns (first eight, the rest)."""
    new, seen = Runs(), Runs()
    with _ScriptClock() as clock:
        at = _apptest(app)
        _checked_run(at)  # the session's first run fills the caches that every session shares
        for i in range(changes):
            at.pills(key=key).set_value([1 + i % 8])
            start = time.perf_counter()
            _checked_run(at)
            runs = new if i < 8 else seen
            runs.call.append(time.perf_counter() - start)
            runs.script.append(clock.last)
            runs.cpu.append(clock.last_cpu)
    return new, seen


def first_runs(app: Path, passes: int = 2) -> list[Runs]:
    """The first run of a new session for each of FIRST_RUN_URLS, once the server has its dataset: pass 1
    opens views this server has not built yet, later passes the same links again (a shared link)."""
    out = []
    with _ScriptClock() as clock:
        _checked_run(_apptest(app))  # the server's first session: loads and caches the dataset
        for _ in range(passes):
            runs = Runs()
            for params in FIRST_RUN_URLS:
                at = _apptest(app, params)
                start = time.perf_counter()
                _checked_run(at)
                runs.call.append(time.perf_counter() - start)
                runs.script.append(clock.last)
                runs.cpu.append(clock.last_cpu)
            out.append(runs)
    return out


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000
