"""A wall clock the digest job can trust: checked against a monotonic clock, so a system clock set
forward or back (by hand, a bad NTP step, a VM restored from a snapshot) is not followed at once.

While the jump is fresh the job goes on with the time it expected (its last trusted wall time plus
the monotonic time since); only a jump that holds for `settle` is accepted as the new time. So a
clock moved a week forward and back again within `settle` sends nothing early and loses nothing;
a clock that was wrong and is corrected is followed after `settle` (digests wait that long).
Limits: a process that starts with a wrong clock has nothing to check it against.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class TrustedClock:
    """`now()`: the wall clock, unless it jumped by more than `tolerance` from what the monotonic
    clock says has passed; then the expected time, until the jump has held for `settle`."""

    def __init__(self, wall: Callable[[], dt.datetime], monotonic: Callable[[], float] = time.monotonic,
                 tolerance: dt.timedelta = dt.timedelta(minutes=2),
                 settle: dt.timedelta = dt.timedelta(minutes=15)) -> None:
        self.wall = wall
        self.monotonic = monotonic
        self.tolerance = tolerance
        self.settle = settle
        self._anchor: tuple[dt.datetime, float] | None = None
        self._jump_seen: float | None = None  # monotonic time the current jump was first seen
        self.jumps = 0  # jumps seen (for reports and tests)

    @property
    def jumping(self) -> bool:
        """Whether a jump is being held back right now."""
        return self._jump_seen is not None

    def now(self) -> dt.datetime:
        """The time the digest job should act on (see the class docstring)."""
        wall, mono = self.wall(), self.monotonic()
        if self._anchor is None:
            self._anchor = (wall, mono)
            return wall
        anchor_wall, anchor_mono = self._anchor
        expected = anchor_wall + dt.timedelta(seconds=mono - anchor_mono)
        if abs(wall - expected) <= self.tolerance:
            if self._jump_seen is not None:
                log.warning("system clock is back to the expected time (%s)", wall.isoformat())
            self._anchor, self._jump_seen = (wall, mono), None
            return wall
        if self._jump_seen is None:
            self._jump_seen = mono
            self.jumps += 1
            log.warning("system clock jumped by %s (now %s, expected %s): holding the expected time for %s",
                        wall - expected, wall.isoformat(), expected.isoformat(), self.settle)
        if mono - self._jump_seen >= self.settle.total_seconds():
            log.warning("system clock jump held for %s: accepting %s", self.settle, wall.isoformat())
            self._anchor, self._jump_seen = (wall, mono), None
            return wall
        return expected
