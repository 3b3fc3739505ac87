"""farside on the benchmark cases: ``prepare_<case>()`` returns ``run()``, which returns the
final position(s) (m) and the number of force evaluations."""
import warnings

import numpy as np

import farside as fs
from bench import cases

NAME = "farside (DOP853)"


def _t0():
    return fs.Epoch(cases.EPOCH_TDB, "tdb")


def lunar_model(case):
    """(ForceModel, field GM) of a lunar case."""
    field = cases.field(case.degree)
    t0 = _t0()
    if case.real_frame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the field flown in DE440's PA frame, as the peers do
            terms = [fs.SphericalHarmonics(field, "MOON_PA"), fs.ThirdBodies(("earth", "sun"))]
            return fs.ForceModel("moon", terms), field.gm_m3_s2
    terms = [fs.SphericalHarmonics(field, fs.UniformRotation(cases.OMEGA, t0.tdb_seconds))]
    return fs.ForceModel("moon", terms), field.gm_m3_s2


def prepare_lunar(case, rtol=cases.RTOL, atol=cases.ATOL):
    model, gm = lunar_model(case)
    y0 = cases.lunar_start(gm)
    start = fs.State(_t0(), y0[:3], y0[3:], 1000.0, "moon")

    def run():
        seg = fs.propagate(start, duration_s=case.duration_s, forces=model, rtol=rtol, atol=atol, dense=False)
        return seg.final_state().r_m, seg.n_evaluations
    return run


def leo_model():
    """Point-mass Earth with case C's mu."""
    return fs.ForceModel("earth", [], central_gm_m3_s2=cases.MU_EARTH_OREKIT)


def prepare_leo():
    y0 = cases.leo_start()
    model = leo_model()
    start = fs.State(_t0(), y0[:3], y0[3:], 1000.0, "earth")
    grid = _t0().tdb_seconds + cases.leo_grid()

    def run():
        seg = fs.propagate(start, duration_s=cases.C_DURATION, forces=model, rtol=cases.RTOL, atol=cases.ATOL,
                           dense=False, outputs=grid)
        return seg.outputs[-1, :3], seg.n_evaluations
    return run


def prepare_dispersed(rtol=cases.RTOL, atol=cases.ATOL):
    model, gm = lunar_model(cases.Case("D", 20, cases.D_DURATION))
    t0 = _t0()
    starts = [fs.State(t0, y[:3], y[3:], 1000.0, "moon") for y in cases.dispersed_starts(gm)]

    def run():
        segs = fs.propagate_batch(starts, duration_s=cases.D_DURATION, forces=model, rtol=rtol, atol=atol,
                                  dense=False, lanes=True)
        return np.array([s.final_state().r_m for s in segs]), sum(s.n_evaluations for s in segs)
    return run
