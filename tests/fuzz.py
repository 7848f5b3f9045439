"""How many random examples a hypothesis test draws: all in `make test`, a tenth in `make test-fast`."""

from __future__ import annotations

import os

# `make test-fast` sets FUZZ_SCALE=0.1 for the inner loop; `make test` (and CI) draws every example.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def examples(full: int) -> int:
    """The number of examples to draw for a test that draws `full` in the whole suite (at least 10)."""
    return max(10, round(full * SCALE))
