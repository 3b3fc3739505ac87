"""The kernels that evaluate values without their rates (the force terms' body positions and PCK
rotations) against the kernels that evaluate both (checked against SPICE in tests/astro): the same
Chebyshev recurrence and the same rotation products, so the same bits, at epochs over the files'
spans and at record boundaries."""
import numpy as np

from farside.astro import orientation
from farside.astro.ephemeris import default
from farside.core.ephemeris import relative_position_hf, relative_state_hf
from farside.core.jit import jit
from farside.core.orientation import PCK_WORK, pck_rotation_hf, pck_rotation_only_hf

PAIRS = [("moon", "earth"), ("sun", "moon"), ("earth", "moon"), ("sun", "earth"), ("jupiter_barycenter", "moon")]


@jit
def _positions(coef, seg_f, seg_i, links, chains, target, center, t1, t2):
    state = np.empty((t1.shape[0], 6))
    position = np.empty((t1.shape[0], 3))
    for i in range(t1.shape[0]):
        relative_state_hf(coef, seg_f, seg_i, links, chains, target, center, t1[i], t2[i], state[i])
        relative_position_hf(coef, seg_f, seg_i, links, chains, target, center, t1[i], t2[i], position[i])
    return state[:, :3].copy(), position


@jit
def _rotations(coef, seg_f, seg_i, first, count, base, t1, t2):
    both = np.empty((t1.shape[0], 3, 3))
    alone = np.empty((t1.shape[0], 3, 3))
    rate = np.empty((3, 3))
    work = np.empty(PCK_WORK)
    for i in range(t1.shape[0]):
        pck_rotation_hf(coef, seg_f, seg_i, first, count, base, t1[i], t2[i], both[i], rate, work)
        pck_rotation_only_hf(coef, seg_f, seg_i, first, count, base, t1[i], t2[i], alone[i], work)
    return both, alone


def _epochs(start, end, step):
    rng = np.random.default_rng(11)
    t = np.concatenate([rng.uniform(start, end, 3000), start + step * np.arange(1, 400), [start, end]])
    t = t[t <= end]
    return np.floor(t), t - np.floor(t)


def test_body_positions_alone_are_the_states_positions_bit_for_bit():
    eph = default()
    t1, t2 = _epochs(max(eph.start_s, -3e9), min(eph.end_s, 3e9), 4 * 86400.0)
    for target, center in PAIRS:
        from_states, alone = _positions(*eph.kernel_args(), eph.index(target), eph.index(center), t1, t2)
        assert np.array_equal(from_states, alone), (target, center)


def test_pck_rotations_alone_are_the_rotations_with_rates_bit_for_bit():
    for pck in (orientation.moon_pa(), orientation.earth_itrf93()):
        first, count = pck.table.links[pck.link]
        t1, t2 = _epochs(pck.start_s, pck.end_s, pck.table.seg_f[first, 1])
        both, alone = _rotations(pck.table.coef, pck.table.seg_f, pck.table.seg_i, first, count, pck.base, t1, t2)
        assert np.array_equal(both, alone)
