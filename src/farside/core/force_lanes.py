"""The force sum of :func:`farside.core.force_model.derivatives_hf` for `LANES` states at once,
for the models made of spherical-harmonic field terms alone, in the inertial axes or in a frame
turning uniformly about the inertial z axis (`FIELD_INERTIAL`, `FIELD_SPIN`): each lane's
derivative is the single-state sum's bit for bit (the same rotation, the same field arithmetic of
:mod:`farside.core.spherical_harmonics_lanes`, the same additions in the same order).

Lane arrays (:mod:`farside.core.lane_vectors`): the states ``y`` and derivatives ``dy`` (7,
LANES), the epochs ``t2`` (s since ``t1``) one per lane. Units and frames as in
:mod:`farside.core.force_model` and :mod:`farside.core.force_terms`.
"""
import numpy as np

from farside.core import lane_vectors as lv
from farside.core.force_terms import FIELD_FRAME, FIELD_GM, FIELD_RADIUS
from farside.core.jit import jit
from farside.core.lane_vectors import LANES
from farside.core.spherical_harmonics_lanes import acceleration_lanes_hf, lane_scratch

# kinds of the terms of a lane model (per row of ForceArrays.terms)
TERM_OFF = 0          # the term's address is 0: off for now
FIELD_INERTIAL = 1    # force_terms.field_inertial_term
FIELD_SPIN = 2        # force_terms.field_spin_term


def field_lane_scratch(degree: int):
    """``(p, trig, rot, vec)``: the uninitialised scratch of :func:`derivatives_lanes_hf` for a field of
    ``degree``: the field's, the rotations (9, LANES) and two position-sized rows (6, LANES)."""
    p, trig = lane_scratch(max(degree, 0))
    return p, trig, np.empty((9, LANES)), np.empty((6, LANES))


@jit(_nrt=False, inline="always")
def _rotation_hf(fa, kind, r0, t1, t2, rot):
    """The rows of the rotation inertial -> field frame of each lane into ``rot`` (9, LANES), as
    ``force_terms.field_spin_term`` and ``field_inertial_term`` form them."""
    for l in range(LANES):
        for i in range(3):
            for j in range(3):
                rot[3 * i + j, l] = 1.0 if i == j else 0.0
    if kind == FIELD_SPIN:
        f = r0 + FIELD_FRAME
        for l in range(LANES):
            angle = fa.reals[f + 2] + fa.reals[f] * ((t1 - fa.reals[f + 1]) + t2[l])
            c = np.cos(angle)
            s = np.sin(angle)
            rot[0, l] = c
            rot[1, l] = s
            rot[3, l] = -s
            rot[4, l] = c


@jit(_nrt=False, inline="always")
def _field_lanes_hf(fa, i0, r0, rot, p, trig, vec, y, dy):
    """Adds the field's acceleration to ``dy[3:6]`` (``force_terms._field_hf`` lane by lane)."""
    degree = fa.ints[i0]
    n1 = degree + 1
    n2 = degree + 2
    o = 2 * n1 * n1
    field = fa.field
    c = field[0:n1 * n1].reshape((n1, n1))
    s = field[n1 * n1:o].reshape((n1, n1))
    a = field[o:o + n2 * n2].reshape((n2, n2))
    b = field[o + n2 * n2:o + 2 * n2 * n2].reshape((n2, n2))
    k = field[o + 2 * n2 * n2:o + 3 * n2 * n2].reshape((n2, n2))
    r_fixed = vec[0:3]
    a_fixed = vec[3:6]
    x = lv.load(y, 0)
    yy = lv.load(y, 1)
    z = lv.load(y, 2)
    for i in range(3):
        lv.store(r_fixed, i, lv.add(lv.add(lv.mul(lv.load(rot, 3 * i), x), lv.mul(lv.load(rot, 3 * i + 1), yy)),
                                    lv.mul(lv.load(rot, 3 * i + 2), z)))
    acceleration_lanes_hf(fa.reals[r0 + FIELD_GM], fa.reals[r0 + FIELD_RADIUS], c, s, degree, a, b, k, p, trig,
                          r_fixed, a_fixed)
    a0 = lv.load(a_fixed, 0)
    a1 = lv.load(a_fixed, 1)
    a2 = lv.load(a_fixed, 2)
    for i in range(3):
        total = lv.add(lv.add(lv.mul(lv.load(rot, i), a0), lv.mul(lv.load(rot, 3 + i), a1)),
                       lv.mul(lv.load(rot, 6 + i), a2))
        lv.store(dy, 3 + i, lv.add(lv.load(dy, 3 + i), total))


@jit(_nrt=False)
def derivatives_lanes_hf(fa, kinds, p, trig, rot, vec, t1, t2, y, dy):
    """``dy = f(t1 + t2, y)`` lane by lane for a model of field terms (``kinds`` per row of
    ``fa.terms``: TERM_OFF, FIELD_INERTIAL, FIELD_SPIN) without the central point mass; scratch
    from :func:`field_lane_scratch`. Compiled on its own without reference counting: called by
    every stage, inlined it would be compiled once per stage."""
    zero = lv.splat(0.0)
    for i in range(3):
        lv.store(dy, i, lv.load(y, 3 + i))
        lv.store(dy, 3 + i, zero)
    lv.store(dy, 6, zero)
    for j in range(fa.terms.shape[0]):
        if kinds[j] != TERM_OFF and fa.terms[j, 0] != 0:
            _rotation_hf(fa, kinds[j], fa.terms[j, 2], t1, t2, rot)
            _field_lanes_hf(fa, fa.terms[j, 1], fa.terms[j, 2], rot, p, trig, vec, y, dy)
