"""What a simulated figure beside a published one is evidence of, read from the scenario itself
(its stated epochs, its targets' goals and its guidance targets), so that it cannot go stale:

- ``input``: the scenario states the figure (an epoch it starts from or waits until);
- ``target``: a differential corrector's goal or a guidance law's aim fixes it; the residual
  (simulated minus goal) is the corrector's or guidance's accuracy, not evidence of the physics;
- ``prediction``: it came out of the flight. Its ``anchor`` names the nearest figure the scenario
  fixes (an input or targeted epoch, or an earlier goal on the same quantity), since a prediction
  a few minutes from a targeted epoch says little beyond those minutes.

Epochs are TDB seconds past J2000; paths are scenario paths with phase names
(``phases[LOI].target.achieve[0]``), as in overrides and ``vary``.
"""
from dataclasses import dataclass

from farside.astro.time import Epoch
from farside.mission import scenario_paths

INPUT, TARGET, PREDICTION = "input", "target", "prediction"


@dataclass(frozen=True)
class Basis:
    """``kind`` (input, target, prediction) and ``path``, the scenario path that fixes the figure
    (for a prediction, its anchor's). A target carries its ``goal``, its ``tolerance`` (None for
    a guidance aim, which states none) and the ``residual`` (simulated - goal), in the row's units
    (seconds for epochs). ``anchor`` describes a prediction's nearest fixed figure."""
    kind: str
    path: str = ""
    goal: float | None = None
    tolerance: float | None = None
    residual: float | None = None
    anchor: str = ""

    @property
    def within_tolerance(self):
        """True/False for a corrector goal, None where no tolerance is stated."""
        if self.tolerance is None or self.residual is None:
            return None
        return abs(self.residual) <= self.tolerance


def _p(phase, rest):
    return f"phases[{phase.name}].{rest}"


def _utc_s(text):
    return Epoch(text, "utc").tdb_seconds


def _varied_phases(scenario) -> set:
    """Names of the phases some target varies a value of."""
    names = [p.name for p in scenario.phases]
    out = set()
    for phase in scenario.phases:
        for variable in (phase.target.vary if phase.target is not None else []):
            parts = scenario_paths.parse(variable.path)
            if parts[0] == "phases" and len(parts) > 1:
                out.add(names[parts[1]] if isinstance(parts[1], int) else parts[1])
    return out


def _zero_length(phase) -> bool:
    return (phase.separate is not None or phase.dock is not None or phase.transfer is not None
            or (phase.burn is not None and phase.burn.delta_v_m_s is not None))


def flying_stacks(scenario) -> list:
    """The stack each phase flies (its ``stack``, else the one flying before it; an ascent flies
    the stack it makes), as the sequencer picks them."""
    current, out = scenario.spacecraft.name, []
    for phase in scenario.phases:
        current = phase.stack or current
        if phase.ascent is not None:
            current = phase.ascent.name
        out.append(current)
    return out


def _previous_of_stack(scenario, index):
    """The phase whose end is where phase ``index`` starts: the last earlier phase of the same
    stack, or the separation that made the stack (None: the scenario's start)."""
    stacks = flying_stacks(scenario)
    for j in range(index - 1, -1, -1):
        made = scenario.phases[j].separate
        if stacks[j] == stacks[index] or (made is not None and made.name == stacks[index]):
            return j
    return None


def _end_basis(scenario, index, simulated_s) -> Basis:
    """The basis of the epoch at which phase ``index`` ends."""
    phase = scenario.phases[index]
    if phase.target is not None:
        for k, goal in enumerate(phase.target.achieve):
            if goal.quantity == "time_from_epoch_s":
                aim = _utc_s(goal.epoch) + goal.value
                return Basis(TARGET, _p(phase, f"target.achieve[{k}]"), aim, goal.tolerance, simulated_s - aim)
    if phase.coast is not None and phase.coast.until.event == "epoch":
        return Basis(INPUT, _p(phase, "coast.until.epoch"))
    if phase.surface_stay is not None:
        return Basis(INPUT, _p(phase, "surface_stay.until"))
    length = "burn.duration_s" if phase.burn is not None and phase.burn.duration_s is not None else \
        "coast.until.duration_s" if phase.coast is not None and phase.coast.until.event == "duration" else None
    if _zero_length(phase) or (length and phase.name not in _varied_phases(scenario)):
        start = start_basis(scenario, index, simulated_s)
        if start.kind == INPUT:
            return start if length is None else Basis(INPUT, f"{start.path} + {_p(phase, length)}")
    return Basis(PREDICTION)


def start_basis(scenario, index, simulated_s) -> Basis:
    """The basis of the epoch at which phase ``index`` starts (the end of the stack's previous
    phase, the scenario's initial epoch, or an ascent's stated lift-off)."""
    phase = scenario.phases[index]
    if phase.ascent is not None:
        return Basis(INPUT, _p(phase, "ascent.epoch"))
    previous = _previous_of_stack(scenario, index)
    if previous is None:
        return Basis(INPUT, "initial_state.epoch")
    return _end_basis(scenario, previous, simulated_s)


def fixed_epochs(scenario) -> list:
    """``[(tdb_s, kind, path, label)]``: every epoch the scenario states or a corrector aims at."""
    start = scenario.initial_state
    out = [(Epoch(start.epoch, start.scale).tdb_seconds, INPUT, "initial_state.epoch", "initial epoch")]
    for phase in scenario.phases:
        if phase.coast is not None and phase.coast.until.event == "epoch":
            out.append((_utc_s(phase.coast.until.epoch), INPUT, _p(phase, "coast.until.epoch"), f"end of {phase.name}"))
        if phase.surface_stay is not None:
            out.append((_utc_s(phase.surface_stay.until), INPUT, _p(phase, "surface_stay.until"), "end of the stay"))
        if phase.ascent is not None:
            out.append((_utc_s(phase.ascent.epoch), INPUT, _p(phase, "ascent.epoch"), "the lift-off"))
        if phase.rendezvous is not None:
            out.append((_utc_s(phase.rendezvous.hand_over_epoch), INPUT, _p(phase, "rendezvous.hand_over_epoch"),
                        "the hand-over"))
        for k, goal in enumerate(phase.target.achieve if phase.target is not None else []):
            if goal.quantity in ("time_from_epoch_s", "periapsis_time_from_epoch_s"):
                what = f"end of {phase.name}" if goal.quantity == "time_from_epoch_s" else \
                    f"periapsis after {phase.name}"
                out.append((_utc_s(goal.epoch) + goal.value, TARGET, _p(phase, f"target.achieve[{k}]"), what))
    return out


def epoch_basis(scenario, phase_name, at, simulated_s) -> Basis:
    """The basis of a phase's start or end epoch (``at``) flown at ``simulated_s``; a prediction
    is anchored on the nearest epoch the scenario fixes (the later-declared one of a tie)."""
    index = scenario.phase_index(phase_name)
    basis = start_basis(scenario, index, simulated_s) if at == "start" else _end_basis(scenario, index, simulated_s)
    if basis.kind != PREDICTION:
        return basis
    t, kind, path, label = min(reversed(fixed_epochs(scenario)), key=lambda f: abs(f[0] - simulated_s))
    offset = simulated_s - t
    text = f"{offset / 60.0:+.1f} min from {label} ({kind})"
    return Basis(PREDICTION, path, anchor=text)


GUIDANCE_AIMS = {"ascent": ("periapsis_altitude_km", "apoapsis_altitude_km"),
                 "descent_orbit": ("periselene_altitude_km",)}
"""Orbit figures a guided phase aims at (the spec's field for each quantity)."""
AIM_FIELD = {("descent_orbit", "periapsis_altitude_km"): "periselene_altitude_km"}


def _goal_matches(goal, quantity, center) -> bool:
    return goal.quantity == quantity and (goal.center is None or goal.center == center)


def orbit_basis(scenario, phase_name, quantity, center, simulated) -> Basis:
    """The basis of ``quantity`` about ``center`` at the end of phase ``phase_name``: a goal of
    this phase's target, a guidance aim of the phase, else a prediction anchored on the latest
    earlier goal on the same quantity (if any)."""
    index = scenario.phase_index(phase_name)
    phase = scenario.phases[index]
    for k, goal in enumerate(phase.target.achieve if phase.target is not None else []):
        if _goal_matches(goal, quantity, center):
            return Basis(TARGET, _p(phase, f"target.achieve[{k}]"), goal.value, goal.tolerance, simulated - goal.value)
    for kind in GUIDANCE_AIMS:
        spec = getattr(phase, kind)
        name = AIM_FIELD.get((kind, quantity), quantity)
        if spec is not None and name in GUIDANCE_AIMS[kind]:
            aim = float(getattr(spec, name))
            return Basis(TARGET, _p(phase, f"{kind}.{name}"), aim, None, simulated - aim)
    for earlier in reversed(scenario.phases[:index]):
        for k, goal in enumerate(earlier.target.achieve if earlier.target is not None else []):
            if _goal_matches(goal, quantity, center):
                return Basis(PREDICTION, _p(earlier, f"target.achieve[{k}]"),
                             anchor=f"set to {goal.value:g} at the end of {earlier.name} (target), then flown")
    return Basis(PREDICTION)


REPORT_AIMS = {"launch": {"parking_perigee_km": "parking.perigee_altitude_km",
                          "parking_apogee_km": "parking.apogee_altitude_km",
                          "parking_inclination_deg": "inclination_deg",
                          "transfer_inclination_deg": "inclination_deg",
                          "transfer_perigee_km": "injection.perigee_altitude_km"},
               "entry": {"miss_m": 0.0}}
"""Figures of a phase's report that its guidance aims at: the block's field that holds the aim (a
field the scenario leaves unset aims at nothing: the figure is then a prediction), or the aim
itself (the entry guidance flies to its target point, a miss of 0 m)."""
REPORT_INPUTS = {"entry": {"parachute_altitude_km": "parachute.altitude_m"}}
"""Figures of a phase's report that its block states (the block's field)."""
SCENARIO_INPUTS = {"launch": {"payload_kg": "spacecraft.stack"}}
"""Figures of a phase's report that the scenario states outside the block (the path)."""


def figure_basis(scenario, phase_name, figure, simulated) -> Basis:
    """The basis of ``figure`` of the report of phase ``phase_name`` flown at ``simulated``: an
    input the scenario states, a guidance aim of the phase (target, with the residual), else a
    prediction."""
    phase = scenario.phases[scenario.phase_index(phase_name)]
    kind = phase.kind
    if figure in REPORT_INPUTS.get(kind, {}):
        return Basis(INPUT, _p(phase, f"{kind}.{REPORT_INPUTS[kind][figure]}"))
    if figure in SCENARIO_INPUTS.get(kind, {}):
        return Basis(INPUT, SCENARIO_INPUTS[kind][figure])
    aim = REPORT_AIMS.get(kind, {}).get(figure)
    if isinstance(aim, float):
        return Basis(TARGET, _p(phase, f"{kind}.target"), aim, None, simulated - aim)
    if aim is not None:
        spec = phase.action
        for key in aim.split("."):
            spec = getattr(spec, key)
        if spec is not None:
            return Basis(TARGET, _p(phase, f"{kind}.{aim}"), float(spec), None, simulated - float(spec))
    return Basis(PREDICTION)
