"""The atmospheric-flight kernel against closed forms: Allen-Eggers ballistic entry (exponential
atmosphere, non-rotating flat Earth), the equilibrium glide of a lifting entry, Bowring's geodetic
height against the iterated one, and its uniformly turning Earth against farside's ITRF93."""
import numpy as np
import pytest

from farside.astro import frames
from farside.core import atmospheric_flight as kernel
from farside.core.geodesy import geodetic_from_fixed_hf
from farside.dynamics.atmospheric_flight import FlightModel

H_SCALE = 7200.0
RHO0 = 1.225


def _model(c_l, radius, gm, **kw):
    return FlightModel([0.0, 100.0], [1.0, 1.0], [c_l, c_l], 1.0, atmosphere="exponential", gravity_degree=None,
                       gm_m3_s2=gm, spin_rate_rad_s=0.0, equatorial_radius_m=radius, flattening=0.0,
                       exponential_rho0_kg_m3=RHO0, exponential_scale_height_m=H_SCALE, **kw)


def _fly(arrays, y0, dt, stop):
    """RK4 steps of ``dt`` until ``stop(y, dy)``; the nodes and their derivatives."""
    degree = max(int(arrays.ints[kernel.I_FIELD_DEGREE]), 1)
    p, trig = np.empty((degree + 3, degree + 3)), np.empty((2, degree + 1))
    buf, v_rel, k = np.zeros(kernel.BUF_SIZE), np.empty(3), np.empty((4, 7))
    control = np.zeros(kernel.N_CONTROLS)
    y, y_stage, y_new = y0.copy(), np.empty(7), np.empty(7)
    ys, fs, tau = [], [], 0.0
    while True:
        kernel.flight_derivatives_hf(arrays, control, p, trig, buf, v_rel, tau, y, k[0])
        ys.append(y.copy())
        fs.append(k[0].copy())
        if stop(y, k[0]):
            return np.array(ys), np.array(fs)
        kernel.rk4_stages_hf(arrays, control, p, trig, buf, v_rel, tau, y, dt, k, y_stage, y_new, 1, 4)
        y[:] = y_new
        tau += dt


def test_ballistic_entry_matches_allen_eggers():
    # Allen & Eggers (1958, NACA TR 1381): with no gravity, a straight path at angle gamma and
    # rho = rho0 exp(-h/H), the deceleration peaks at V_E^2 sin(gamma) / (2 e H) where V = V_E e^-1/2.
    # A 1e12 m Earth without GM or rotation is flat to 0.05 m over the 400 km flown.
    radius, v_e, gamma, beta = 1e12, 7500.0, np.radians(12.0), 300.0
    y0 = np.array([radius + 120e3, 0.0, 0.0, -v_e * np.sin(gamma), v_e * np.cos(gamma), 0.0, beta])
    ys, fs = _fly(_model(0.0, radius, 0.0).arrays(0.0), y0, 0.01, lambda y, dy: np.linalg.norm(y[:3]) - radius < 15e3)
    decel = np.linalg.norm(fs[:, 3:6], axis=1)
    i = int(np.argmax(decel))
    a, b, c = decel[i - 1:i + 2]
    shift = 0.5 * (a - c) / (a - 2 * b + c)
    peak = b - 0.25 * (a - c) * shift
    speed = np.linalg.norm(ys[i - 1:i + 2, 3:6], axis=1)
    speed_at_peak = speed[1] + 0.5 * shift * (speed[2] - speed[0])
    # the issue asks for 1 %; measured 2e-6 and 3e-6 (the 0.01 s RK4 steps and the peak's
    # parabola), so 1e-4 leaves a margin of ~30 and still fails on any modelling slip
    assert peak == pytest.approx(v_e ** 2 * np.sin(gamma) / (2.0 * np.e * H_SCALE), rel=1e-4)
    assert speed_at_peak == pytest.approx(v_e * np.exp(-0.5), rel=1e-4)


def test_lifting_entry_follows_the_equilibrium_glide():
    # Equilibrium glide at constant L/D, bank 0 (Vinh, Busemann & Culp 1980, §9): lift balances
    # weight less centrifugal force, rho = 2 m (g - V^2/r) / (C_L S V^2), and the range from V1 to
    # V2 is s = (r L/D / 2) ln((g r - V2^2) / (g r - V1^2)). The start is on the glide, with its
    # flight-path angle sin(gamma) = -2 H g / (V^2 L/D) (differentiating the balance). L/D = 2,
    # where the closed form's neglect of the path's steepening is smallest.
    gm, radius, lift_to_drag, mass = 3.986004418e14, 6378137.0, 2.0, 400.0
    v1, v2 = 7000.0, 3000.0
    r1 = radius + 70e3
    for _ in range(3):
        rho_eq = 2.0 * mass * (gm / r1 ** 2 - v1 ** 2 / r1) / (lift_to_drag * v1 ** 2)
        r1 = radius - H_SCALE * np.log(rho_eq / RHO0)
    gamma = np.arcsin(-2.0 * H_SCALE * gm / r1 ** 2 / (v1 ** 2 * lift_to_drag))
    y0 = np.array([r1, 0.0, 0.0, v1 * np.sin(gamma), v1 * np.cos(gamma), 0.0, mass])
    ys, _ = _fly(_model(lift_to_drag, radius, gm).arrays(0.0), y0, 0.05, lambda y, dy: np.linalg.norm(y[3:6]) < v2)
    r = np.linalg.norm(ys[:, :3], axis=1)
    speed = np.linalg.norm(ys[:, 3:6], axis=1)
    g = gm / r ** 2
    h_eq = -H_SCALE * np.log(2.0 * mass * (g - speed ** 2 / r) / (lift_to_drag * speed ** 2) / RHO0)
    # measured: within 60 m of the equilibrium height all along (the path steepens, so it flies a
    # little above it); 150 m is ~2.5 times that
    assert np.max(np.abs(r - radius - h_eq)) < 150.0
    r_mean, g_mean = np.mean(r), gm / np.mean(r) ** 2
    closed = 0.5 * r_mean * lift_to_drag * np.log((g_mean * r_mean - v2 ** 2) / (g_mean * r_mean - v1 ** 2))
    # measured 1.3 % longer than the closed form (the height above equilibrium and gravity's
    # along-track share); 2 % pins it
    assert np.arctan2(ys[-1, 1], ys[-1, 0]) * r_mean == pytest.approx(closed, rel=2e-2)


def test_bowring_height_matches_the_iterated_geodetic_height():
    rng = np.random.default_rng(3)
    a, f = 6378137.0, 1.0 / 298.257223563
    worst = 0.0
    for _ in range(2000):
        lat, lon, h = rng.uniform(-1.5, 1.5), rng.uniform(-3.0, 3.0), rng.uniform(-500.0, 1e6)
        e2 = f * (2 - f)
        n = a / np.sqrt(1 - e2 * np.sin(lat) ** 2)
        x, y = (n + h) * np.cos(lat) * np.cos(lon), (n + h) * np.cos(lat) * np.sin(lon)
        z = (n * (1 - e2) + h) * np.sin(lat)
        ref = geodetic_from_fixed_hf(x, y, z, a, f)
        got = kernel.geodetic_bowring_hf(x, y, z, a, f)
        worst = max(worst, abs(got[2] - ref[2]), abs(got[0] - ref[0]) * a)
    assert worst < 1e-2   # measured 5.7 mm at 1,000 km, sub-mm below 300 km


def test_uniform_rotation_stays_on_itrf93_for_an_hour():
    # R3(w tau) R(t0) against farside's ITRF93 (NAIF high-precision EOP) 3,600 s later: measured
    # 6.0e-7 rad (3.8 m on the ground): the spin is about the ITRF z axis, not the true pole,
    # which polar motion (~0.4") puts elsewhere; 1e-6 pins it
    t0 = 772_500_000.0
    model = FlightModel([0.0, 100.0], [1.0, 1.0], [0.0, 0.0], 1.0, atmosphere="USSA76")
    arrays = model.arrays(t0)
    rot = np.empty((3, 3))
    kernel.earth_fixed_rotation_hf(arrays, 3600.0, rot)
    exact = frames.rotation("GCRF", "ITRF93", t0 + 3600.0)
    angle = np.arccos(np.clip((np.trace(rot @ exact.T) - 1.0) / 2.0, -1.0, 1.0))
    assert angle < 1e-6


def test_closed_form_j2_matches_the_zonal_degree_2_field():
    # the predictor's point mass and J2 against EGM2008 to degree 2 with C21, S21, C22, S22 set to
    # zero (the spherical-harmonic recursion): the same acceleration to rounding, measured 4e-13
    # of the J2 term; 1e-11 allows the recursion's other rounding
    base = FlightModel([0.0, 1.0], [1.0, 1.0], [0.0, 0.0], 1.0)
    zonal = base.replace(gravity_degree=2).arrays(7.7e8)
    c, s = zonal.c.copy(), zonal.s.copy()
    c[2, 1:] = s[2, 1:] = 0.0
    zonal = zonal._replace(c=c, s=s)
    closed = base.replace(gravity_degree="J2").arrays(7.7e8)

    def acceleration(arrays, r):
        buf, out = np.zeros(kernel.BUF_SIZE), np.empty(3)
        rot = buf[0:9].reshape(3, 3)
        kernel.earth_fixed_rotation_hf(arrays, 0.0, rot)
        buf[9:12] = rot @ r
        kernel.gravity_hf(arrays, np.empty((5, 5)), np.empty((2, 3)), rot, buf[9:12], r, buf, out)
        return out

    for r in ([6.5e6, 1e6, 2e6], [1e6, -2e6, 6.1e6], [3e6, 5e6, -3e6]):
        r = np.array(r)
        a_zonal, a_closed = acceleration(zonal, r), acceleration(closed, r)
        j2_part = np.linalg.norm(a_zonal + closed.reals[kernel.R_GM] * r / np.linalg.norm(r) ** 3)
        assert np.linalg.norm(a_zonal - a_closed) < 1e-11 * j2_part


def test_tabulated_ussa76_matches_the_standard():
    # ln(density) and the speed of sound linear between rows 250 m apart, against the standard
    # itself between the rows (-5 to 250 km): measured 6.0e-4 in density where a row pair straddles
    # a kink of the temperature profile (11, 47, 51 km), 1.5e-4 at 90-120 km, 1e-5 elsewhere
    # above 86 km, and 0.098 m/s in the speed of sound (at the same kinks); pinned at 7e-4, 2e-4
    # and 0.12 m/s
    from farside.core.ussa76 import density_hf
    table = FlightModel([0.0, 100.0], [1.0, 1.0], [0.0, 0.0], 1.0, atmosphere="USSA76 tabulated").arrays(7.7e8)
    exact = FlightModel([0.0, 100.0], [1.0, 1.0], [0.0, 0.0], 1.0, atmosphere="USSA76").arrays(7.7e8)
    buf = np.zeros(kernel.BUF_SIZE)
    worst_rho, worst_upper, worst_sound = 0.0, 0.0, 0.0
    for h in np.arange(-5000.0, 250000.0, 37.0):
        rho, sound, pressure = kernel.atmosphere_hf(table, buf, 0.0, 0.0, 0.0, h)
        rho_x, sound_x, _ = kernel.atmosphere_hf(exact, buf, 0.0, 0.0, 0.0, h)
        assert rho_x == density_hf(h)
        worst_rho = max(worst_rho, abs(rho / rho_x - 1.0))
        worst_upper = max(worst_upper, abs(rho / rho_x - 1.0) if h > 86000.0 else 0.0)
        worst_sound = max(worst_sound, abs(sound - sound_x))
        assert abs(pressure - rho * sound * sound / 1.4) <= 1e-12 * pressure
    assert worst_rho < 7e-4 and worst_upper < 2e-4 and worst_sound < 0.12


def test_radial_height_is_within_0_6_m_of_the_geodetic_below_100_km():
    # h (f sin 2 lat)^2 / 2 at 100 km is 0.57 m at 45 deg; measured 0.576 m over the grid
    a, f = 6378137.0, 1.0 / 298.257223563
    worst = 0.0
    for lat in np.radians(np.arange(-90.0, 90.1, 2.5)):
        for h in (0.0, 10e3, 50e3, 100e3):
            n = a / np.sqrt(1.0 - f * (2.0 - f) * np.sin(lat) ** 2)
            x, z = (n + h) * np.cos(lat), (n * (1.0 - f) ** 2 + h) * np.sin(lat)
            radial = kernel.radial_height_hf(x * np.cos(0.3), x * np.sin(0.3), z, a, f)
            worst = max(worst, abs(radial - h))
    assert 0.5 < worst < 0.6
