"""Orekit (orekit-jpype) on the benchmark cases: DormandPrince853 in a NumericalPropagator with
Cartesian orbit type, Newtonian attraction plus HolmesFeatherstoneAttractionModel.

Offline: no Orekit data folder is needed. Dates are in TAI (no leap-second file), GCRF needs no
EOP, the field is a constant provider built from farside's reading of GRGM1200A, and the
uniformly turning Moon frame is a small Java TransformProvider compiled here with javac against
Orekit's own jars (so no Python runs per force evaluation). B+ is left out: Orekit cannot read
the binary Moon PA kernel.
"""
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from bench import cases

NAME = "Orekit 13 (DP853)"
JAVA_SOURCE = Path(__file__).with_name("UniformRotationProvider.java")
_ready = {}


def start():
    """Compile the frame provider and start the JVM (once); returns the Java classes used."""
    if _ready:
        return _ready
    import orekit_jpype
    jars = Path(orekit_jpype.__file__).parent / "jars"
    build = Path(tempfile.mkdtemp(prefix="farside-bench-orekit-"))
    subprocess.run(["javac", "-d", str(build), "-cp", f"{jars}/*", str(JAVA_SOURCE)], check=True,
                   capture_output=True, text=True)
    orekit_jpype.initVM(additional_classpaths=[str(build)])
    import jpype
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.hipparchus.ode.nonstiff import DormandPrince853Integrator
    from org.orekit.forces.gravity import HolmesFeatherstoneAttractionModel
    from org.orekit.forces.gravity.potential import GravityFieldFactory, TideSystem
    from org.orekit.frames import Frame, FramesFactory
    from org.orekit.orbits import CartesianOrbit, OrbitType
    from org.orekit.propagation import SpacecraftState
    from org.orekit.propagation.numerical import NumericalPropagator
    from org.orekit.time import AbsoluteDate, TimeScalesFactory
    from org.orekit.utils import PVCoordinates
    _ready.update(jpype=jpype, Vector3D=Vector3D, DP853=DormandPrince853Integrator,
                  HF=HolmesFeatherstoneAttractionModel, GFF=GravityFieldFactory, TideSystem=TideSystem,
                  Frame=Frame, FramesFactory=FramesFactory, CartesianOrbit=CartesianOrbit, OrbitType=OrbitType,
                  SpacecraftState=SpacecraftState, NumericalPropagator=NumericalPropagator,
                  AbsoluteDate=AbsoluteDate, TAI=TimeScalesFactory.getTAI(), PV=PVCoordinates,
                  Provider=jpype.JClass("UniformRotationProvider"))
    return _ready


def _date(j):
    return j["AbsoluteDate"](2024, 6, 1, 0, 0, 0.0, j["TAI"])


def _propagator(j, y0, mu, date, force=None):
    integrator = j["DP853"](1e-6, 1e4, cases.ATOL, cases.RTOL)
    prop = j["NumericalPropagator"](integrator)
    prop.setOrbitType(j["OrbitType"].CARTESIAN)
    gcrf = j["FramesFactory"].getGCRF()
    pv = j["PV"](j["Vector3D"](*map(float, y0[:3])), j["Vector3D"](*map(float, y0[3:6])))
    prop.setInitialState(j["SpacecraftState"](j["CartesianOrbit"](pv, gcrf, date, float(mu)), 1000.0))
    if force is not None:
        prop.addForceModel(force)
    return prop, integrator


def _field_force(j, degree, date):
    field = cases.field(degree)
    jd = j["jpype"].JArray(j["jpype"].JDouble, 2)
    c = jd([list(map(float, field.c[n, :n + 1])) for n in range(degree + 1)])
    s = jd([list(map(float, field.s[n, :n + 1])) for n in range(degree + 1)])
    provider = j["GFF"].getNormalizedProvider(field.radius_m, field.gm_m3_s2, j["TideSystem"].UNKNOWN, c, s)
    moon = j["Frame"](j["FramesFactory"].getGCRF(), j["Provider"](date, cases.OMEGA), "MOON_UNIFORM", False)
    return j["HF"](moon, provider), field.gm_m3_s2


def _final(j, prop, integrator, date, duration):
    final = prop.propagate(date.shiftedBy(float(duration))).getPVCoordinates().getPosition()
    return np.array([final.getX(), final.getY(), final.getZ()]), int(integrator.getEvaluations())


def prepare_lunar(case):
    if case.real_frame:
        return None
    j = start()
    date = _date(j)
    force, gm = _field_force(j, case.degree, date)
    y0 = cases.lunar_start(gm)

    def run():
        prop, integrator = _propagator(j, y0, gm, date, force)
        return _final(j, prop, integrator, date, case.duration_s)
    return run


def prepare_leo():
    j = start()
    date = _date(j)
    y0 = cases.leo_start()

    def run():
        prop, integrator = _propagator(j, y0, cases.MU_EARTH_OREKIT, date)
        return _final(j, prop, integrator, date, cases.C_DURATION)
    return run


def prepare_dispersed():
    j = start()
    date = _date(j)
    force, gm = _field_force(j, 20, date)
    starts = cases.dispersed_starts(gm)

    def run():
        finals, evals = [], 0
        for y0 in starts:
            prop, integrator = _propagator(j, y0, gm, date, force)
            r, n = _final(j, prop, integrator, date, cases.D_DURATION)
            finals.append(r)
            evals += n
        return np.array(finals), evals
    return run
