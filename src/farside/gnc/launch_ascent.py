"""A launcher's flight from the pad to spacecraft separation on the rotating, oblate Earth.

Sequence: vertical rise and pitch-over (``MODE_PITCH_PROGRAM``), zero-lift gravity turn along the
Earth-relative velocity through maximum dynamic pressure to the boosters' burnout and separation;
then closed-loop vacuum guidance (:mod:`farside.core.launch_guidance`, re-solved every
``guidance_cycle_s``) through the core stage's burnout and separation, the upper stage's ignition
and its cut-off on the parking orbit; the fairing goes when the free-molecular heating
``q v = rho v^3 / 2`` has fallen below ``fairing_heat_flux_w_m2`` (1135 W/m^2 is the usual
figure, e.g. the one Ariane 5 flies its fairing separation on); a coast; the relight to the
trans-lunar injection under the same law, and separation after ``separation_delay_s``.
The flown trajectory is RK4 on the flight model (NRLMSIS, EGM2008 to degree 4): every step is
recorded (time, state, derivative, the ``A_*`` auxiliaries of :mod:`farside.core.launch_flight`).
A flight whose inputs to the parking-orbit insertion, the relight or the separation are those of
one flown before in the process resumes from its checkpoint there (:mod:`farside.gnc.ascent_memo`):
the same bits.
"""
from dataclasses import dataclass, field

import numpy as np

from farside.core import launch_flight as lf
from farside.core import launch_guidance as lg
from farside.core.launch_flight import launch_derivatives_hf
from farside.dynamics.launch_vehicle import ENGINE_BOOSTERS, ENGINE_CORE, ENGINE_UPPER, LaunchVehicle
from farside.errors import FarsideValueError
from farside.gnc import ascent_memo
from farside.gnc.launch_targets import perigee_ahead

HISTORY_ROWS = 20000
FREEZE_S = 6.0
"""Below this time to go the last steering is held to the cut-off (the Jacobian degenerates)."""
FREEZE_ORBIT_S = 40.0
"""The same for a whole-conic target (a trans-lunar injection), whose eccentricity-vector
conditions lose their hold on the steering earlier; the cut-off time is still re-solved on the
energy (:func:`farside.core.launch_guidance.cutoff_time_hf`)."""
CYCLE_TOLERANCE = 1e-3
"""Cut-off errors (m, m/s) at which a cycle's iteration stops."""
CYCLE_KEEP = 1.0
"""A cycle that ends with a larger error keeps the last steering."""
CYCLE_ITERATIONS = 3
"""Newton iterations of a cycle after the first (from the steering flying)."""
FIRST_SOLVES = 4
"""The first cycle solves again from each solution's predicted cut-off (the ``w1`` axis of the
steering-rate basis, :mod:`farside.core.launch_guidance`) so that later cycles start consistent."""
FLYER_INPUTS = ("fa", "grav", "vehicle", "plan")
"""The `Flyer`'s attributes that are its inputs, not its state (not kept in a checkpoint)."""


@dataclass(frozen=True)
class AscentPlan:
    """The free choices of the ascent (times in s since lift-off or since the event named, angles rad)."""
    azimuth_rad: float
    parking_target: np.ndarray
    injection_target: np.ndarray
    vertical_rise_s: float = 10.0
    pitch_over_s: float = 10.0
    kick_rad: float = np.radians(3.0)
    coast_s: float = 1000.0
    upper_ignition_delay_s: float = 4.0
    separation_delay_s: float = 60.0
    fairing_heat_flux_w_m2: float = 1135.0
    guidance_cycle_s: float = 1.0
    step_atmosphere_s: float = 0.5
    step_vacuum_s: float = 1.0
    step_coast_s: float = 5.0
    injection_lead_rad: float | None = None
    """When set, the injection's perigee is put this far ahead of the relight point (in the plane,
    along the motion) instead of where ``injection_target`` has it."""


@dataclass
class AscentFlight:
    """What was flown: ``history`` (rows ``lf.H_*``: tau, state, derivative, auxiliaries; the first
    ``n_rows`` used), ``breaks`` (rows where a piece starts: the mass or the thrust jumped),
    ``events`` (name, tau, detail), guidance statistics."""
    history: np.ndarray = field(default_factory=lambda: np.zeros((HISTORY_ROWS, lf.N_HISTORY)))
    breaks: list = field(default_factory=list)
    events: list = field(default_factory=list)
    cycles: int = 0
    kept_cycles: int = 0
    n_rows: int = 0
    worst_cycle_error: float = 0.0
    propellant_left_kg: dict = field(default_factory=dict)
    injection_target: np.ndarray | None = None


class Flyer:
    """The state of one flight: ``fa`` the flight arrays, ``grav`` the predictor's gravity."""

    def __init__(self, fa, grav, vehicle: LaunchVehicle, plan: AscentPlan, y0):
        self.fa, self.grav, self.vehicle, self.plan = fa, grav, vehicle, plan
        self.engines = vehicle.engines()
        self.control = np.zeros(lf.N_CONTROLS)
        self.ws = (np.zeros((7, 7)), np.zeros((2, 5)), np.zeros(40), np.zeros(3), np.zeros((4, 7)), np.zeros(7))
        self.gws = (np.zeros(3), np.zeros(3), np.zeros((4, 7)), np.zeros(7), np.zeros(7))
        self.tau = 0.0
        self.y = np.array(y0, dtype=float)
        self.out = AscentFlight()
        self.n = 0
        self.fairing_on = vehicle.fairing_kg > 0.0
        self.burned = {ENGINE_BOOSTERS: 0.0, ENGINE_CORE: 0.0, ENGINE_UPPER: 0.0}
        self.r_final = self.y[0:3].copy()
        self.new_piece()

    def derivative(self):
        f, aux = np.zeros(7), np.zeros(lf.N_AUX)
        p, trig, buf, v_rel, _, _ = self.ws
        launch_derivatives_hf(self.fa, self.engines, self.vehicle.cd_mach, self.vehicle.cd, self.control, p, trig,
                              buf, v_rel, self.tau, self.y, f, aux)
        return f, aux

    def new_piece(self):
        """Start a piece at the current state (at lift-off, after a jump of the mass or a change of
        thrust): a node of its own."""
        f, aux = self.derivative()
        row = self.out.history[self.n]
        row[lf.H_TAU] = self.tau
        row[lf.H_Y:lf.H_Y + 7] = self.y
        row[lf.H_F:lf.H_F + 7] = f
        row[lf.H_AUX:] = aux
        self.out.breaks.append(self.n)
        self.n += 1

    def refresh_piece_start(self):
        """When the current state starts a piece, its derivative again under the control now set
        (the steering of the guidance's first solution)."""
        if self.out.breaks[-1] == self.n - 1:
            f, aux = self.derivative()
            self.out.history[self.n - 1, lf.H_F:lf.H_F + 7] = f
            self.out.history[self.n - 1, lf.H_AUX:] = aux

    def event(self, name, detail=""):
        self.out.events.append((name, self.tau, detail))

    def fly_to(self, tau_end, h_max):
        """Fly to ``tau_end``; the fairing goes on the heating rule once the boosters are gone."""
        while self.tau < tau_end - 1e-9:
            flux = self.plan.fairing_heat_flux_w_m2 if self.fairing_on and \
                self.engines[ENGINE_BOOSTERS, lf.E_ON] == 0.0 else -1.0
            tau0 = self.tau
            self.tau, n = lf.integrate_hf(self.fa, self.engines, self.vehicle.cd_mach, self.vehicle.cd, self.control,
                                          self.ws, self.tau, self.y, tau_end, h_max, self.out.history, self.n, flux)
            if n < 0:
                raise FarsideValueError("history", self.out.history.shape[0], "more rows for this flight")
            self.n = n
            if int(self.control[lf.K_MODE]) != lf.MODE_COAST:
                for k in (ENGINE_BOOSTERS, ENGINE_CORE, ENGINE_UPPER):
                    self.burned[k] += (self.tau - tau0) * self.engines[k, lf.E_MDOT] * self.engines[k, lf.E_ON]
            if flux > 0.0 and self.out.history[n - 1, lf.H_AUX + lf.A_Q] \
                    * self.out.history[n - 1, lf.H_AUX + lf.A_SPEED_REL] < flux:
                self.fairing_on = False
                self.drop(self.vehicle.fairing_kg, "fairing jettison")

    def drop(self, mass_kg, name, detail=""):
        self.y[6] -= mass_kg
        self.event(name, detail)
        self.new_piece()

    def burnout_tau(self, k):
        """When engine group ``k`` (on) burns its propellant out."""
        stage = (self.vehicle.boosters, self.vehicle.core, self.vehicle.upper)[k]
        left = stage.units * stage.propellant_kg - self.burned[k]
        return self.tau + left / self.engines[k, lf.E_MDOT]


def atmospheric_phase(fl: Flyer):
    """Lift-off to the boosters' separation: pitch programme, then the gravity turn."""
    plan = fl.plan
    fl.engines[ENGINE_BOOSTERS, lf.E_ON] = 1.0
    fl.engines[ENGINE_CORE, lf.E_ON] = 1.0
    c = fl.control
    c[lf.K_MODE] = lf.MODE_PITCH_PROGRAM
    c[lf.K_KICK], c[lf.K_AZ] = plan.kick_rad, plan.azimuth_rad
    c[lf.K_T0], c[lf.K_T1] = plan.vertical_rise_s, plan.vertical_rise_s + plan.pitch_over_s
    c[lf.K_AREA] = fl.vehicle.area_with_boosters_m2
    fl.refresh_piece_start()
    fl.event("lift-off")
    fl.fly_to(c[lf.K_T1], plan.step_atmosphere_s)
    c[lf.K_MODE] = lf.MODE_ALONG_V_REL
    fl.new_piece()
    fl.event("gravity turn")
    fl.fly_to(fl.burnout_tau(ENGINE_BOOSTERS), plan.step_atmosphere_s)
    fl.engines[ENGINE_BOOSTERS, lf.E_ON] = 0.0
    fl.out.propellant_left_kg["boosters"] = fl.vehicle.boosters.units * fl.vehicle.boosters.propellant_kg \
        - fl.burned[ENGINE_BOOSTERS]
    c[lf.K_AREA] = fl.vehicle.area_core_m2
    fl.drop(fl.vehicle.boosters.units * fl.vehicle.boosters.dry_kg, "booster separation")


def stage_rows(fl: Flyer, ignite_tau):
    """The predictor's stages from now: what is left of the core (if on), the wait to the upper
    stage's ignition, the upper stage's propellant left."""
    rows = []
    v = fl.vehicle
    if fl.engines[ENGINE_CORE, lf.E_ON] > 0.0:
        rows.append([fl.engines[ENGINE_CORE, lf.E_F_VAC], fl.engines[ENGINE_CORE, lf.E_MDOT],
                     fl.burnout_tau(ENGINE_CORE) - fl.tau, v.core.dry_kg])
        rows.append([0.0, 0.0, fl.plan.upper_ignition_delay_s, 0.0])
    elif ignite_tau > fl.tau:
        rows.append([0.0, 0.0, ignite_tau - fl.tau, 0.0])
    up = fl.engines[ENGINE_UPPER]
    rows.append([up[lf.E_F_VAC], up[lf.E_MDOT], (v.upper.propellant_kg - fl.burned[ENGINE_UPPER]) / up[lf.E_MDOT], 0.0])
    return np.array(rows)


def time_windows(fl: Flyer, ignite_tau, tau_cut):
    """The stretches of thrust a cut-off can fall in, as time-to-go windows (s) from now, the one
    of the last solution's cut-off ``tau_cut`` first: while the core burns, before its burnout
    (the guidance then shuts it down) or after the upper stage's ignition; while waiting for the
    ignition, after it; else from now on."""
    if fl.engines[ENGINE_CORE, lf.E_ON] > 0.0:
        core_left = fl.burnout_tau(ENGINE_CORE) - fl.tau
        core, upper = (0.0, core_left), (core_left + fl.plan.upper_ignition_delay_s, np.inf)
        beyond = tau_cut is not None and tau_cut > fl.tau + core_left
        return [upper, core] if beyond else [core, upper]
    return [(max(ignite_tau - fl.tau, 0.0), np.inf)]


def initial_solution(fl: Flyer, stages, window):
    """A first guess: thrust along the inertial velocity raised 10 deg, no turning, and the time to
    go nine tenths of the way through the stretch of thrust ``window`` (the upper stage's
    propellant its end when it has none)."""
    r, v = fl.y[0:3], fl.y[3:6]
    up = r / np.linalg.norm(r)
    along = v / np.linalg.norm(v)
    lam = along + np.tan(np.radians(10.0)) * (up - np.dot(up, along) * along)
    t_lo, t_hi = window
    t_go = t_lo + 0.9 * (min(t_hi, float(np.sum(stages[:, lg.S_TIME]))) - t_lo)
    return np.concatenate([lam / np.linalg.norm(lam), np.zeros(3), [t_go]]), r.copy()


def advanced(control, tau, tau_cut):
    """The steering flying (``control``'s vector law) as a solution at ``tau``: (lambda there,
    lambda_dot, time to go to ``tau_cut``)."""
    dt = tau - control[lf.K_TAU_LAMBDA]
    lam_dot = control[lf.K_LAMBDA_DOT:lf.K_LAMBDA_DOT + 3]
    return np.concatenate([control[lf.K_LAMBDA:lf.K_LAMBDA + 3] + dt * lam_dot, lam_dot, [tau_cut - tau]])


def solve_cycle(fl: Flyer, target, stages, ignite_tau, tau_cut, iterations, first_iterations):
    """One guidance cycle: the steering re-solved in each stretch of thrust of `time_windows` in
    turn until one converges (the first cycle from `initial_solution` and again from each
    solution's predicted cut-off, `FIRST_SOLVES` times; later ones from the steering flying, with
    ``iterations``, then with ``first_iterations`` when no stretch converged: after a jump of the
    mass the predictor does not foresee, the fairing's jettison, the root may have moved further
    than a few iterations go, or into the other stretch). Returns (status, largest error,
    solution, window)."""
    status, worst, trial, window = lg.NO_SOLUTION, np.inf, None, None
    for count in ((first_iterations,) if tau_cut is None else (iterations, first_iterations)):
        for window in time_windows(fl, ignite_tau, tau_cut):
            if tau_cut is None:
                trial, r_final = initial_solution(fl, stages, window)
            else:
                trial, r_final = advanced(fl.control, fl.tau, tau_cut), fl.r_final.copy()
            for _ in range(FIRST_SOLVES if tau_cut is None else 1):
                status, _, worst = lg.solve_guidance_hf(fl.grav, target, stages, fl.y, trial, r_final, count,
                                                       CYCLE_TOLERANCE, fl.gws, *window)
            if status != lg.NO_SOLUTION and worst <= CYCLE_KEEP:
                fl.r_final = r_final
                return status, worst, trial, window
    return status, worst, trial, window


def guided_burn(fl: Flyer, target, name, first_iterations=40):
    """Closed-loop vacuum guidance from now to ``target``'s cut-off; ``name`` the cut-off event."""
    plan = fl.plan
    c = fl.control
    ignite_tau = -1.0
    tau_cut = None
    window = (0.0, np.inf)
    freeze = FREEZE_ORBIT_S if int(target[0]) == lg.TARGET_ORBIT else FREEZE_S
    while tau_cut is None or fl.tau < tau_cut - 1e-9:
        stages = stage_rows(fl, ignite_tau)
        if tau_cut is None or tau_cut - fl.tau > freeze:
            status, worst, trial, solved_in = solve_cycle(fl, target, stages, ignite_tau, tau_cut, CYCLE_ITERATIONS,
                                                          first_iterations)
            if tau_cut is None and status != lg.CONVERGED:
                raise FarsideValueError(name, f"{worst:.3g} m or m/s off",
                                        "a cut-off the stages can reach (guidance found no solution)")
            fl.out.cycles += 1
            if status == lg.NO_SOLUTION or worst > CYCLE_KEEP:
                fl.out.kept_cycles += 1
            else:
                if tau_cut is not None:
                    fl.out.worst_cycle_error = max(fl.out.worst_cycle_error, worst)
                window = solved_in
                c[lf.K_LAMBDA:lf.K_LAMBDA + 3] = trial[0:3]
                c[lf.K_LAMBDA_DOT:lf.K_LAMBDA_DOT + 3] = trial[3:6]
                c[lf.K_TAU_LAMBDA] = fl.tau
                tau_cut = fl.tau + trial[6]
                fl.refresh_piece_start()
        else:
            t_lo, t_hi = window
            since = fl.tau - c[lf.K_TAU_LAMBDA]
            tau_cut = fl.tau + lg.cutoff_time_hf(fl.grav, target, stages, fl.y, advanced(c, fl.tau, tau_cut), fl.gws,
                                                 t_lo - since, t_hi - since)
        next_tau = min(fl.tau + plan.guidance_cycle_s, tau_cut)
        if fl.engines[ENGINE_CORE, lf.E_ON] > 0.0:
            next_tau = min(next_tau, fl.burnout_tau(ENGINE_CORE))
        if ignite_tau > fl.tau:
            next_tau = min(next_tau, ignite_tau)
        if fl.engines[ENGINE_UPPER, lf.E_ON] > 0.0 and int(c[lf.K_MODE]) != lf.MODE_COAST:
            if fl.burnout_tau(ENGINE_UPPER) <= fl.tau + 1e-9:
                raise FarsideValueError(name, f"{tau_cut - fl.tau:.3g} s to go",
                                        "a cut-off before the upper stage's propellant runs out")
            next_tau = min(next_tau, fl.burnout_tau(ENGINE_UPPER))
        if next_tau <= fl.tau + 1e-9:
            break       # the time to go is below the flight's time resolution: cut off now
        fl.fly_to(next_tau, plan.step_vacuum_s)
        if fl.engines[ENGINE_CORE, lf.E_ON] > 0.0 and fl.tau >= fl.burnout_tau(ENGINE_CORE) - 1e-9:
            fl.engines[ENGINE_CORE, lf.E_ON] = 0.0
            fl.out.propellant_left_kg["core"] = fl.vehicle.core.propellant_kg - fl.burned[ENGINE_CORE]
            c[lf.K_MODE] = lf.MODE_COAST
            fl.drop(fl.vehicle.core.dry_kg, "core cut-off and separation")
            ignite_tau = fl.tau + plan.upper_ignition_delay_s
        elif 0.0 < ignite_tau <= fl.tau + 1e-9 and int(c[lf.K_MODE]) == lf.MODE_COAST:
            fl.engines[ENGINE_UPPER, lf.E_ON] = 1.0
            c[lf.K_MODE] = lf.MODE_VECTOR_LAW
            fl.new_piece()
            fl.event("upper-stage ignition")
    c[lf.K_MODE] = lf.MODE_COAST
    fl.out.propellant_left_kg[name] = fl.vehicle.upper.propellant_kg - fl.burned[ENGINE_UPPER]
    fl.new_piece()
    fl.event(name)
    if fl.engines[ENGINE_CORE, lf.E_ON] > 0.0:
        core_cut_off(fl)


def core_cut_off(fl: Flyer):
    """The cut-off came while the core still burns (a stack with energy to spare): the guidance
    shuts the core down and it separates with what it has left; the upper stage is still full."""
    fl.engines[ENGINE_CORE, lf.E_ON] = 0.0
    left = fl.vehicle.core.propellant_kg - fl.burned[ENGINE_CORE]
    fl.out.propellant_left_kg["core"] = left
    fl.drop(fl.vehicle.core.dry_kg + left, "core cut-off and separation", f"{left:.0f} kg of propellant left")


def ascend(fl: Flyer):
    """Lift-off to the parking-orbit insertion."""
    atmospheric_phase(fl)
    fl.control[lf.K_MODE] = lf.MODE_VECTOR_LAW
    fl.event("closed-loop guidance")
    guided_burn(fl, fl.plan.parking_target, "parking-orbit insertion")


def coast(fl: Flyer):
    """The parking-orbit coast, to the relight."""
    fl.fly_to(fl.tau + fl.plan.coast_s, fl.plan.step_coast_s)


def inject(fl: Flyer):
    """The relight, the burn to the trans-lunar injection and the wait to the spacecraft's separation."""
    plan = fl.plan
    fl.engines[ENGINE_UPPER, lf.E_ON] = 1.0
    fl.control[lf.K_MODE] = lf.MODE_VECTOR_LAW
    fl.new_piece()
    fl.event("upper-stage relight")
    target = plan.injection_target if plan.injection_lead_rad is None else \
        perigee_ahead(plan.injection_target, fl.y[0:3], plan.injection_lead_rad)
    fl.out.injection_target = target
    guided_burn(fl, target, "trans-lunar injection")
    fl.fly_to(fl.tau + plan.separation_delay_s, plan.step_coast_s)
    fl.event("spacecraft separation")


LEGS = (("parking", ascend), ("relight", coast), ("separation", inject))
"""The flight's legs, each named by the checkpoint at its end (`ascent_memo.CHECKPOINTS`)."""


def fly(fa, grav, vehicle: LaunchVehicle, plan: AscentPlan, y0, to_parking=False, reuse=True) -> AscentFlight:
    """The whole flight from ``y0`` (on the pad at ``tau = 0``) to spacecraft separation, or (with
    ``to_parking``) to the parking-orbit insertion. With ``reuse`` it resumes from the latest
    checkpoint of the same inputs (`ascent_memo`: the same bits), each leg after it flown and its
    checkpoint kept; else it flies from the pad and keeps none."""
    legs = LEGS[:1] if to_parking else LEGS
    fl, done, keys = None, 0, [None] * len(legs)
    if reuse:
        tunings = (HISTORY_ROWS, FREEZE_S, FREEZE_ORBIT_S, CYCLE_TOLERANCE, CYCLE_KEEP, CYCLE_ITERATIONS, FIRST_SOLVES)
        keys = ascent_memo.checkpoint_keys(fa, grav, vehicle, plan, y0, to_parking, tunings)[:len(legs)]
        fl, done = ascent_memo.resume_latest([kind for kind, _ in legs], keys, fa=fa, grav=grav, vehicle=vehicle,
                                             plan=plan)
    if fl is None:
        fl = Flyer(fa, grav, vehicle, plan, y0)
    for (kind, leg), key in zip(legs[done:], keys[done:]):
        leg(fl)
        if reuse:
            ascent_memo.keep(kind, key, fl, FLYER_INPUTS)
    fl.out.n_rows = fl.n
    return fl.out
