"""A corrector's finite-difference trials flown side by side, each in a forked process
(:func:`farside.io.forked_call.forked_map`), where a trial is long enough to pay for the fork.

    with forked_trials(in_child=silence):      # the command line's `run` around the flight
        sequencer.run(scenario)                # each Jacobian's columns: one process per trial

The columns of a forward-difference Jacobian are independent flights from the same point, so they
can be flown at once on a machine's cores: a trial flown in a child is the same arithmetic as
one flown in the caller, so the Jacobian, the corrector's path and every result keep their bits.
Outside the context (the default: libraries, campaign workers that have their own processes) and
inside a child (no process forks again), the trials are flown one after the other.
"""
from contextlib import contextmanager
from contextvars import ContextVar

from farside.io.forked_call import forked_map, forking

MIN_TRIAL_S = 0.03
"""Trials shorter than this (wall seconds of the last one) are flown in the caller: a fork of a
process of a few hundred MB and the answer's pickle cost about a millisecond or two each."""

_SETTING = ContextVar("farside_forked_trials", default=None)


@contextmanager
def forked_trials(in_child=None, min_trial_s: float = MIN_TRIAL_S):
    """Within this context `map_trials` forks; ``in_child()`` runs first in every child (to
    silence a progress display the child must not write to)."""
    token = _SETTING.set((in_child, min_trial_s))
    try:
        yield
    finally:
        _SETTING.reset(token)


def map_trials(fn, points, last_trial_s: float) -> list:
    """``[fn(p) for p in points]``, in forked processes when inside `forked_trials`, with more than
    one point, forking available and the last trial at least ``min_trial_s`` long."""
    setting = _SETTING.get()
    if setting is None or len(points) < 2 or last_trial_s < setting[1] or not forking():
        return [fn(p) for p in points]
    in_child = setting[0]

    def child_setup():
        _SETTING.set(None)         # a child flies its nested correctors' trials itself
        if in_child is not None:
            in_child()
    return forked_map(fn, points, in_child=child_setup)
