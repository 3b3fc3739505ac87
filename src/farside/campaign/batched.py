"""A chunk of samples flown together: when the campaign's phases are coasts and only the initial
state is dispersed, the samples of a chunk need no sequencer run each (no scenario validated,
no force model built, no gravity field loaded per sample). Each coast is flown leg by leg for all
its samples in step, by the coast's own rules (`farside.mission.phases.coast.CoastArc`: the
integration centre switched at the Moon's sphere of influence, the n-th event, the offset): the
samples flying a leg about one centre go through one `Propagator` per centre, built once per
chunk (per thread), on ``threads`` threads that run the compiled kernel without the GIL. A leg
whose segment cannot be cut by the coast's offset keeps no dense output (the kernel forms it
only where an event needs it, with the same arithmetic). Sample i's end state is bit for bit the
one its sequencer run gives.

Outputs are those of :func:`farside.campaign.sample.outputs` for coasts (orbit quantities and end
epochs; delta-v and propellant are zero); a sample that fails (into the Moon, say) has the status
and reason its sequencer run gives. A chunk that fails as a whole is flown again one sample at a
time.
"""
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from farside.astro.time import Epoch
from farside.campaign import dispersions
from farside.dynamics.propagator import Propagator
from farside.dynamics.state import State
from farside.errors import FarsideError
from farside.mission import force_models
from farside.mission.orbit_quantities import quantities
from farside.mission.phases.coast import CoastArc
from farside.mission.phases.flight import Flight
from farside.mission.sequencer import phase_error
from farside.mission.vehicles import Vehicles


def batchable(campaign, data) -> bool:
    """Whether the chunks of ``campaign`` (flying the raw scenario ``data``) can run batched."""
    if campaign.retarget or any(d.kind != "state" for d in campaign.dispersions):
        return False
    if any(o.report or o.event for o in campaign.outputs):
        return False
    return all(set(p) <= {"name", "coast"} and "coast" in p for p in data["phases"])


def _blocks(n, threads):
    return [b for b in np.array_split(np.arange(n), max(1, min(threads, n))) if b.size]


FAILURES = (FarsideError, ArithmeticError, ValueError)
"""What makes a sample fail (as in :func:`farside.campaign.sample.run_sample`)."""


class _Legs:
    """The legs of one coast phase: one `Propagator` per thread and centre, built on first use."""

    def __init__(self, flight):
        self.flight = flight
        self.tolerances = flight.tolerances().options()
        self._built = {}

    def fly(self, thread, arcs, dense):
        """The next leg of each of ``arcs`` (one centre) flown on ``thread``: a segment, or the
        exception where the sample fails."""
        key = (thread, arcs[0].center)
        if key not in self._built:
            self._built[key] = Propagator(self.flight.models[arcs[0].center], arcs[0].events(), **self.tolerances)
        propagator = self._built[key]
        out = []
        for a in arcs:
            try:
                out.append(propagator.run(a.state, Epoch.from_tdb_seconds(a.t_stop), dense=dense))
            except FAILURES as error:
                out.append(error)
        return out


def _arc(until, flight, state, path):
    try:
        return CoastArc(until, flight, state, path)
    except FAILURES as error:
        return error


def _fly_legs(flight, until, states, path, threads, pool) -> list:
    """The `CoastArc` of each of ``states`` flown to its end (the exception where a sample fails)."""
    legs = _Legs(flight)
    arcs = [_arc(until, flight, s, path) for s in states]
    truncated = until.offset_s < 0.0
    while True:
        groups = {}
        for i, a in enumerate(arcs):
            if isinstance(a, CoastArc) and not a.done:
                groups.setdefault((a.center, truncated and a.may_end_in_leg()), []).append(i)
        if not groups:
            return arcs
        for (_, dense), members in groups.items():
            blocks = _blocks(len(members), threads)
            flown = pool.map(lambda tb: legs.fly(tb[0], [arcs[members[j]] for j in tb[1]], dense), enumerate(blocks))
            for block, segments in zip(blocks, flown):
                for j, seg in zip(block, segments):
                    i = members[j]
                    if isinstance(seg, BaseException):
                        arcs[i] = seg
                    else:
                        arcs[i].add(seg)


def _end_state(flight, action, arc, path):
    """The coast's end state from its flown ``arc`` (the exception where the sample fails)."""
    if not isinstance(arc, CoastArc):
        return arc
    try:
        arc.check_reached()
        return action._offset(flight, arc.segments, arc.state, path)[1]
    except FAILURES as error:
        return error


def _start(base, overrides, mass):
    """The dispersed initial state as the sequencer reads it from ``overrides`` (a Cartesian state
    in km and km/s about the nominal centre, in GCRF axes: see `farside.campaign.dispersions.draw`)."""
    spec = base.initial_state
    cartesian = overrides["initial_state.cartesian"]
    r = np.array(cartesian["r_km"]) * 1e3
    v = np.array(cartesian["v_km_s"]) * 1e3
    return State(Epoch(spec.epoch, spec.scale), r, v, mass, overrides["initial_state.center"],
                 overrides["initial_state.frame"]).in_gcrf()


def _outputs(campaign, ends, j) -> dict:
    """The campaign's outputs of sample ``j`` from the phases' end states."""
    out = {}
    for o in campaign.outputs:
        if o.quantity is not None:
            out[o.name] = float(quantities(ends[o.phase][j], o.center)[o.quantity]) - (o.relative_to or 0.0)
        elif o.seconds_from is not None:
            out[o.name] = ends[o.phase][j].epoch.tdb_seconds - Epoch(o.seconds_from).tdb_seconds
        else:
            out[o.name] = 0.0
    return out


def _reason(error, path, phase) -> str:
    """A failed sample's reason, as its sequencer run gives it."""
    if isinstance(error, FarsideError):
        error = phase_error(error, path, phase.name)
    return f"{type(error).__name__}: {error}"


def run_chunk(context, indices, threads=1) -> list:
    """The records of the samples ``indices``, flown in step phase by phase on ``threads`` threads."""
    tic = time.perf_counter()
    campaign = context.campaign
    base = context.scenario
    mass = Vehicles.of(base.spacecraft).mass_kg(base.spacecraft.name)
    records, states = [], []
    for i in indices:
        overrides, inputs = dispersions.draw(campaign, context.data, context.nominal_state, i)
        states.append(_start(base, overrides, mass))
        records.append({"sample": int(i), "status": "ok", "reason": "", **inputs})
    flight = Flight(base, force_models.build(base), None)
    ends, failed = {}, {}
    with ThreadPoolExecutor(threads) as pool:
        for k, phase in enumerate(base.phases):
            path = f"phases[{k}].coast.until"
            live = [j for j in range(len(indices)) if j not in failed]
            starts = [State(states[j].epoch, states[j].r_m, states[j].v_m_s, mass, states[j].center, states[j].frame)
                      for j in live]
            arcs = _fly_legs(flight, phase.action.until, starts, path, threads, pool)
            for j, arc in zip(live, arcs):
                end = _end_state(flight, phase.action, arc, path)
                if isinstance(end, BaseException):
                    failed[j] = _reason(end, f"phases[{k}].coast", phase)
                else:
                    states[j] = end
            ends[phase.name] = states[:]
    per = (time.perf_counter() - tic) / len(indices)
    for j, record in enumerate(records):
        if j in failed:
            record.update(status="failed", reason=failed[j])
            record.update({o.name: np.nan for o in campaign.outputs})
        else:
            record.update(_outputs(campaign, ends, j))
        record["compute_s"] = per
    return records


def run_chunk_or_each(context, indices, one_by_one) -> list:
    """Batched, or sample by sample (``one_by_one(context, indices)``) when a sample fails."""
    try:
        return run_chunk(context, indices)
    except FAILURES:
        return one_by_one(context, indices)
