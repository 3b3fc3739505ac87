"""Alpha counts of a flat silicon detector from radon and its daughters, from its geometry.

A detector of area ``A`` facing an infinite plane of isotropic emitters of surface activity
``sigma`` (Bq m^-2), accepting directions within ``theta_c`` of its normal, counts

    R = A sigma (1 - cos theta_c) / 2

whatever its height: a ring of radius rho at height h sends ``sigma 2 pi rho d rho h / (4 pi d^3)``
onto a unit area (d the distance), which integrates to ``sigma (1 - h / d_max) / 2``. A column of
emitters above the detector (any vertical profile, column activity ``lambda N``) gives the same
with ``lambda N`` for ``sigma`` (each layer is a plane). (A Lambertian source would give
``sin^2 theta_c`` instead; decaying atoms emit isotropically.) No energy loss is modelled: the
counts are the lines' full-energy counts.
"""
import numpy as np


def plane_count_rate_s(area_m2, activity_bq_m2, half_angle_rad):
    """Counts per second from an infinite plane (or column) of isotropic emitters."""
    return area_m2 * np.asarray(activity_bq_m2) * (1.0 - np.cos(half_angle_rad)) / 2.0


def sphere_count_rate_s(area_m2, activity_bq_m2, half_angle_rad, radius_m, distance_m):
    """Counts per second of a detector at ``distance_m`` from the centre of a sphere of
    ``radius_m`` covered uniformly with emitters (``activity_bq_m2``), facing its centre and
    accepting directions within ``half_angle_rad``. A ray at angle beta from the axis meets the
    surface at an angle gamma from its normal, ``cos gamma = sqrt(1 - (d/R)^2 sin^2 beta)``, and
    sees ``sigma / (4 pi cos gamma)`` per steradian, so

        R = A sigma / 2 int_0^b cos(beta) sin(beta) / cos(gamma) d beta
          = A sigma R^2 / (2 d^2) (1 - sqrt(1 - (d/R)^2 sin^2 b)),   b = min(theta_c, asin(R/d))

    which is the plane law at the surface (d = R) and ``A sigma R^2 / (2 d^2)`` far away."""
    d = np.asarray(distance_m, dtype=float)
    ratio = np.clip(radius_m / d, 0.0, 1.0)
    sin_b = np.minimum(np.sin(half_angle_rad), ratio)
    return area_m2 * np.asarray(activity_bq_m2) * ratio ** 2 / 2.0 * (
        1.0 - np.sqrt(np.clip(1.0 - (sin_b / ratio) ** 2, 0.0, 1.0)))
