"""One campaign sample flown: the nominal scenario with the sample's dispersed overrides, its
outputs recorded, or its failure and the reason (a scenario error, a targeting that does not
converge, a trajectory into a body), never dropped.

`prepare` flies the nominal scenario once (through ``through_phase``) with its targets, then
fixes their solutions as overrides and, unless ``retarget``, removes the targets: each sample
flies the nominal controls open loop with its own inputs.
"""
import re
import time
from dataclasses import dataclass

import numpy as np

from farside.astro.time import Epoch
from farside.campaign import batched, dispersions
from farside.errors import FarsideError, ScenarioError
from farside.mission import evidence, scenario_paths, sequencer
from farside.mission.orbit_quantities import quantities
from farside.mission.scenario import validate_scenario
from farside.mission.scenario_values import with_values


@dataclass
class Context:
    """What every sample needs: picklable, shipped once to each worker."""
    campaign: object
    data: dict
    scenario: object
    """``data`` validated once: samples set their values on it (no trip back to YAML)."""
    nominal_state: object
    nominal_outputs: dict
    batched: bool = False
    basis: dict = None
    """Output name -> the basis of its nominal value (input, target, prediction:
    :mod:`farside.mission.evidence`)."""
    first_phase: int = 0
    """Index in the scenario file of the first phase a sample flies (``start_after`` drops the
    ones before): a failure's YAML path is given in the file's numbering."""


_PHASE_INDEX = re.compile(r"\bphases\[(\d+)\]")


def in_file_numbering(reason: str, first_phase: int) -> str:
    """``reason`` with every ``phases[k]`` of the flown phases renumbered ``phases[k + first_phase]``."""
    if not first_phase:
        return reason
    return _PHASE_INDEX.sub(lambda m: f"phases[{int(m.group(1)) + first_phase}]", reason)


def _truncated(data, through):
    names = [p["name"] for p in data["phases"]]
    if through is None:
        return data
    if through not in names:
        raise ScenarioError("through_phase", through, "a phase of the scenario: " + ", ".join(names))
    data = dict(data, phases=data["phases"][:names.index(through) + 1])
    data.pop("published", None)
    return data


def _started_after(data, phase, nominal) -> dict:
    """``data`` flying only the phases after ``phase``, from the nominal state at its end (GCRF)."""
    names = [p["name"] for p in data["phases"]]
    if phase not in names[:-1]:
        raise ScenarioError("start_after", phase, "a phase of the campaign before its last: " + ", ".join(names[:-1]))
    rest = data["phases"][names.index(phase) + 1:]
    for p in rest:
        start = (p.get("target") or {}).get("from")
        if start is not None and start not in [q["name"] for q in rest]:
            raise ScenarioError("start_after", phase, f"a phase no kept target starts at or before "
                                                      f"({p['name']!r} targets from {start!r})")
    state = next(r for r in nominal.phases if r.name == phase).end_state.in_gcrf()
    initial = {"epoch": state.epoch.iso("tdb", 6), "scale": "tdb", "center": state.center, "frame": "GCRF",
               "cartesian": {"r_km": (state.r_m / 1e3).tolist(), "v_km_s": (state.v_m_s / 1e3).tolist()}}
    return dict(data, initial_state=initial, phases=rest)


def outputs(campaign, result) -> dict:
    """The campaign's outputs from a `MissionResult` (NaN where a phase or figure is missing)."""
    phases = {p.name: p for p in result.phases}
    out = {}
    for o in campaign.outputs:
        value = np.nan
        if o.quantity is not None and o.phase in phases:
            value = quantities(phases[o.phase].end_state, o.center)[o.quantity] - (o.relative_to or 0.0)
        elif o.event is not None:
            hit = next((e for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds)
                        if e.event.startswith(o.event) and (o.phase is None or e.phase == o.phase)), None)
            if hit is not None:
                value = hit.epoch.tdb_seconds - Epoch(o.seconds_from).tdb_seconds
        elif o.seconds_from is not None and o.phase in phases:
            value = phases[o.phase].end.tdb_seconds - Epoch(o.seconds_from).tdb_seconds
        elif o.delta_v is not None:
            value = sum(b.delta_v_m_s for b in result.burns if b.module == o.delta_v)
        elif o.propellant is not None:
            value = sum(b.propellant_kg for b in result.burns if b.module == o.propellant)
        elif o.report is not None:
            value = result.reports.get(o.phase, {}).get(o.report, np.nan)
        out[o.name] = float(value)
    return out


def prepare(campaign, progress=None) -> Context:
    """Fly the nominal scenario (with its targets) and build the samples' context."""
    raw = scenario_paths.load_yaml(open(campaign.scenario, encoding="utf-8").read())
    data = _truncated(scenario_paths.with_overrides(raw, campaign.set), campaign.through_phase)
    scenario = validate_scenario(data)
    for i, d in enumerate(campaign.dispersions):
        for path in ([d.path] if d.path else []) + (list(d.group.paths) if d.group else []):
            try:
                value = scenario_paths.get(data, path)
            except ScenarioError:
                raise ScenarioError(f"dispersions[{i}].path", path, "a path of the scenario") from None
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ScenarioError(f"dispersions[{i}].path", path, "a path to a number in the scenario")
        if d.pointing is not None:
            try:
                scenario_paths.get(data, f"phases[{d.pointing.phase}].burn")
            except ScenarioError:
                raise ScenarioError(f"dispersions[{i}].pointing.phase", d.pointing.phase,
                                    "a burn phase flown by the campaign") from None
    names = [p.name for p in scenario.phases]
    for i, o in enumerate(campaign.outputs):
        if o.phase is not None and o.phase not in names:
            raise ScenarioError(f"outputs[{i}].phase", o.phase, "a phase flown by the campaign: " + ", ".join(names))
    nominal = sequencer.run(scenario, progress)
    solved = scenario_paths.with_overrides(data, nominal.solved)
    if not campaign.retarget:
        solved = dict(solved, phases=[{k: v for k, v in p.items() if k != "target"} for p in solved["phases"]])
    first = 0
    if campaign.start_after is not None:
        solved = _started_after(solved, campaign.start_after, nominal)
        first = names.index(campaign.start_after) + 1
    spec = validate_scenario(solved)
    state = sequencer.initial_state(spec.initial_state, 1.0)
    return Context(campaign, solved, spec, state, outputs(campaign, nominal), batched.batchable(campaign, solved),
                   output_basis(campaign, scenario, nominal), first)


def output_basis(campaign, scenario, result) -> dict:
    """The basis of each output's nominal value in ``scenario`` (with its targets) as flown in
    ``result``: a target's goal or a guidance aim, a stated epoch, else a prediction. The samples'
    spread is always a prediction of the dispersed flight (open loop), or the corrector's accuracy
    for a target that ``retarget`` closes again."""
    phases = {p.name: p for p in result.phases}
    out = {}
    for o in campaign.outputs:
        kind = evidence.PREDICTION
        if o.quantity is not None and o.phase in phases:
            center = o.center or phases[o.phase].center
            value = quantities(phases[o.phase].end_state, center)[o.quantity]
            kind = evidence.orbit_basis(scenario, o.phase, o.quantity, center, value).kind
        elif o.seconds_from is not None and o.event is None and o.phase in phases:
            kind = evidence.epoch_basis(scenario, o.phase, "end", phases[o.phase].end.tdb_seconds).kind
        out[o.name] = kind
    return out


def run_sample(context, index) -> dict:
    """The record of sample ``index``: its inputs, outputs, status and reason, compute time."""
    tic = time.perf_counter()
    overrides, inputs = dispersions.draw(context.campaign, context.data, context.nominal_state, index)
    record = {"sample": index, "status": "ok", "reason": ""}
    record.update(inputs)
    values = {o.name: np.nan for o in context.campaign.outputs}
    try:
        result = sequencer.run(with_values(context.scenario, overrides))
        values = outputs(context.campaign, result)
    except FarsideError as error:
        record.update(status="failed", reason=f"{type(error).__name__}: {error}")
    except (ArithmeticError, ValueError) as error:
        record.update(status="failed", reason=f"{type(error).__name__}: {error}")
    record.update(values)
    record["compute_s"] = time.perf_counter() - tic
    return record


def warm_up(context):
    """Fly sample 0 and drop it: loads the data files and the compiled kernels in this process."""
    run_sample(context, 0)


def one_by_one(context, indices) -> list:
    """The records of the samples ``indices``, one sequencer run after the other."""
    return [run_sample(context, int(i)) for i in indices]


def run_chunk(context, indices) -> list:
    """The records of the samples ``indices``: batched where the phases allow, else one by one.
    A failure's reason names the phase by its place in the scenario file."""
    if context.batched:
        records = batched.run_chunk_or_each(context, indices, one_by_one)
    else:
        records = one_by_one(context, indices)
    for record in records:
        record["reason"] = in_file_numbering(record["reason"], context.first_phase)
    return records
