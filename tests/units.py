"""Named tolerances for tests (STYLE.md: tolerances in named units, with a reason)."""
import numpy as np

METRE = 1.0
MILLIMETRE = 1e-3
MICROSECOND = 1e-6
ARCSEC = np.pi / (180 * 3600)
