"""Step-size control of the embedded Runge-Kutta pairs (Hairer, Norsett & Wanner 1993, §II.4):
the next step is ``h * factor`` with ``factor = 0.9 err^(-1/8)`` bounded to [1/3, 6], and no growth
right after a rejected step."""
import numpy as np

from farside.core.jit import jit

SAFETY = 0.9
MIN_FACTOR = 0.333
MAX_FACTOR = 6.0
EPS = np.finfo(np.float64).eps


@jit(inline="always")
def rejected_factor_hf(err):
    """Shrink factor after a step whose error measure ``err`` exceeds 1 (or is not finite)."""
    if np.isfinite(err) and err > 0.0:
        return max(MIN_FACTOR, SAFETY * err ** (-1.0 / 8.0))
    return MIN_FACTOR


@jit(inline="always")
def accepted_factor_hf(err, after_rejection):
    """Growth factor after an accepted step."""
    factor = MAX_FACTOR if err == 0.0 else min(MAX_FACTOR, SAFETY * err ** (-1.0 / 8.0))
    return min(1.0, factor) if after_rejection else factor
