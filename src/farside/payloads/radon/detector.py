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
