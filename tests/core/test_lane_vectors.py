"""The lane-vector intrinsics against numpy's float64 operations on each lane (the reference):
the same bits for sums, differences, products, quotients and square roots, including signed
zeros, infinities and subnormal numbers (a NaN where numpy gives one, its payload aside)."""
import numpy as np

from farside.core import lane_vectors as lv
from farside.core.jit import jit
from farside.core.lane_vectors import LANES


@jit(_nrt=False)
def _apply(a, b, out):
    x = lv.load(a, 0)
    y = lv.load(b, 0)
    lv.store(out, 0, lv.add(x, y))
    lv.store(out, 1, lv.sub(x, y))
    lv.store(out, 2, lv.mul(x, y))
    lv.store(out, 3, lv.div(x, y))
    lv.store(out, 4, lv.sqrt(x))
    lv.store(out, 5, lv.mul(lv.splat(a[1, 0]), y))


def test_each_lane_is_the_scalar_operation():
    rng = np.random.default_rng(2)
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, 1e308, -3.0])
    with np.errstate(all="ignore"):
        for trial in range(20):
            a = rng.normal(size=(2, LANES)) * 10.0 ** rng.integers(-300, 300, (2, LANES))
            b = rng.normal(size=(1, LANES)) * 10.0 ** rng.integers(-300, 300, (1, LANES))
            if trial == 0:
                a[0], b[0] = specials, specials[::-1].copy()
            out = np.empty((6, LANES))
            _apply(a, b, out)
            x, y = a[0], b[0]
            want = np.array([x + y, x - y, x * y, x / y, np.sqrt(x), a[1, 0] * y])
            nan = np.isnan(want)
            assert np.array_equal(np.isnan(out), nan)
            assert np.array_equal(out[~nan].view(np.int64), want[~nan].view(np.int64))
