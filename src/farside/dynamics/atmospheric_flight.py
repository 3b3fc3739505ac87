"""`FlightModel`: the Earth, its atmosphere and a trimmed vehicle, packed for the compiled
atmospheric-flight kernel (:mod:`farside.core.atmospheric_flight`).

    model = FlightModel(mach, c_d, c_l, reference_area_m2=1.33)
    arrays = model.arrays(epoch_tdb_s)          # FlightArrays; tau counts from epoch_tdb_s

Earth: WGS84 ellipsoid, EGM2008 to degree 4 (J2..J4 and the degree-4 tesserals) in ITRF93, the
orientation at the reference epoch from farside's ITRF93 (NAIF high-precision EOP) turned at the
rate of the Earth rotation angle. Atmosphere (``atmosphere``):

- ``"NRLMSIS2.1+USSA76"``: NRLMSIS 2.1 with the day's space weather above ``switch_altitude_m``
  (86 km by default) and the US Standard Atmosphere 1976 below. 86 km is where USSA76 itself
  changes from a hydrostatic, well-mixed atmosphere to diffusive separation of species: above it
  the density depends on solar and geomagnetic activity (a factor ~2 at 120 km between quiet and
  active Sun), which NRLMSIS models and USSA76 does not; below it NRLMSIS's season and latitude
  terms differ from USSA76 by a few per cent to ~15 %, weather-sized, and USSA76 gives the
  temperature and pressure consistent with its density (Mach number, the ambient pressure of a
  rocket nozzle) at a tenth of the cost.
- ``"USSA76"``: the standard alone.
- ``"USSA76 tabulated"``: the standard tabulated every ``TABLE_STEP_M`` (:func:`ussa76_table`),
  ln(density) and the speed of sound linear between rows: within 6e-4 of the standard's density
  (where two rows straddle a kink of its temperature profile; 1e-5 to 1.5e-4 elsewhere) and
  0.1 m/s of its speed of sound (tests), for one exponential a point: the guidance's on-board
  model, which runs it about a million times a flight, and whose error against the atmosphere
  flown (10 % and more) its density estimator removes.

Height (``height``): ``"geodetic"`` above the WGS84 ellipsoid along its normal (Bowring), or
``"radial"``, along the radius (:func:`farside.core.atmospheric_flight.radial_height_hf`, within
0.6 m below 100 km; no latitude and longitude, so not with NRLMSIS).
- ``"exponential"``: ``rho0 exp(-h / H)`` (analytic checks).
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from farside.astro import bodies, frames, space_weather
from farside.astro.time import Epoch
from farside.core import atmospheric_flight as core
from farside.core.spherical_harmonics import recursion_coefficients
from farside.core.ussa76 import LOWER_TOP_M, M0, R_STAR, density_hf, lower_temperature_pressure_hf
from farside.dynamics import gravity_field, nrlmsis
from farside.errors import FarsideValueError

EARTH_ROTATION_ANGLE_RATE_RAD_S = 2.0 * np.pi * 1.00273781191135448 / 86400.0
"""d(ERA)/d(UT1) of the IERS Conventions 2010, eq. 5.15."""
DENSITY_KINDS = {"exponential": 0, "USSA76": 1, "NRLMSIS2.1+USSA76": 2, "USSA76 tabulated": 3}
ATMOSPHERES = tuple(DENSITY_KINDS)
HEIGHTS = {"geodetic": 0, "radial": 1}
USSA76_SOUND_SPEED_86KM_M_S = float(np.sqrt(1.4 * 8314.32 / 28.9644 * 186.8673))
TABLE_BOTTOM_M = -5000.0
"""m: the table's first row (USSA76's own lower limit)."""
TABLE_STEP_M = 250.0
"""m between the table's rows (1,022 rows up to 250 km)."""


@lru_cache(maxsize=4)
def ussa76_table(ceiling_m: float) -> np.ndarray:
    """USSA76 from ``TABLE_BOTTOM_M`` to one row above ``ceiling_m`` every ``TABLE_STEP_M``:
    columns ln(density / (kg/m^3)) and the speed of sound (m/s; the 86 km value above 86 km, as
    :func:`farside.core.atmospheric_flight.atmosphere_hf`), shared by the models of one ceiling:
    not to be written (left writable so that the kernels see one array type for every model)."""
    rows = int(np.ceil((ceiling_m - TABLE_BOTTOM_M) / TABLE_STEP_M)) + 2
    heights = TABLE_BOTTOM_M + TABLE_STEP_M * np.arange(rows)
    table = np.empty((rows, 2))
    for i, z in enumerate(heights):
        table[i, 0] = np.log(density_hf(z))
        table[i, 1] = np.sqrt(core.GAMMA_AIR * R_STAR / M0 * lower_temperature_pressure_hf(z)[0]) if z < LOWER_TOP_M \
            else USSA76_SOUND_SPEED_86KM_M_S
    return table


def _positive(name, value):
    v = float(value)
    if not (np.isfinite(v) and v > 0.0):
        raise FarsideValueError(name, value, "a finite value > 0")
    return v


@dataclass(frozen=True)
class FlightModel:
    """Vehicle coefficients ``c_d``, ``c_l`` at Mach numbers ``mach`` (increasing) on
    ``reference_area_m2``; the Earth and atmosphere as described in the module docstring.
    ``gravity_degree=None`` is a point mass of ``gm_m3_s2`` (default EGM2008's), ``"J2"`` EGM2008's
    point mass and J2 in closed form (an entry predictor's cheaper field); ``spin_rate_rad_s``,
    ``equatorial_radius_m`` and ``flattening`` replace the rotating WGS84 Earth (checks against
    flat or non-rotating closed forms)."""
    mach: np.ndarray
    c_d: np.ndarray
    c_l: np.ndarray
    reference_area_m2: float
    atmosphere: str = "NRLMSIS2.1+USSA76"
    switch_altitude_m: float = 86000.0
    ceiling_m: float = 250000.0
    gravity_degree: int | str | None = 4
    gm_m3_s2: float | None = None
    spin_rate_rad_s: float = EARTH_ROTATION_ANGLE_RATE_RAD_S
    equatorial_radius_m: float = bodies.WGS84_A_M
    flattening: float = bodies.WGS84_F
    exponential_rho0_kg_m3: float = 1.225
    exponential_scale_height_m: float = 7200.0
    density_factor: float = 1.0
    lift_factor: float = 1.0
    height: str = "geodetic"

    def __post_init__(self):
        mach, c_d, c_l = (np.ascontiguousarray(x, dtype=float) for x in (self.mach, self.c_d, self.c_l))
        if mach.ndim != 1 or mach.shape != c_d.shape or mach.shape != c_l.shape or mach.shape[0] < 2:
            raise FarsideValueError("mach", self.mach, "at least two Mach numbers, as many C_D and C_L")
        if not np.all(np.diff(mach) > 0.0) or not np.all(np.isfinite(np.concatenate([mach, c_d, c_l]))):
            raise FarsideValueError("mach", self.mach, "finite, increasing Mach numbers with finite coefficients")
        if np.any(c_d <= 0.0) or np.any(c_l < 0.0):
            raise FarsideValueError("c_d", self.c_d, "drag coefficients > 0 and lift coefficients >= 0")
        object.__setattr__(self, "mach", mach)
        object.__setattr__(self, "c_d", c_d)
        object.__setattr__(self, "c_l", c_l)
        if self.atmosphere not in ATMOSPHERES:
            raise FarsideValueError("atmosphere", self.atmosphere, ", ".join(ATMOSPHERES))
        for name in ("reference_area_m2", "ceiling_m", "exponential_rho0_kg_m3", "exponential_scale_height_m",
                     "density_factor", "equatorial_radius_m"):
            _positive(name, getattr(self, name))
        if not (np.isfinite(self.lift_factor) and self.lift_factor >= 0.0):
            raise FarsideValueError("lift_factor", self.lift_factor, "a finite factor >= 0")
        if self.height not in HEIGHTS:
            raise FarsideValueError("height", self.height, ", ".join(HEIGHTS))
        if self.height == "radial" and self.atmosphere == "NRLMSIS2.1+USSA76":
            raise FarsideValueError("height", self.height, "geodetic with NRLMSIS (it needs the latitude)")

    def replace(self, **changes) -> "FlightModel":
        """A copy with some fields changed."""
        fields = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return FlightModel(**{**fields, **changes})

    def _gravity(self, ints, reals):
        one = np.zeros((1, 1))
        if self.gravity_degree is None:
            ints[core.I_FIELD_DEGREE] = -1
            reals[core.R_GM] = self.gm_m3_s2 if self.gm_m3_s2 is not None else gravity_field.load("EGM2008", 2).gm_m3_s2
            return one, one, one, one, one
        if self.gravity_degree == "J2":
            field = gravity_field.load("EGM2008", degree=2)
            ints[core.I_FIELD_DEGREE] = -2
            reals[core.R_GM] = field.gm_m3_s2
            reals[core.R_FIELD_RADIUS] = field.radius_m
            reals[core.R_J2] = -np.sqrt(5.0) * field.c[2, 0]
            return one, one, one, one, one
        field = gravity_field.load("EGM2008", degree=int(self.gravity_degree))
        ints[core.I_FIELD_DEGREE] = field.degree
        reals[core.R_GM] = field.gm_m3_s2
        reals[core.R_FIELD_RADIUS] = field.radius_m
        a, b, k = recursion_coefficients(field.degree + 1)
        return np.ascontiguousarray(field.c), np.ascontiguousarray(field.s), a, b, k

    def arrays(self, epoch_tdb_s: float) -> core.FlightArrays:
        """The kernel's arrays with ``tau = 0`` at ``epoch_tdb_s`` (TDB seconds past J2000)."""
        ints = np.zeros(core.N_INTS, dtype=np.int64)
        reals = np.zeros(core.N_REALS)
        field = self._gravity(ints, reals)
        reals[core.R_SPIN_RATE] = self.spin_rate_rad_s
        reals[core.R_T_REF] = epoch_tdb_s
        reals[core.R_ELLIPSOID_A] = self.equatorial_radius_m
        reals[core.R_ELLIPSOID_F] = self.flattening
        reals[core.R_SWITCH_M] = self.switch_altitude_m
        reals[core.R_CEILING_M] = self.ceiling_m
        reals[core.R_EXP_RHO0] = self.exponential_rho0_kg_m3
        reals[core.R_EXP_SCALE_M] = self.exponential_scale_height_m
        reals[core.R_DENSITY_FACTOR] = self.density_factor
        reals[core.R_REF_AREA] = self.reference_area_m2
        reals[core.R_LIFT_FACTOR] = self.lift_factor
        reals[core.R_SOUND_SPEED_TOP] = USSA76_SOUND_SPEED_86KM_M_S
        reals[core.R_UTC_MINUS_TDB] = Epoch.from_tdb_seconds(epoch_tdb_s).seconds("utc") - epoch_tdb_s
        frame0 = np.ascontiguousarray(frames.rotation("GCRF", "ITRF93", epoch_tdb_s)) if self.spin_rate_rad_s \
            or self.flattening else np.eye(3)
        io = (np.zeros(25, dtype=np.float32), np.zeros(1, dtype=np.int32))
        ints[core.I_DENSITY] = DENSITY_KINDS[self.atmosphere]
        ints[core.I_HEIGHT] = HEIGHTS[self.height]
        table = ussa76_table(float(self.ceiling_m)) if self.atmosphere == "USSA76 tabulated" else np.zeros((2, 2))
        reals[core.R_TABLE_Z0_M] = TABLE_BOTTOM_M
        reals[core.R_TABLE_DZ_M] = TABLE_STEP_M
        if self.atmosphere == "NRLMSIS2.1+USSA76":
            weather = space_weather.load()
            weather.check([(epoch_tdb_s + reals[core.R_UTC_MINUS_TDB] + 43200.0) / 86400.0], "state.epoch")
            ints[core.I_SW_FIRST_DAY] = weather.first_day
            sw = (weather.day_of_year, weather.f107, weather.f107a, weather.daily_ap, weather.ap3)
            ints[core.I_MSIS_ADDRESS] = nrlmsis.model()
        else:
            sw = (np.zeros(1),) * 5
        return core.FlightArrays(ints, reals, frame0, *field, self.mach, self.c_d, self.c_l, table, *io, *sw)
