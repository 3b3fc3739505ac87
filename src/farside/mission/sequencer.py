"""The sequencer: a `Scenario` in, a `MissionResult` out.

Phases fly in order, each from the state its stack reached; a phase with a ``target`` block
closes the span of phases from ``target.from`` to itself with the differential corrector
(:mod:`farside.gnc.differential_corrector`): the variables are scenario paths, set as overrides
on the validated scenario (:func:`farside.mission.scenario_values.with_values`: no trip back to
YAML), and the span is flown again from its saved start for each trial (but the first: the
span as the run has just flown it, at the first guess or a scan's best point, is taken back).
The accepted solution is flown once more, so every record is the converged trajectory's.
"""
import time
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies, ephemeris
from farside.astro.time import Epoch
from farside.core.kepler import elements_to_state_hf
from farside.dynamics.state import State
from farside.errors import FarsideError, FarsideValueError, ScenarioError
from farside.gnc import differential_corrector
from farside.gnc.differential_corrector import TargetingError
from farside.mission import force_models
from farside.mission.orbit_quantities import (quantities, reference_radius_m, site_out_of_plane_deg,
                                              time_to_periapsis_s)
from farside.mission.phases.flight import Flight
from farside.mission.phases.plan import StackPlan
from farside.mission.progress import Progress
from farside.mission.result import MissionResult, PhaseRecord, TimelineEntry
from farside.mission.scenario_values import value_at, with_values
from farside.mission.vehicles import Vehicles


def initial_state(spec, mass_kg) -> State:
    """The scenario's initial state (GCRF axes) from Cartesian or Keplerian elements in ``spec.frame``."""
    epoch = Epoch(spec.epoch, spec.scale)
    if spec.cartesian is not None:
        r = np.array(spec.cartesian.r_km) * 1e3
        v = np.array(spec.cartesian.v_km_s) * 1e3
    else:
        k = spec.keplerian
        body = bodies.get(spec.center)
        radius = reference_radius_m(body)
        a = k.a_km * 1e3 if k.a_km is not None else (radius + k.periapsis_altitude_km * 1e3) / (1.0 - k.e)
        x = np.empty(6)
        elements_to_state_hf(body.gm_m3_s2, a, k.e, *np.radians([k.i_deg, k.raan_deg, k.argp_deg, k.ta_deg]), x)
        r, v = x[:3], x[3:]
    return State(epoch, r, v, mass_kg, spec.center, spec.frame).in_gcrf()


def goal_value(state, goal) -> float:
    """The value of ``goal`` (a scenario `Goal`) at ``state``."""
    if goal.quantity == "time_from_epoch_s":
        return state.epoch.tdb_seconds - Epoch(goal.epoch, "utc").tdb_seconds
    if goal.quantity == "periapsis_time_from_epoch_s":
        return (state.epoch.tdb_seconds + time_to_periapsis_s(state, goal.center)
                - Epoch(goal.epoch, "utc").tdb_seconds)
    if goal.quantity == "site_out_of_plane_deg":
        return site_out_of_plane_deg(state, goal.site.lat_deg, goal.site.lon_deg)
    return quantities(state, goal.center)[goal.quantity]


def preflight(scenario):
    """Every check that needs no flight: each epoch the scenario states inside the ephemeris, and
    each phase kind's checks over the stacks as the phases will leave them (a lander or ascender
    whose engine cannot lift it fails at once). ``farside validate`` and ``run`` make them."""
    eph = ephemeris.default()
    epochs = {"initial_state.epoch": Epoch(scenario.initial_state.epoch, scenario.initial_state.scale)}
    for i, phase in enumerate(scenario.phases):
        for sub, text in phase.action.epochs().items():
            epochs[f"phases[{i}].{phase.kind}.{sub}"] = Epoch(text)
    for path, epoch in epochs.items():
        if not eph.start_s <= epoch.tdb_seconds <= eph.end_s:
            raise ScenarioError(path, epoch.iso("utc", 0), f"an epoch within the ephemeris, {eph.span()}")
    plan = StackPlan(scenario.spacecraft)
    for i, phase in enumerate(scenario.phases):
        plan.enter(phase.stack)
        phase.action.check(plan, f"phases[{i}].{phase.kind}")


def phase_error(error, path, name) -> ScenarioError:
    """The `ScenarioError` of a `FarsideError` raised flying phase ``name`` (at YAML ``path``):
    a scenario error as it is, a bad value with the phase named, any other as a phase that
    cannot be flown."""
    if isinstance(error, ScenarioError):
        return error
    if isinstance(error, FarsideValueError):
        return ScenarioError(path, error.value, f"{error.allowed} ({error.argument}, flying phase {name!r})")
    return ScenarioError(path, name, f"a phase that can be flown: {error}")


@dataclass
class _Record:
    """What the run has recorded so far (lists that a corrector trial cuts back): frozen into the
    `MissionResult` at the end."""
    flown: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    burns: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    targeting_logs: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    products: dict = field(default_factory=dict)
    solved: dict = field(default_factory=dict)

    def lengths(self):
        return len(self.flown), len(self.timeline), len(self.burns), len(self.phases)

    def cut(self, lengths):
        del self.flown[lengths[0]:], self.timeline[lengths[1]:], self.burns[lengths[2]:], self.phases[lengths[3]:]


class _Run:
    def __init__(self, scenario, progress):
        preflight(scenario)
        self.scenario = scenario
        self.solved = scenario
        """The scenario with every converged target's variables set: the base of later trials."""
        self.record = _Record()
        self.progress = progress or (lambda event: None)
        self.flight = Flight(scenario, force_models.build(scenario), Vehicles.of(scenario.spacecraft), self.progress)
        name = scenario.spacecraft.name
        state = initial_state(scenario.initial_state, self.vehicles.mass_kg(name))
        self.vehicles = self.vehicles.with_state(name, state)
        self.record.timeline.append(TimelineEntry(state.epoch, "start", name, "initial state",
                                                  f"{state.mass_kg:.1f} kg about {state.center}"))
        self.current = name
        self.checkpoints = {}
        self.flight_s = {}
        """Wall seconds of each phase's first flight, by index: a target's hint of how long a run of
        its span takes (whether its first Jacobian's trials are worth a process each)."""

    @property
    def vehicles(self) -> Vehicles:
        """The mission's state now (a value: phases read it from the flight context)."""
        return self.flight.vehicles

    @vehicles.setter
    def vehicles(self, value):
        self.flight.vehicles = value

    def _snapshot(self):
        return self.vehicles, self.current, self.record.lengths()

    def _restore(self, snap):
        self.vehicles, self.current, lengths = snap
        self.record.cut(lengths)

    def _flown(self, start):
        """What a span flown from ``start`` (a `_snapshot`) left: the vehicles, the scenario flown
        and the records added, for :meth:`_reflown`."""
        r, lengths = self.record, start[2]
        return (self.vehicles, self.current, self.scenario, r.flown[lengths[0]:], r.timeline[lengths[1]:],
                r.burns[lengths[2]:], r.phases[lengths[3]:], dict(r.reports), dict(r.products))

    def _reflown(self, start, flown):
        """The run as after the span kept by :meth:`_flown`, from ``start`` again."""
        self._restore(start)
        r = self.record
        self.vehicles, self.current, scenario, segments, timeline, burns, phases, reports, products = flown
        self.scenario = self.flight.scenario = scenario
        r.flown += segments
        r.timeline += timeline
        r.burns += burns
        r.phases += phases
        r.reports.clear()
        r.reports.update(reports)
        r.products.clear()
        r.products.update(products)

    def _use(self, scenario):
        self.scenario = scenario
        self.flight.scenario = scenario
        self.vehicles = self.vehicles.with_spacecraft(scenario.spacecraft)

    def fly_phase(self, index):
        phase = self.scenario.phases[index]
        name = phase.stack or self.current
        if name not in self.vehicles.stacks:
            raise ScenarioError(f"phases[{index}].stack", name, "a stack flying: " + ", ".join(self.vehicles.stacks))
        before = self.vehicles.stacks[name].state
        start = before.epoch
        self.vehicles = self.vehicles.with_state(name, State(start, before.r_m, before.v_m_s,
                                                             self.vehicles.mass_kg(name), before.center, before.frame))
        stack = self.vehicles.stacks[name]
        path = f"phases[{index}].{phase.kind}"
        try:
            outcome = phase.action.run(self.flight, stack, phase, path)
        except ScenarioError:
            raise
        except FarsideError as error:
            raise phase_error(error, path, phase.name) from None
        self._record(outcome)
        self.current = outcome.stack
        state = outcome.state
        self.record.phases.append(PhaseRecord(phase.name, outcome.stack, start, state.epoch, state.center,
                                              quantities(state), state))

    def _record(self, outcome):
        """Apply a phase's outcome: stack changes, propellant drawn, segments, timeline, burns,
        end states, report and products."""
        vehicles = self.vehicles
        for change in outcome.changes:
            vehicles = change.apply(vehicles)
        for record, path, kg in outcome.burns:
            vehicles = vehicles.spend(record.module, kg, path)
            self.record.burns.append(record)
        self.record.flown += outcome.segments
        self.record.timeline += outcome.timeline
        for name, state in outcome.states.items():
            if name in vehicles.stacks:  # not a stack that docked in this phase
                vehicles = vehicles.with_state(name, state)
        self.vehicles = vehicles.with_state(outcome.stack, outcome.state)
        if outcome.report is not None:
            self.record.reports[outcome.phase] = outcome.report
        if outcome.products:
            self.record.products[outcome.phase] = dict(outcome.products)

    def fly_span(self, first, last):
        for i in range(first, last + 1):
            self.checkpoints[i] = self._snapshot()
            self.fly_phase(i)

    def target(self, index):
        phase = self.scenario.phases[index]
        target = phase.target
        first = self.scenario.phase_index(target.from_phase)
        paths = [v.path for v in target.vary]
        x0 = []
        for v in target.vary:
            value = value_at(self.solved, v.path)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ScenarioError(v.path, value, "a number in the scenario to vary (give it a first guess)")
            x0.append(float(value))
        log = self.record.targeting_logs.setdefault(phase.name, [])
        start = self.checkpoints[first]
        initial = [p for p in paths if p.startswith("initial_state")]
        if initial and first != 0:
            raise ScenarioError(initial[0], "a variable", f"a variable of a target from the first phase, "
                                                          f"{self.scenario.phases[0].name} (not {target.from_phase})")

        def fly_with(x):
            self._restore(start)
            self._use(with_values(self.solved, dict(zip(paths, map(float, x)))))
            if initial:
                name = self.scenario.spacecraft.name
                mass_kg = self.vehicles.stacks[name].state.mass_kg
                self.vehicles = self.vehicles.with_state(name, initial_state(self.scenario.initial_state, mass_kg))
            self.fly_span(first, index)
            return goals()

        def goals():
            state = self.vehicles.stacks[self.current].state
            return [goal_value(state, g) for g in target.achieve]

        # spans already flown, by their variables: the span as the run has just flown it (the first
        # guess) and a scan's best point; the corrector's first trial takes one back instead of
        # flying the same span again (same inputs, so the same bits)
        flown = {_variables(x0): self._flown(start)}

        def evaluate(x):
            try:
                if _variables(x) in flown:
                    self._reflown(start, flown.pop(_variables(x)))
                    return goals()
                return fly_with(x)
            except ScenarioError:
                return np.full(len(target.achieve), np.nan)

        def remember(x):
            flown.clear()
            flown[_variables(x)] = self._flown(start)

        def note(line):
            log.append(line)
            self.progress(Progress("message", phase.name, line))

        if target.scan is not None:
            x0 = self._scan(target, x0, paths, evaluate, note, remember)
        span_s = sum(self.flight_s.get(i, 0.0) for i in range(first, index + 1))
        try:
            solution = self._solve(target, x0, paths, evaluate, note, span_s)
        except TargetingError as error:
            raise ScenarioError(f"phases[{index}].target", ", ".join(paths),
                                f"variables with which the goals of {phase.name!r} can be met: {error}") from None
        self.solved = with_values(self.solved, dict(zip(paths, map(float, solution.variables))))
        self.record.solved.update(zip(paths, map(float, solution.variables)))
        self.flight.strict = True
        fly_with(solution.variables)
        log.append(f"converged in {len(solution.iterations) - 1} iterations, {solution.evaluations} runs of the span")

    @staticmethod
    def _solve(target, x0, paths, evaluate, note, span_s=0.0):
        """The differential corrector's solution of ``target`` from ``x0``; ``span_s``, the wall
        seconds of a run of the span (its first trial is the span as just flown, taken back)."""
        return differential_corrector.solve(
            evaluate, x0, [v.step for v in target.vary], [g.value for g in target.achieve],
            [g.tolerance for g in target.achieve],
            np.array([np.nan if v.min is None else v.min for v in target.vary]),
            np.array([np.nan if v.max is None else v.max for v in target.vary]),
            target.max_iterations, paths, [g.quantity for g in target.achieve], note, target.method, span_s)

    @staticmethod
    def _scan(target, x0, paths, evaluate, note, remember):
        """``x0`` with the scanned value whose goals come nearest (residual norm in tolerances);
        ``remember(x)`` keeps the span as just flown at ``x``, each best point so far."""
        k = paths.index(target.scan.path)
        desired = np.array([g.value for g in target.achieve])
        tolerances = np.array([g.tolerance for g in target.achieve])
        best, best_norm = list(x0), np.inf
        for value in np.arange(target.scan.start, target.scan.stop + 0.5 * target.scan.step, target.scan.step):
            x = list(x0)
            x[k] = float(value)
            norm = float(np.linalg.norm((np.asarray(evaluate(x), dtype=float) - desired) / tolerances))
            if np.isfinite(norm) and norm < best_norm:
                best, best_norm = x, norm
                remember(x)
        note(f"scan of {target.scan.path}: first guess {best[k]:g} (|residual| {best_norm:.3g})")
        return best

    def run(self):
        for i, phase in enumerate(self.scenario.phases):
            self.progress(Progress("phase", phase.name, index=i, count=len(self.scenario.phases)))
            self.flight.strict = phase.target is None
            tic = time.perf_counter()
            self.fly_span(i, i)
            self.flight_s[i] = time.perf_counter() - tic
            if phase.target is not None:
                self.flight.strict = False
                self.target(i)
                self.flight.strict = True
        r = self.record
        return MissionResult(self.scenario.name, r.flown, r.timeline, r.burns, r.phases,
                             {phase: tuple(log) for phase, log in r.targeting_logs.items()},
                             dict(self.vehicles.propellant_kg), r.reports, r.products, r.solved, self.scenario)


def _variables(x) -> tuple:
    """A trial's variables as a key: the floats as they are (a trial at the same bits flies the same)."""
    return tuple(float(v) for v in x)


def run(scenario, progress=None) -> MissionResult:
    """Fly ``scenario``; ``progress(event)`` hears of each phase, each phase's steps and each
    corrector iteration (`farside.mission.progress.Progress`)."""
    return _Run(scenario, progress).run()
