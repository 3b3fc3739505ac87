"""A chunk of samples flown together: when the campaign's phases are coasts under one force model
and only the initial state is dispersed, every sample of a chunk starts at the same epoch under
the same forces, so each coast runs as one batched propagation
(:func:`farside.dynamics.batch.propagate_batch`: sample i's arc is bit for bit its own
propagation) instead of a sequencer run per sample. The phases may not branch: every coast but the
last ends at an epoch or after a duration (the same for all), the last may end on an event.
Outputs are those of :func:`farside.campaign.sample.outputs` for coasts (orbit quantities and end
epochs; delta-v and propellant are zero). A chunk where any sample fails is flown again one
sample at a time, so each failure gets its own reason.
"""
import time

import numpy as np

from farside.astro.time import Epoch
from farside.campaign import dispersions
from farside.dynamics.batch import propagate_batch
from farside.errors import FarsideError, ScenarioError
from farside.mission import force_models
from farside.mission.orbit_quantities import quantities
from farside.mission.phases import until_event
from farside.mission.scenario_values import with_values
from farside.mission.sequencer import initial_state
from farside.mission.vehicles import Vehicles


def batchable(campaign, data) -> bool:
    """Whether the chunks of ``campaign`` (flying the raw scenario ``data``) can run batched."""
    if campaign.retarget or any(d.kind != "state" for d in campaign.dispersions):
        return False
    if len(data.get("force_models", {})) != 1 or any(o.report or o.event for o in campaign.outputs):
        return False
    phases = data["phases"]
    if not all(set(p) <= {"name", "coast"} and "coast" in p for p in phases):
        return False
    for k, p in enumerate(phases):
        until = p["coast"]["until"]
        last = k == len(phases) - 1
        if until["event"] not in ("epoch", "duration") and not last:
            return False
        if until["event"] == "sphere_of_influence" or until.get("occurrence", 1) != 1 or until.get("offset_s", 0.0):
            return False
    return True


def run_chunk(context, indices) -> list:
    """The records of the samples ``indices``, flown as one batch per coast."""
    tic = time.perf_counter()
    campaign = context.campaign
    base = context.scenario
    records, states = [], []
    mass = Vehicles.of(base.spacecraft).mass_kg(base.spacecraft.name)
    for i in indices:
        overrides, inputs = dispersions.draw(campaign, context.data, context.nominal_state, i)
        spec = with_values(base, overrides)
        states.append(initial_state(spec.initial_state, mass))
        records.append({"sample": int(i), "status": "ok", "reason": "", **inputs})
    center = next(iter(base.force_models))
    forces = force_models.build(base)[center]
    rtol = base.rtol
    atol = np.array([base.atol_m] * 3 + [base.atol_m * 1e-3] * 3 + [1e-6])
    ends = {}
    for k, phase in enumerate(base.phases):
        until = phase.coast.until
        t0 = states[0].epoch.tdb_seconds
        if until.event == "epoch":
            t_stop = Epoch(until.epoch).tdb_seconds
        elif until.event == "duration":
            t_stop = t0 + until.duration_s
        else:
            t_stop = t0 + until.max_duration_s
        event = until_event(until, center) if until.event not in ("epoch", "duration") else None
        segments = propagate_batch(states, until=Epoch.from_tdb_seconds(t_stop), forces=forces,
                                   events=[event] if event is not None else [], rtol=rtol, atol=atol, dense=False,
                                   workers=1)
        states = [s.final_state() for s in segments]
        if event is not None and any(abs(s.epoch.tdb_seconds - t_stop) < 1e-6 for s in states):
            raise ScenarioError(f"phases[{k}].coast.until", until.event, "an event reached by every sample")
        ends[phase.name] = states
    per = (time.perf_counter() - tic) / len(indices)
    for j, record in enumerate(records):
        for o in campaign.outputs:
            if o.quantity is not None:
                record[o.name] = float(quantities(ends[o.phase][j], o.center)[o.quantity]) - (o.relative_to or 0.0)
            elif o.seconds_from is not None:
                record[o.name] = ends[o.phase][j].epoch.tdb_seconds - Epoch(o.seconds_from).tdb_seconds
            else:
                record[o.name] = 0.0
        record["compute_s"] = per
    return records


def run_chunk_or_each(context, indices, one_by_one) -> list:
    """Batched, or sample by sample (``one_by_one(context, indices)``) when a sample fails."""
    try:
        return run_chunk(context, indices)
    except (FarsideError, ArithmeticError, ValueError):
        return one_by_one(context, indices)
