"""Spherical-harmonic gravity of a `GravityField` in its body-fixed frame.

Recursion coefficients are computed once per field (no work per call but the sums), and the
kernel :func:`farside.core.spherical_harmonics.potential_and_acceleration_hf` is callable from
other numba code with :meth:`SphericalHarmonicGravity.kernel_args`.
"""
import numpy as np

from farside.core.spherical_harmonics import potential_and_acceleration_hf, recursion_coefficients
from farside.dynamics.gravity_field import GravityField
from farside.errors import FarsideValueError


class SphericalHarmonicGravity:
    """Potential and acceleration of ``field`` (m, m^2/s^2, m/s^2, body-fixed axes)."""

    def __init__(self, field: GravityField):
        self.field = field
        self.degree = field.degree
        self._a, self._b, self._k = recursion_coefficients(self.degree + 1)
        self._c = np.ascontiguousarray(field.c)
        self._s = np.ascontiguousarray(field.s)

    def kernel_args(self):
        """``(gm, radius, c, s, degree, a, b, k)``: the leading arguments of the numba kernel."""
        return (self.field.gm_m3_s2, self.field.radius_m, self._c, self._s, self.degree,
                self._a, self._b, self._k)

    def evaluate(self, r_fixed_m):
        """Potential (n,) and acceleration (n, 3) at body-fixed positions (3,) or (n, 3)."""
        points = np.atleast_2d(np.asarray(r_fixed_m, dtype=float))
        if points.shape[-1] != 3 or not np.all(np.isfinite(points)):
            raise FarsideValueError("r_fixed_m", r_fixed_m, "finite body-fixed positions of shape (3,) or (n, 3), m")
        if np.any(np.hypot(points[:, 0], points[:, 1]) == 0.0):
            raise FarsideValueError("r_fixed_m", r_fixed_m, "positions off the polar axis (x, y not both zero)")
        scratch = np.empty((self.degree + 3, self.degree + 3))
        trig = np.empty((2, self.degree + 1))
        potential = np.empty(points.shape[0])
        acceleration = np.empty_like(points)
        args = self.kernel_args()
        for i in range(points.shape[0]):
            potential[i] = potential_and_acceleration_hf(*args, scratch, trig, points[i], acceleration[i])
        if np.ndim(r_fixed_m) == 1:
            return potential[0], acceleration[0]
        return potential, acceleration

    def acceleration(self, r_fixed_m):
        """Acceleration (m/s^2) in the field's body-fixed axes."""
        return self.evaluate(r_fixed_m)[1]

    def potential(self, r_fixed_m):
        """Gravitational potential (m^2/s^2, positive convention U = GM/r + ...)."""
        return self.evaluate(r_fixed_m)[0]
