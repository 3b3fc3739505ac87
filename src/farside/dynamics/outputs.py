"""The output epochs of a propagation: states wanted at given epochs, formed in the kernel.

`propagate(..., outputs=epochs)` hands the epochs to each kernel run (split at manoeuvres and at
events that change the state, where the later run answers, as a `Segment` does) and gathers the
states the runs return (:func:`farside.core.dop853.propagate_hf`, ``out_tau``).
"""
import numpy as np

from farside.astro.time import tdb_parts
from farside.dynamics.segment import EPOCH_SLACK_S
from farside.dynamics.state import State
from farside.errors import FarsideValueError


class OutputGrid:
    """The epochs a caller asked states at (`Epoch` or TDB seconds), handed to each kernel run
    in turn, and the states the runs give back."""

    def __init__(self, outputs, t0, t_end):
        self.s1, self.s2, _ = tdb_parts(outputs)
        total = self.s1 + self.s2
        sign = 1.0 if t_end >= t0 else -1.0
        lo, hi = sorted((t0, t_end))
        if (total.ndim != 1 or not np.all(np.isfinite(total)) or np.any(sign * np.diff(total) < 0.0)
                or np.any(total < lo - EPOCH_SLACK_S) or np.any(total > hi + EPOCH_SLACK_S)):
            raise FarsideValueError("outputs", outputs, "epochs from the start to the end of the propagation, "
                                    "ordered in the direction of flight")
        self.sign = sign
        self.states = np.empty((total.shape[0], 7))
        self.done = 0

    def taus(self, t1, t_stop, last):
        """Seconds since ``t1`` of the epochs a run from ``t1`` to ``t_stop`` gives (``t_stop``
        itself only in the ``last`` run: at a cut the later run answers)."""
        tau = (self.s1[self.done:] - t1) + self.s2[self.done:]
        end = t_stop - t1
        if last:
            return tau[:np.count_nonzero(self.sign * (tau - end) <= EPOCH_SLACK_S)]
        return tau[:np.count_nonzero(self.sign * (tau - end) < 0.0)]

    def add(self, states):
        self.states[self.done:self.done + states.shape[0]] = states
        self.done += states.shape[0]

    def close(self, final: State):
        """At a terminal event: the epochs equal to the final one take the final state."""
        t = final.epoch.tdb_seconds
        while self.done < self.states.shape[0] and (self.s1[self.done] - t) + self.s2[self.done] == 0.0:
            self.states[self.done] = final.vector()
            self.done += 1
        return self.states[:self.done]
