"""Body states from packed SPK type-2 segments (see :mod:`farside.core.chebyshev`).

Every body has a chain of up to ``MAX_CHAIN`` links to the solar-system barycentre:
``chains[body, k]`` is a link index or -1, and ``links[link] = (first segment, count)``.
The state of a target relative to a centre is the sum over the target's chain minus the sum
over the centre's chain, with the links they share left out (so Moon-Earth never passes
through the barycentre, as SPICE's ``spkgeo`` does). Sums are formed in the file's km and
scaled to metres once, as SPICE does, so results match it to the last bit or two.
"""
from farside.core.chebyshev import find_segment_hf, type2_eval_hf, type2_values_hf
from farside.core.jit import jit

MAX_CHAIN = 3
KM = 1000.0


@jit(_nrt=False)
def _in_chain(chains, body, link):
    for k in range(chains.shape[1]):
        if chains[body, k] == link:
            return True
    return False


@jit(_nrt=False, inline="always")
def _chain_sum_hf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out, rates):
    """The target's chain minus the centre's, the links they share left out, added into ``out``
    (km): positions and, with ``rates``, velocities (km/s) after them."""
    t = t1 + t2
    for k in range(chains.shape[1]):
        for body, other, sign in ((target, center, 1.0), (center, target, -1.0)):
            link = chains[body, k]
            if link >= 0 and not _in_chain(chains, other, link):
                seg = find_segment_hf(seg_f, links[link, 0], links[link, 1], t)
                if rates:
                    type2_eval_hf(coef, seg_f, seg_i, seg, t1, t2, out, 0, sign)
                else:
                    type2_values_hf(coef, seg_f, seg_i, seg, t1, t2, out, 0, sign)


@jit(_nrt=False)
def relative_state_hf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out):
    """State of body ``target`` relative to body ``center`` at TDB ``t1 + t2`` seconds past
    J2000, in the ICRF, metres and m/s, written to ``out[0:6]``."""
    for c in range(6):
        out[c] = 0.0
    _chain_sum_hf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out, True)
    for c in range(6):
        out[c] *= KM


@jit(_nrt=False)
def relative_position_hf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out):
    """:func:`relative_state_hf`'s position alone (m, ICRF) into ``out[0:3]``, the same bits."""
    for c in range(3):
        out[c] = 0.0
    _chain_sum_hf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out, False)
    for c in range(3):
        out[c] *= KM


@jit
def relative_states_vf(coef, seg_f, seg_i, links, chains, target, center, t1, t2, out):
    """Vectorised :func:`relative_state_hf` over epochs ``t1[i] + t2[i]``; ``out`` is (n, 6)."""
    for i in range(t1.shape[0]):
        relative_state_hf(coef, seg_f, seg_i, links, chains, target, center, t1[i], t2[i], out[i])
