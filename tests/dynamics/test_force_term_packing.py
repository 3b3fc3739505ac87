"""Force terms that pack themselves: a term defined outside farside flies through the same kernels,
terms are summed in rank order whatever the list's order, and a model compiles only its own terms."""
from dataclasses import dataclass

import numpy as np

import farside as fs
from farside.core.force_model import BUF_SIZE, derivatives_hf, float_array_hf, scratch_rows_hf
from farside.dynamics.forces import ForceTerm

T0 = fs.Epoch("2024-06-01T00:00:00", "tdb")


def _uniform_acceleration_term(ints_a, n_ints, reals_a, n_reals, field_a, n_field, i0, r0, p_a, p_rows, p_cols,
                               trig_a, trig_cols, buf_a, t1, t2, y_a, dy_a):
    reals = float_array_hf(reals_a, n_reals)
    dy = float_array_hf(dy_a, 7)
    for i in range(3):
        dy[3 + i] += reals[r0 + i]


@dataclass(frozen=True)
class UniformAcceleration(ForceTerm):
    """A constant inertial acceleration (m/s^2): a term written outside farside."""
    acceleration_m_s2: tuple
    rank = 70

    def pack(self, packing):
        packing.add(UniformAcceleration, _uniform_acceleration_term, (), self.acceleration_m_s2)


def _derivative(model, y):
    fa = model.arrays(T0.tdb_seconds)
    rows = scratch_rows_hf(fa) + 2
    dy = np.empty(7)
    derivatives_hf(fa, np.empty((rows, rows)), np.empty((2, rows)), np.empty(BUF_SIZE), T0.tdb_seconds, 0.0, y, dy)
    return dy


def test_a_new_term_class_is_flown_without_editing_farside():
    a = np.array([1e-3, -2e-3, 5e-4])
    y = np.array([4e8, 1e8, -2e8, 10.0, 20.0, 30.0, 900.0])
    plain = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun"))]), y)
    dy = _derivative(fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun")), UniformAcceleration(tuple(a))]), y)
    # the gravity here is ~1e-5 m/s^2: adding a loses at most an ulp of it, 1e-21
    assert np.allclose(dy[3:6] - plain[3:6], a, rtol=0.0, atol=1e-20)
    assert np.array_equal(dy[0:3], y[3:6]) and dy[6] == 0.0
    start = fs.State(T0, y[0:3], y[3:6], 900.0, "moon")
    seg = fs.propagate(start, duration_s=60.0, forces=fs.ForceModel("moon", [UniformAcceleration(tuple(a))]),
                       rtol=1e-13, atol=1e-9, dense=False)
    free = fs.propagate(start, duration_s=60.0, rtol=1e-13, atol=1e-9, dense=False)
    # 0.5 a t^2 and a t: measured 1.2e-8 m (two roundings of positions of 4e8 m, ulp 6e-8 m) and
    # 4e-12 m/s; the Moon's pull changes by ~1e-13 m/s^2 over the 4 m offset
    final, free_final = seg.final_state(), free.final_state()
    assert np.allclose(final.r_m - free_final.r_m, 0.5 * a * 60.0 ** 2, rtol=0.0, atol=6e-8)
    assert np.allclose(final.v_m_s - free_final.v_m_s, a * 60.0, rtol=0.0, atol=2e-11)


def test_terms_are_summed_in_rank_order_whatever_the_list_order():
    field = fs.gravity.load("GRGM1200A", 6)
    terms = [fs.Thrust(300.0, 310.0, (0.1, 1.0, 0.2), "VNC"), fs.SolarRadiationPressure(1.3, 4.0),
             fs.ThirdBodies(("earth", "sun")), fs.SphericalHarmonics(field), fs.Schwarzschild()]
    y = np.array([1.9e6, 2e5, -3e5, 50.0, 1500.0, 300.0, 1200.0])
    forward = _derivative(fs.ForceModel("moon", terms), y)
    backward = _derivative(fs.ForceModel("moon", terms[::-1]), y)
    assert np.array_equal(forward, backward)


def test_a_model_asks_only_for_its_own_terms_kernels_and_nrlmsis_only_with_drag(monkeypatch):
    # kernels are compiled when first asked for (farside.core.jit.compiled_address): record the asks
    from farside.dynamics import nrlmsis
    from farside.dynamics.forces import term
    asked = []
    monkeypatch.setattr(term, "compiled_address", lambda kernel, signature: asked.append(kernel.__name__) or 1)
    monkeypatch.setattr(nrlmsis, "model", lambda: asked.append("NRLMSIS") or 1)
    field = fs.gravity.load("GRGM1200A", 4)
    fs.ForceModel("moon", [fs.SphericalHarmonics(field, fs.UniformRotation(2.66e-6)),
                           fs.ThirdBodies(("earth",))]).pack()
    assert asked == ["field_spin_term", "third_bodies_term"]
    asked.clear()
    fs.ForceModel("earth", [fs.Drag(2.2, 4.0, "USSA76")]).pack()
    assert asked == ["drag_ussa76_term"]
    asked.clear()
    fs.ForceModel("earth", [fs.Drag(2.2, 4.0)]).pack()
    assert asked == ["NRLMSIS", "drag_msis_term"]


def test_an_evaluations_shared_ephemeris_states_do_not_outlive_it():
    """Third bodies and radiation pressure share each body's ephemeris state within one evaluation
    (the force sum empties the shared states at each): a scratch last used about another centre at
    the same epoch gives the bits of a fresh one."""
    y = np.array([1.2e6, -1.1e6, 0.9e6, 900.0, 1200.0, -300.0, 1000.0])
    about_moon = fs.ForceModel("moon", [fs.ThirdBodies(("earth", "sun")), fs.SolarRadiationPressure(1.3, 20.0)])
    about_earth = fs.ForceModel("earth", [fs.ThirdBodies(("moon", "sun")), fs.SolarRadiationPressure(1.3, 20.0)])
    fresh = _derivative(about_moon, y)
    buf = np.full(BUF_SIZE, np.nan)
    for model in (about_earth, about_moon):
        fa = model.arrays(T0.tdb_seconds)
        rows = scratch_rows_hf(fa) + 2
        dy = np.empty(7)
        derivatives_hf(fa, np.empty((rows, rows)), np.empty((2, rows)), buf, T0.tdb_seconds, 0.0, y, dy)
    assert np.array_equal(dy, fresh)
