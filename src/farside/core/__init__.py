"""Numeric kernels on plain floats and arrays, SI units (m, s, kg, rad), compiled with numba."""
