"""The attitude timeline on the sky grid: boresight, mode and pointing id per sample.

Modes: ``PROGRAMME`` (holding the law's pointing), ``SLEWING`` (turning or settling),
``FOLLOW_UP`` (holding a transient's direction). ``pointing_id`` numbers each held inertial
pointing (-1 while slewing), for the exposure kernel. Slews are rest-to-rest eigen-axis slews
(:mod:`farside.gnc.slew`) from the boresight of the sample where they start.
"""
from dataclasses import dataclass

import numpy as np

from farside.gnc.slew import eigen_axis_slew

PROGRAMME, SLEWING, FOLLOW_UP = 0, 1, 2


@dataclass
class Timeline:
    t_s: np.ndarray
    boresight: np.ndarray
    mode: np.ndarray
    pointing_id: np.ndarray
    pointings: list

    def span(self, t0, t1) -> slice:
        i0 = int(np.searchsorted(self.t_s, t0, side="left"))
        return slice(i0, int(np.searchsorted(self.t_s, t1, side="left")))

    def hold(self, t0, t1, direction, mode) -> int:
        """Hold ``direction`` on [t0, t1) in ``mode``; returns its pointing id."""
        self.pointings.append(np.asarray(direction, dtype=float))
        pid = len(self.pointings) - 1
        s = self.span(t0, t1)
        self.boresight[s] = direction
        self.mode[s] = mode
        self.pointing_id[s] = pid
        return pid

    def slew(self, t0, target, limits, start=None):
        """Slew from ``start`` (default: the boresight at ``t0``) to ``target``; returns the
        :class:`farside.gnc.slew.Slew`."""
        i = min(int(np.searchsorted(self.t_s, t0, side="left")), self.t_s.size - 1)
        s = eigen_axis_slew(self.boresight[i] if start is None else start, target, t0, limits)
        part = self.span(t0, s.settled_s)
        if part.stop > part.start:
            self.boresight[part] = s.boresight(self.t_s[part])
            self.mode[part] = SLEWING
            self.pointing_id[part] = -1
        return s

    def pointing_array(self) -> np.ndarray:
        return np.array(self.pointings)


def programme_timeline(t_s, period_starts, pointings, limits) -> Timeline:
    """The law's pointings held period by period, a slew at each change."""
    n = t_s.size
    tl = Timeline(t_s, np.zeros((n, 3)), np.zeros(n, dtype=np.int8), np.zeros(n, dtype=np.int64), [])
    ends = np.append(period_starts[1:], t_s[-1] + 1.0)
    for k, (t0, t1) in enumerate(zip(period_starts, ends)):
        tl.hold(t0, t1, pointings[k], PROGRAMME)
        if k > 0:
            tl.slew(t0, pointings[k], limits, start=pointings[k - 1])
    return tl
