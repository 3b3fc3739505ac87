"""Everything a launch needs before it flies: the flight model's arrays at lift-off, the
predictor's gravity, the pad state, the orbit plane, the launch azimuth and the guidance targets.

The pad: geodetic latitude, longitude and height on WGS84 in ITRF93, at rest in the Earth-fixed
frame: in GCRF ``r = R^T r_fixed`` and ``v = w x r`` (``R`` GCRF -> ITRF93 at lift-off, ``w`` the
Earth's rotation about the ITRF z axis). Inclinations and nodes are to the GCRF (J2000) equator.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from farside.astro import bodies
from farside.astro.sites import geodetic_to_fixed
from farside.core import launch_guidance as lg
from farside.dynamics import gravity_field
from farside.dynamics.atmospheric_flight import FlightModel
from farside.gnc import launch_targets
from farside.gnc.launch_ascent import AscentPlan

GCRF_POLE = np.array([0.0, 0.0, 1.0])


@dataclass(frozen=True)
class LaunchSetup:
    fa: object
    grav: np.ndarray
    plan: AscentPlan
    y0: np.ndarray
    plane: launch_targets.OrbitPlane
    gm_m3_s2: float


def pad_state(model: FlightModel, fa, lat_rad, lon_rad, height_m, mass_kg) -> np.ndarray:
    """(r, v, mass) in GCRF of the pad at the flight arrays' reference epoch."""
    r_fixed = geodetic_to_fixed(lat_rad, lon_rad, height_m)
    r = fa.frame0.T @ r_fixed
    v = np.cross(model.spin_rate_rad_s * fa.frame0[2], r)
    return np.concatenate([r, v, [mass_kg]])


def predictor_gravity(fa) -> np.ndarray:
    """Point-mass Earth with EGM2008's J2 about the rotation axis at lift-off."""
    field = gravity_field.load("EGM2008", 2)
    grav = np.zeros(lg.N_GRAVITY)
    grav[lg.V_MODE] = lg.GRAVITY_J2
    grav[lg.V_GM] = field.gm_m3_s2
    grav[lg.V_J2] = -field.c[2, 0] * np.sqrt(5.0)
    grav[lg.V_RE] = field.radius_m
    grav[lg.V_POLE:lg.V_POLE + 3] = fa.frame0[2]
    return grav


@lru_cache(maxsize=4)
def _flight_arrays(lift_off_tdb_s):
    """The flight model, its arrays and the predictor's gravity at a lift-off epoch, built once per
    process and epoch (a corrector's trials and a campaign's samples fly from the same lift-off):
    the gravity and space-weather files are read once. The launcher's own figures (drag table,
    engines) are not in these arrays."""
    model = FlightModel(np.array([0.0, 1.0]), np.ones(2), np.zeros(2), 1.0)
    fa = model.arrays(lift_off_tdb_s)
    return model, fa, predictor_gravity(fa)


def prepare(lift_off_tdb_s, lat_rad, lon_rad, height_m, mass_kg, inclination_rad, descending,
            parking_perigee_m, parking_apogee_m, injection, options, azimuth_rad=None) -> LaunchSetup:
    """``injection``: (semi-major axis m, eccentricity, argument of perigee rad) of the transfer
    orbit; ``options``: the other `AscentPlan` fields. Altitudes above WGS84's equatorial radius.
    The orbit plane: of ``inclination_rad`` crossed going south (``descending``) or north, or, when
    ``azimuth_rad`` is given, the plane whose inertial track heads that way at the pad."""
    model, fa, grav = _flight_arrays(float(lift_off_tdb_s))
    y0 = pad_state(model, fa, lat_rad, lon_rad, height_m, mass_kg)
    plane = launch_targets.plane_through(y0[0:3], GCRF_POLE, inclination_rad, descending) if azimuth_rad is None \
        else launch_targets.plane_of_azimuth(y0[0:3], fa.frame0[2], azimuth_rad)
    gm = grav[lg.V_GM]
    rp = bodies.WGS84_A_M + parking_perigee_m
    ra = bodies.WGS84_A_M + parking_apogee_m
    azimuth = launch_targets.launch_azimuth_rad(y0[0:3], fa.frame0[2], plane, np.sqrt(gm / rp),
                                                model.spin_rate_rad_s)
    parking = launch_targets.insertion_target(gm, rp, ra, plane)
    tli = launch_targets.orbit_target(gm, *injection, plane)
    plan = AscentPlan(azimuth, parking, tli, **options)
    return LaunchSetup(fa, grav, plan, y0, plane, gm)
