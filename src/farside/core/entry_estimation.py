"""On-line estimates of the flown atmosphere and lift, by which the entry predictor scales its model.

FNPEG's adaptive scheme (Lu, Brunner, Stachowiak, Mendeck, Tigges & Cerimele 2017, "Verification
of a fully numerical entry guidance algorithm", J. Guid. Control Dyn. 40(2), §II.D; Lu 2014, J.
Guid. Control Dyn. 37(3), §V): the aerodynamic acceleration the accelerometers sense is compared,
each guidance cycle, with the one the on-board model gives at the same state, and the ratios pass
through first-order fading-memory filters ``k <- k + gain (measured - k)``; the predictor then
flies its model times the filtered ratios.

- Density: the flown density over the predictor's (USSA76) at the current point; the sensed drag
  ``D = rho V^2 C_D S / 2m`` gives the flown density for the known drag coefficient and mass.
- Lift: the sensed lift-to-drag ratio over the model's ``C_L / C_D`` at the current Mach number, a
  factor on the predictor's lift coefficient. Lift and drag are the sensed acceleration's parts
  across and along the Earth-relative velocity (the state derivative less gravity), so the density
  and the mass cancel and the estimate is the flown lift's own.

Both are updated only where the model's density exceeds ``DENSITY_FLOOR`` (~95 km): above it the
drag is too small to measure by.
"""
import numpy as np

from farside.core.atmospheric_flight import (B_DENSITY, B_SOUND_SPEED, R_DENSITY_FACTOR, R_LIFT_FACTOR,
                                             aero_coefficients_hf, gravity_hf, rk4_stages_hf)
from farside.core.jit import jit

DENSITY_GAIN = 0.1
"""Gain of the density ratio's filter per guidance cycle (a memory of ~10 cycles)."""
LIFT_GAIN = 0.1
"""Gain of the lift factor's filter per guidance cycle."""
DENSITY_FLOOR = 1e-6
"""kg/m^3 (~95 km): above this height the drag is too small to measure the density by."""


@jit(_nrt=False, inline="always")
def sensed_aerodynamics_hf(fa, p, trig, buf, y, dy, v_rel, scratch):
    """(lift, drag) in m/s^2 that an accelerometer senses: ``dy`` (the flown derivative, its
    atmosphere and rotation left in ``buf``) less gravity, split along and across ``v_rel``."""
    rot = buf[0:9].reshape((3, 3))
    gravity_hf(fa, p, trig, rot, buf[9:12], y[0:3], buf, scratch)
    speed = np.sqrt(v_rel[0] ** 2 + v_rel[1] ** 2 + v_rel[2] ** 2)
    a0 = dy[3] - scratch[0]
    a1 = dy[4] - scratch[1]
    a2 = dy[5] - scratch[2]
    drag = -(a0 * v_rel[0] + a1 * v_rel[1] + a2 * v_rel[2]) / speed
    lift = np.sqrt(max(a0 * a0 + a1 * a1 + a2 * a2 - drag * drag, 0.0))
    return lift, drag


@jit(_nrt=False, inline="always")
def update_estimates_hf(fa_pred, ws, tau, y, speed, rho_flown, lift, drag):
    """One cycle of both filters at ``(tau, y)`` (Earth-relative ``speed`` m/s): the density ratio
    from ``rho_flown`` (kg/m^3), the lift factor from the sensed ``lift`` and ``drag`` (m/s^2);
    written into the predictor's ``reals`` (``R_DENSITY_FACTOR``, ``R_LIFT_FACTOR``). The model's
    atmosphere at ``y`` is its derivative's (:func:`rk4_stages_hf`'s stage 0, which compiles no
    second copy of the derivative), the rest of it left in the predictor's workspace ``ws``."""
    p, trig, buf, v_rel, k, _, y_stage, y_new, control, _ = ws
    rk4_stages_hf(fa_pred, control, p, trig, buf, v_rel, tau, y, 0.0, k, y_stage, y_new, np.int64(0), np.int64(1))
    rho_model = buf[B_DENSITY] / fa_pred.reals[R_DENSITY_FACTOR]
    if rho_model <= DENSITY_FLOOR or drag <= 0.0:
        return
    f = fa_pred.reals[R_DENSITY_FACTOR]
    fa_pred.reals[R_DENSITY_FACTOR] = f + DENSITY_GAIN * (rho_flown / rho_model - f)
    cd, cl = aero_coefficients_hf(fa_pred, speed / buf[B_SOUND_SPEED])
    if cl > 0.0:
        k = fa_pred.reals[R_LIFT_FACTOR]
        fa_pred.reals[R_LIFT_FACTOR] = k + LIFT_GAIN * (lift / drag * cd / cl - k)
