"""The browser's work per filter change: GPU- and renderer-process CPU until the map's frame is complete."""

# Method. Chromium runs WebGL in its GPU process (software rendering by SwiftShader here), so the CPU time
# that process uses between a click and the completed frame is the drawing work of that change. The page
# gets an init script that wraps WebGL's draw calls: it counts them and, after each animation frame that
# drew, reads one pixel back (gl.readPixels), which returns only once the GPU has drawn that frame, and
# records the time. (A fence, gl.fenceSync, is not enough: it signalled before SwiftShader had drawn, whose
# work then showed up in the next change.) A change is complete when the script has finished (Streamlit's
# own "notRunning" state, nothing stale), no fetch (deck.gl loading static geometry) is pending, no draw
# call or fetch came for QUIET_MS, and every frame has been read back; the CPU figures are
# read once the GPU process is idle again. CPU times come from /proc, for the Chromium processes started by
# this Python process (other browsers on the machine are not counted); their idle use is included.

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 600  # no draw call for this long (and every frame read back): the map is drawn
TICK = os.sysconf("SC_CLK_TCK")
IDLE_WINDOW_S, IDLE_CPU_S = 0.5, 0.02  # the GPU process is idle: at most 20 ms of CPU in half a second

FRAME_HOOK = """
(() => {
  const s = window.__frames = {draws: 0, frames: 0, lastDraw: 0, done: 0, pending: 0, fetching: 0};
  const fetch = window.fetch;
  window.fetch = (...args) => {
    s.fetching++;
    return fetch(...args).finally(() => { s.fetching--; s.lastDraw = performance.now(); });
  };
  let reading = false;
  const pixel = new Uint8Array(4);
  const readBack = (gl) => {
    // After the frame's draw calls (this runs once the animation frame's callback has returned).
    reading = false;
    s.pending++;
    setTimeout(() => {
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      s.pending--; s.done = performance.now();
    }, 0);
  };
  for (const C of [window.WebGL2RenderingContext, window.WebGLRenderingContext]) {
    if (!C) continue;
    for (const m of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const f = C.prototype[m];
      if (!f) continue;
      C.prototype[m] = function (...args) {
        s.draws++; s.lastDraw = performance.now();
        if (!reading) { reading = true; s.frames++; const gl = this; queueMicrotask(() => readBack(gl)); }
        return f.apply(this, args);
      };
    }
  }
})();
"""
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
}"""
DRAWN = f"""() => {{
  const s = window.__frames;
  return !!s && s.pending === 0 && s.fetching === 0 && performance.now() - s.lastDraw > {QUIET_MS};
}}"""


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _kind(pid: int) -> str | None:
    """Chromium's process type (gpu-process, renderer, utility, zygote), 'browser', or None."""
    args = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
    for arg in args:
        if arg.startswith(b"--type="):
            return arg[len(b"--type=") :].decode()
    return "browser" if args and args[0].endswith(b"chromium") else None


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def chromium_cpu() -> dict[str, float]:
    """CPU seconds so far per Chromium process type, over the browsers this Python process started."""
    kids, out = _children(), dict[str, float]()
    todo = list(kids.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        try:
            kind = _kind(pid)
            if kind:
                out[kind] = out.get(kind, 0.0) + _cpu_seconds(pid)
        except OSError:  # the process ended meanwhile
            continue
    return out


@dataclass(frozen=True)
class Change:
    """What one filter change cost the browser."""

    gpu_s: float  # GPU-process CPU seconds (drawing)
    renderer_s: float  # renderer CPU seconds (JavaScript, layout, deck.gl's attribute updates)
    frame_s: float  # click -> the last frame completed on the GPU (wall clock)
    frames: int  # animation frames with draw calls
    draws: int  # WebGL draw calls


def wait_drawn(page, timeout_ms: float = 180_000) -> None:
    """Wait until the script has finished, nothing is loading and the map's last frame has completed on
    the GPU (needs FRAME_HOOK added to the page before it loads)."""
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)
    page.wait_for_function(DRAWN, timeout=timeout_ms, polling=50)
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)


def wait_idle(page, timeout_ms: float = 180_000) -> dict[str, float]:
    """wait_drawn, then until the GPU process is idle again; the Chromium processes' CPU times then."""
    wait_drawn(page, timeout_ms)
    return _gpu_idle(timeout_ms / 1000)


def _gpu_idle(timeout_s: float) -> dict[str, float]:
    """Poll until the GPU process used at most IDLE_CPU_S over the last IDLE_WINDOW_S."""
    samples = [(time.monotonic(), chromium_cpu())]
    while samples[-1][0] - samples[0][0] < timeout_s:
        time.sleep(0.1)
        samples.append((time.monotonic(), chromium_cpu()))
        recent = [s for s in samples if s[0] >= samples[-1][0] - IDLE_WINDOW_S]
        if samples[-1][0] - samples[0][0] >= IDLE_WINDOW_S:
            used = recent[-1][1].get("gpu-process", 0.0) - recent[0][1].get("gpu-process", 0.0)
            if used <= IDLE_CPU_S:
                return samples[-1][1]
    raise TimeoutError("the GPU process never went idle")


def measure_change(page, act) -> Change:
    """Run `act(page)` (a click that changes a filter) and measure until the map is drawn."""
    before = wait_idle(page)
    start = page.evaluate("() => { const s = window.__frames; s.done = 0; return performance.now(); }")
    draws0, frames0 = page.evaluate("() => [window.__frames.draws, window.__frames.frames]")
    act(page)
    after = wait_idle(page)
    done, draws1, frames1 = page.evaluate(
        "() => [window.__frames.done, window.__frames.draws, window.__frames.frames]"
    )
    # No frame drawn (a page without a map): the change is complete when the script has finished.
    end = done if done else page.evaluate("() => performance.now()")
    return Change(
        gpu_s=after.get("gpu-process", 0.0) - before.get("gpu-process", 0.0),
        renderer_s=after.get("renderer", 0.0) - before.get("renderer", 0.0),
        frame_s=max(0.0, (end - start) / 1000),
        frames=frames1 - frames0,
        draws=draws1 - draws0,
    )


@dataclass
class BrowserRun:
    """One server and browser: cold start, loads of the first view, filter changes."""

    cold_s: float = 0.0  # server process start -> first view drawn
    loads_s: list[float] = field(default_factory=list)  # new page on the running server -> first view drawn
    first_view_bytes: int = 0  # websocket bytes received for the first view
    first_change: Change | None = None  # the page's first filter change (compiles the shaders it adds)
    changes: list[Change] = field(default_factory=list)  # the changes after it


def browser_run(app: Path, pills: str, changes: int, loads: int = 3) -> BrowserRun:
    """Start `app`, open it in headless Chromium (software WebGL), then click the batch pills: 6 (the
    first change), then `changes` times 7, 6, 7, 6, ... (batches 6 and 7, batch 7, every batch, batch 6,
    ...), measuring each change."""
    from playwright.sync_api import sync_playwright

    from bench.harness import launch_chromium, start_app, stop_app

    out = BrowserRun()
    start = time.monotonic()
    proc, url = start_app(app)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                opened = time.monotonic()
                page, drawn_s, out.first_view_bytes = _open(browser, url, pills)
                out.cold_s = opened - start + drawn_s
                for _ in range(loads):
                    page.close()
                    page, drawn_s, _ws = _open(browser, url, pills)
                    out.loads_s.append(drawn_s)
                out.first_change = measure_change(page, _clicker(pills, "6"))
                for j in range(changes):
                    out.changes.append(measure_change(page, _clicker(pills, "7" if j % 2 == 0 else "6")))
            finally:
                browser.close()
    finally:
        stop_app(proc)
    return out


def _open(browser, url: str, pills: str):
    """A new page with the first view drawn; (page, seconds from navigation to its last frame completed
    (or to the script's end, without a map), websocket bytes received)."""
    page = browser.new_page(viewport=VIEWPORT)
    page.add_init_script(FRAME_HOOK)
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
    page.goto(url)
    page.wait_for_selector(pills, timeout=180_000)
    wait_drawn(page)
    drawn_ms = page.evaluate("() => window.__frames.done || performance.now()")
    return page, drawn_ms / 1000, sum(received)


def _clicker(pills: str, label: str):
    return lambda page: page.locator(pills).get_by_text(label, exact=True).click()
