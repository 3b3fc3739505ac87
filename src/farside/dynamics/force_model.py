"""A force model: a central body and a list of terms, packed for the compiled force sum.

    model = ForceModel("moon", [SphericalHarmonics(gravity.load("GRGM1200A", 100), "MOON_PA"),
                                ThirdBodies(("earth", "sun"))])

Without a :class:`SphericalHarmonics` term the central body is a point mass with its DE440 GM.
:meth:`ForceModel.arrays` returns the :class:`farside.core.force_model.ForceArrays` that the
propagation kernels take; building it again with other values reuses the compiled code.
"""
import warnings
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from farside.astro import bodies, ephemeris, frames, space_weather
from farside.astro.orientation import earth_itrf93, moon_pa
from farside.astro.time import Epoch
from farside.core import force_model as core
from farside.core.spherical_harmonics import recursion_coefficients
from farside.dynamics import nrlmsis
from farside.dynamics.forces import (THRUST_AXES, Drag, Schwarzschild, SolarRadiationPressure,
                                     SphericalHarmonics, ThirdBodies, Thrust, UniformRotation)
from farside.errors import FarsideValueError

_BODY_PCK = {301: moon_pa, 399: earth_itrf93}
_PCK_FRAMES = {"MOON_PA": 301, "MOON_ME": 301, "MOON_PA_DE430": 301, "ITRF93": 399}
_NO_PCK = (np.zeros(1), np.zeros((1, 4)), np.zeros((1, 4), dtype=np.int64), np.eye(3))
_NO_FIELD = np.zeros((1, 1))


EARTH_ROTATION_RATE_RAD_S = 7.292115e-5
"""WGS84 nominal mean angular velocity of the Earth (NIMA TR8350.2)."""


class FieldFrameWarning(UserWarning):
    """A gravity field is used in a realisation of its body-fixed frame other than its own."""


@dataclass
class ForceModel:
    """Central body (name or NAIF id) and force terms; ``central_gm_m3_s2`` replaces the
    point-mass GM of the central body (DE440's by default; a field brings its own)."""
    central_body: object
    terms: list = field(default_factory=list)
    central_gm_m3_s2: float | None = None

    def __post_init__(self):
        self.body = bodies.get(self.central_body)
        kinds = [type(t) for t in self.terms]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                raise FarsideValueError("terms", kind.__name__, "each kind of term at most once")
        allowed = (SphericalHarmonics, ThirdBodies, SolarRadiationPressure, Schwarzschild, Thrust, Drag)
        for term in self.terms:
            if not isinstance(term, allowed):
                raise FarsideValueError("terms", term, ", ".join(k.__name__ for k in allowed))
        if self.term(Drag) is not None and self.body.naif_id != 399:
            raise FarsideValueError("terms", "Drag", f"drag about the Earth only (central body: {self.body.name})")
        frame = self.field_frame()
        if isinstance(frame, str) and frame in _PCK_FRAMES:
            mismatch = self.term(SphericalHarmonics).field.frame_mismatch(frame)
            if mismatch:
                warnings.warn(mismatch, FieldFrameWarning, stacklevel=3)
        gm = self.central_gm_m3_s2
        if gm is not None and not (np.isfinite(gm) and gm > 0.0):
            raise FarsideValueError("central_gm_m3_s2", gm, "a finite GM > 0 m^3/s^2, or None")

    def term(self, kind):
        return next((t for t in self.terms if isinstance(t, kind)), None)

    def with_term(self, term):
        """A copy with ``term`` replacing the term of its kind (or added)."""
        kept = [t for t in self.terms if not isinstance(t, type(term))]
        return ForceModel(self.central_body, kept + [term], self.central_gm_m3_s2)

    def without(self, kind):
        return ForceModel(self.central_body, [t for t in self.terms if not isinstance(t, kind)],
                          self.central_gm_m3_s2)

    def field_frame(self):
        """The frame the field is flown in (name, ``"inertial"`` or `UniformRotation`), or None."""
        harmonics = self.term(SphericalHarmonics)
        if harmonics is None:
            return None
        return harmonics.frame if harmonics.frame is not None else default_frame(self.body, harmonics.field)

    def field_orientation(self):
        """The binary-PCK orientation the field's frame comes from, or None."""
        frame = self.field_frame()
        if isinstance(frame, str) and frame in _PCK_FRAMES:
            return self.body_orientation()
        return None

    def body_orientation(self):
        """The central body's binary-PCK orientation (Moon PA, Earth ITRF93), or None."""
        loader = _BODY_PCK.get(self.body.naif_id)
        return loader() if loader else None

    @property
    def gm_m3_s2(self) -> float:
        harmonics = self.term(SphericalHarmonics)
        if harmonics:
            return harmonics.field.gm_m3_s2
        return self.central_gm_m3_s2 if self.central_gm_m3_s2 is not None else self.body.gm_m3_s2

    def arrays(self, epoch_tdb_s: float = 0.0) -> core.ForceArrays:
        """The kernel's arrays; ``epoch_tdb_s`` (the segment start) fixes UTC - TDB for drag."""
        eph = ephemeris.default()
        ints = core.empty_ints()
        reals = np.zeros(core.N_REALS)
        ints[core.I_CENTER_ROW] = eph.index(self.body.naif_id)
        ints[core.I_SUN_ROW] = eph.index("sun")
        reals[core.R_GM] = self.gm_m3_s2
        reals[core.R_AU] = bodies.AU_M
        reals[core.R_SUN_RADIUS] = bodies.get("sun").equatorial_radius_m
        reals[core.R_C_LIGHT] = bodies.SPEED_OF_LIGHT_M_S
        c = s = a = b = k = _NO_FIELD
        offset = np.eye(3)
        harmonics = self.term(SphericalHarmonics)
        if harmonics is not None:
            c, s, a, b, k, offset = self._pack_field(harmonics, ints, reals)
        pck = _NO_PCK
        orientation = self.body_orientation()
        if orientation is not None:
            t = orientation.table
            ints[core.I_PCK_FIRST], ints[core.I_PCK_COUNT] = t.links[orientation.link]
            pck = (t.coef, t.seg_f, t.seg_i, np.ascontiguousarray(orientation.base))
        third = self.term(ThirdBodies)
        rows = [eph.index(x) for x in third.bodies] if third else []
        if ints[core.I_CENTER_ROW] in rows:
            raise FarsideValueError("ThirdBodies.bodies", third.bodies,
                                    f"bodies other than the central body {self.body.name}")
        gms = third.gms() if third else []
        srp = self.term(SolarRadiationPressure)
        shadow_rows, shadow_radii = [], []
        if srp is not None:
            ints[core.I_SRP] = 1
            reals[core.R_SRP_PRESSURE] = srp.pressure_1au_n_m2
            reals[core.R_CR_AREA] = srp.cr * srp.area_m2
            shadow_rows = [eph.index(x) for x in srp.occulting]
            shadow_radii = [bodies.get(x).mean_radius_m for x in srp.occulting]
        if self.term(Schwarzschild) is not None:
            ints[core.I_SCHWARZSCHILD] = 1
        pack_thrust(self.term(Thrust), ints, reals)
        drag_arrays = self._pack_drag(ints, reals, epoch_tdb_s)
        coef, seg_f, seg_i, links, chains = eph.kernel_args()
        return core.ForceArrays(
            ints, reals, np.array(rows, dtype=np.int64), np.array(gms, dtype=float),
            np.array(shadow_rows, dtype=np.int64), np.array(shadow_radii, dtype=float),
            c, s, a, b, k, coef, seg_f, seg_i, links, chains, *pck, offset, *drag_arrays)

    def _pack_drag(self, ints, reals, epoch_tdb_s):
        drag = self.term(Drag)
        io = (np.zeros(25, dtype=np.float32), np.zeros(1, dtype=np.int32))
        no_weather = (np.zeros(1),) * 5
        if drag is None:
            return io + no_weather
        reals[core.R_CD_AREA] = drag.cd * drag.area_m2
        reals[core.R_ROTATION_RATE] = EARTH_ROTATION_RATE_RAD_S
        reals[core.R_ELLIPSOID_A] = bodies.WGS84_A_M
        reals[core.R_ELLIPSOID_F] = bodies.WGS84_F
        reals[core.R_DRAG_CEILING] = drag.ceiling_m
        if drag.atmosphere == "USSA76":
            ints[core.I_DRAG] = 2
            return io + no_weather
        weather = space_weather.load()
        ints[core.I_DRAG] = 1
        ints[core.I_SW_FIRST_DAY] = weather.first_day
        ints[core.I_MSIS_ADDRESS] = nrlmsis.model()
        self.set_epoch(reals, epoch_tdb_s)
        return (*io, weather.day_of_year, weather.f107, weather.f107a, weather.daily_ap, weather.ap3)

    def set_epoch(self, reals, epoch_tdb_s: float):
        """Write the parameters that follow the segment's start epoch (TDB s past J2000) into
        ``reals``: UTC - TDB for NRLMSIS's space weather, held over the segment."""
        drag = self.term(Drag)
        if drag is not None and drag.atmosphere != "USSA76":
            reals[core.R_UTC_MINUS_TDB] = Epoch.from_tdb_seconds(epoch_tdb_s).seconds("utc") - epoch_tdb_s

    def _pack_field(self, harmonics, ints, reals):
        f = harmonics.field
        frame = self.field_frame()
        ints[core.I_FIELD_DEGREE] = harmonics.cut_degree
        reals[core.R_FIELD_GM] = f.gm_m3_s2
        reals[core.R_FIELD_RADIUS] = f.radius_m
        offset = np.eye(3)
        if isinstance(frame, UniformRotation):
            ints[core.I_ORIENTATION] = 1
            reals[core.R_SPIN_RATE] = frame.rate_rad_s
            reals[core.R_SPIN_EPOCH] = frame.epoch_tdb_s
            reals[core.R_SPIN_ANGLE] = frame.angle_rad
        elif frame == "inertial":
            ints[core.I_ORIENTATION] = 0
        elif frame in _PCK_FRAMES:
            if _PCK_FRAMES[frame] != self.body.naif_id:
                raise FarsideValueError("SphericalHarmonics.frame", frame,
                                        f"a body-fixed frame of the central body {self.body.name}")
            ints[core.I_ORIENTATION] = 2
            offset = np.ascontiguousarray(frames.body_frame_offset(frame))
        else:
            raise FarsideValueError("SphericalHarmonics.frame", frame,
                                    ", ".join(_PCK_FRAMES) + ", inertial or a UniformRotation")
        a, b, k = _recursion_coefficients(harmonics.cut_degree + 1)
        return *harmonics.coefficients, a, b, k, offset


@cache
def _recursion_coefficients(degree):
    """The field recursion's coefficients, computed once per degree and shared by every model
    (the kernels only read them)."""
    return recursion_coefficients(degree)


def pack_thrust(thrust, ints, reals):
    """Write a `Thrust` (or None: no thrust) into the kernel's ``ints`` and ``reals``."""
    if thrust is None:
        ints[core.I_THRUST_AXES] = -1
        reals[core.R_THRUST:core.R_THRUST_DIR + 3] = 0.0
        return
    ints[core.I_THRUST_AXES] = THRUST_AXES.index(thrust.axes)
    reals[core.R_THRUST] = thrust.thrust_n
    reals[core.R_MASS_FLOW] = thrust.mass_flow_kg_s
    reals[core.R_THRUST_DIR:core.R_THRUST_DIR + 3] = thrust.direction


def default_frame(body, field):
    """The frame a field is flown in when none is given: its own when farside realises it
    (GRGM1200A: MOON_PA_DE430), else the body's PCK frame (MOON_PA, ITRF93)."""
    if field.frame is not None and field.frame.upper() in _PCK_FRAMES:
        return field.frame.upper()
    if body.naif_id == 301:
        return "MOON_PA"
    if body.naif_id == 399:
        return "ITRF93"
    raise FarsideValueError("SphericalHarmonics.frame", None, "a frame for a body other than the Moon or the Earth")
