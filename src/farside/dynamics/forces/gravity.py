"""The central body's spherical-harmonic field as a force term, and the frames it is flown in."""
import weakref
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import frames
from farside.core import force_terms as kernels
from farside.core.spherical_harmonics import recursion_coefficients
from farside.dynamics.forces.term import ForceTerm, Packing
from farside.dynamics.gravity_field import GravityField
from farside.errors import FarsideValueError

PCK_FRAMES = {"MOON_PA": 301, "MOON_ME": 301, "MOON_PA_DE430": 301, "ITRF93": 399}
"""Body-fixed frames realised from a binary PCK, by the NAIF id of their body."""


@dataclass(frozen=True)
class UniformRotation:
    """A body-fixed frame turning about the inertial z axis at ``rate_rad_s``, its x axis at
    ``angle_rad`` from the inertial x axis at ``epoch_tdb_s`` (TDB seconds past J2000)."""
    rate_rad_s: float
    epoch_tdb_s: float = 0.0
    angle_rad: float = 0.0


@dataclass(frozen=True)
class SphericalHarmonics(ForceTerm):
    """The central body's field in its body-fixed frame: ``"MOON_PA"`` (DE440 principal axes,
    binary PCK), ``"ITRF93"`` (NAIF high-precision Earth PCK), ``"inertial"`` (the field's axes
    are the ICRF's) or a :class:`UniformRotation`; cut to ``degree`` and ``order`` (None: the
    field's; ``order=0``: zonal terms only). The cut coefficients and the kernel's field structure
    (with the recursion's coefficients) are made once per term, here, and shared by every model
    that holds it."""
    field: GravityField
    frame: object = None
    degree: int | None = None
    order: int | None = None
    rank = 10

    def __post_init__(self):
        top = self.field.degree
        degree = top if self.degree is None else self.degree
        if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or not 0 <= degree <= top:
            raise FarsideValueError("degree", self.degree, f"a whole degree from 0 to {top} (the field's), or None")
        order = degree if self.order is None else self.order
        if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or not 0 <= order <= degree:
            raise FarsideValueError("order", self.order, f"a whole order from 0 to the degree {degree}, or None")
        c, s = self.field.c, self.field.s
        if degree < top or order < degree:
            c = np.ascontiguousarray(c[:degree + 1, :degree + 1])
            s = np.ascontiguousarray(s[:degree + 1, :degree + 1])
            c[:, order + 1:] = 0.0
            s[:, order + 1:] = 0.0
        object.__setattr__(self, "_coefficients", (np.ascontiguousarray(c), np.ascontiguousarray(s)))

    @property
    def coefficients(self):
        """``(c, s)`` (degree+1, degree+1), fully normalised, zero beyond the order."""
        return self._coefficients

    @property
    def cut_degree(self) -> int:
        return self._coefficients[0].shape[0] - 1

    def structure(self) -> np.ndarray:
        """The kernel's field: c and s (degree+1)^2, then the recursion's a, b, k (degree+2)^2, flat;
        made once per field, degree and order while the field lives (a guidance loop that builds
        its model again reuses it)."""
        key = (id(self.field), self.cut_degree, self.order if self.order is not None else self.cut_degree)
        flat = _STRUCTURES.get(key)
        if flat is None:
            a, b, k = _recursion_coefficients(self.cut_degree + 1)
            flat = np.concatenate([x.ravel() for x in (*self._coefficients, a, b, k)])
            _STRUCTURES[key] = flat
            weakref.finalize(self.field, _STRUCTURES.pop, key, None)
        return flat

    def pack(self, packing: Packing):
        model = packing.model
        frame = model.field_frame()
        head = [self.field.gm_m3_s2, self.field.radius_m]
        if isinstance(frame, UniformRotation):
            kernel, extra = kernels.field_spin_term, [frame.rate_rad_s, frame.epoch_tdb_s, frame.angle_rad]
        elif frame == "inertial":
            kernel, extra = kernels.field_inertial_term, []
        elif frame in PCK_FRAMES:
            if PCK_FRAMES[frame] != model.body.naif_id:
                raise FarsideValueError("SphericalHarmonics.frame", frame,
                                        f"a body-fixed frame of the central body {model.body.name}")
            kernel, extra = kernels.field_pck_term, np.ascontiguousarray(frames.body_frame_offset(frame)).ravel()
        else:
            raise FarsideValueError("SphericalHarmonics.frame", frame,
                                    ", ".join(PCK_FRAMES) + ", inertial or a UniformRotation")
        packing.add(SphericalHarmonics, kernel, [self.cut_degree], [*head, *extra])
        packing.field = self.structure()


_STRUCTURES = {}
"""The kernels' field structures by (id of the field, degree, order), each dropped with its field."""


@cache
def _recursion_coefficients(degree):
    """The field recursion's coefficients, computed once per degree and shared by every field
    (the kernels only read them)."""
    return recursion_coefficients(degree)


def default_frame(body, field):
    """The frame a field is flown in when none is given: its own when farside realises it
    (GRGM1200A: MOON_PA_DE430), else the body's PCK frame (MOON_PA, ITRF93)."""
    if field.frame is not None and field.frame.upper() in PCK_FRAMES:
        return field.frame.upper()
    if body.naif_id == 301:
        return "MOON_PA"
    if body.naif_id == 399:
        return "ITRF93"
    raise FarsideValueError("SphericalHarmonics.frame", None, "a frame for a body other than the Moon or the Earth")
