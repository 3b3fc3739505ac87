"""A force model: a central body and a list of terms, packed for the compiled force sum.

    model = ForceModel("moon", [SphericalHarmonics(gravity.load("GRGM1200A", 100), "MOON_PA"),
                                ThirdBodies(("earth", "sun"))])

Without a :class:`SphericalHarmonics` term the central body is a point mass with its DE440 GM.
:meth:`ForceModel.pack` returns the :class:`PackedForces` whose ``arrays`` (a
:class:`farside.core.force_model.ForceArrays`) the propagation kernels take: the process's
environment header, then each term's row, packed by the term itself in rank order. Packing again
with other values reuses the compiled code; a guidance loop writes into the packed arrays
(:meth:`PackedForces.set_thrust`) instead.
"""
import warnings
from dataclasses import dataclass, field

import numpy as np

from farside.astro import bodies
from farside.core import force_model as core
from farside.dynamics.force_environment import BODY_ORIENTATIONS, environment, prepare_events
from farside.dynamics.forces import PCK_FRAMES, ForceTerm, Packing, SphericalHarmonics, Thrust, default_frame
from farside.errors import FarsideValueError


class FieldFrameWarning(UserWarning):
    """A gravity field is used in a realisation of its body-fixed frame other than its own."""


@dataclass
class PackedForces:
    """A model's kernel arrays and where each term sits in them (``slots`` by term class)."""
    model: "ForceModel"
    arrays: core.ForceArrays
    slots: dict

    def set_thrust(self, thrust: Thrust | None):
        """Fly ``thrust`` (None: none) from the thrust row, in place (packed with ``thrust_slot``)."""
        slot = self.slots[Thrust]
        if thrust is None:
            Thrust.clear(self.arrays, slot)
        else:
            thrust.write(self.arrays, slot)

    def set_epoch(self, epoch_tdb_s: float):
        """Write the parameters that follow a segment's start epoch (TDB s past J2000): UTC - TDB
        for NRLMSIS's space weather, held over the segment."""
        for term in self.model.terms:
            term.set_epoch(self.arrays, self.slots[type(term)], epoch_tdb_s)


@dataclass
class ForceModel:
    """Central body (name or NAIF id) and force terms; ``central_gm_m3_s2`` replaces the
    point-mass GM of the central body (DE440's by default; a field brings its own)."""
    central_body: object
    terms: list = field(default_factory=list)
    central_gm_m3_s2: float | None = None

    def __post_init__(self):
        self.body = bodies.get(self.central_body)
        kinds = [type(t) for t in self.terms]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                raise FarsideValueError("terms", kind.__name__, "each kind of term at most once")
        for term in self.terms:
            if not isinstance(term, ForceTerm):
                raise FarsideValueError("terms", term, ", ".join(k.__name__ for k in ForceTerm.kinds()))
            term.check(self)
        frame = self.field_frame()
        if isinstance(frame, str) and frame in PCK_FRAMES:
            mismatch = self.term(SphericalHarmonics).field.frame_mismatch(frame)
            if mismatch:
                warnings.warn(mismatch, FieldFrameWarning, stacklevel=3)
        gm = self.central_gm_m3_s2
        if gm is not None and not (np.isfinite(gm) and gm > 0.0):
            raise FarsideValueError("central_gm_m3_s2", gm, "a finite GM > 0 m^3/s^2, or None")

    def term(self, kind):
        return next((t for t in self.terms if isinstance(t, kind)), None)

    def with_term(self, term):
        """A copy with ``term`` replacing the term of its kind (or added)."""
        kept = [t for t in self.terms if not isinstance(t, type(term))]
        return ForceModel(self.central_body, kept + [term], self.central_gm_m3_s2)

    def without(self, kind):
        return ForceModel(self.central_body, [t for t in self.terms if not isinstance(t, kind)],
                          self.central_gm_m3_s2)

    def field_frame(self):
        """The frame the field is flown in (name, ``"inertial"`` or `UniformRotation`), or None."""
        harmonics = self.term(SphericalHarmonics)
        if harmonics is None:
            return None
        return harmonics.frame if harmonics.frame is not None else default_frame(self.body, harmonics.field)

    def field_orientation(self):
        """The binary-PCK orientation the field's frame comes from, or None."""
        frame = self.field_frame()
        if isinstance(frame, str) and frame in PCK_FRAMES:
            return self.body_orientation()
        return None

    def body_orientation(self):
        """The central body's binary-PCK orientation (Moon PA, Earth ITRF93), or None."""
        loader = BODY_ORIENTATIONS.get(self.body.naif_id)
        return loader() if loader else None

    @property
    def gm_m3_s2(self) -> float:
        harmonics = self.term(SphericalHarmonics)
        if harmonics:
            return harmonics.field.gm_m3_s2
        return self.central_gm_m3_s2 if self.central_gm_m3_s2 is not None else self.body.gm_m3_s2

    def pack(self, epoch_tdb_s: float = 0.0, *, events=(), thrust_slot: bool = False) -> PackedForces:
        """The kernel's arrays: ``epoch_tdb_s`` (the segment start) fixes UTC - TDB for drag;
        ``events``: the `Event` list the arrays are flown with (the ephemeris and the body's frame
        are prepared for them); ``thrust_slot``: a thrust row (off) even without a `Thrust` term,
        for guidance to set."""
        env = environment(self.body.naif_id)
        ints, reals = env.ints.copy(), env.reals.copy()
        reals[core.R_GM] = self.gm_m3_s2
        harmonics = self.term(SphericalHarmonics)
        ints[core.I_FIELD_DEGREE] = -1 if harmonics is None else harmonics.cut_degree
        ints[core.I_POINT_MASS] = 1 if harmonics is None else 0
        prepare_events(ints, events, env)
        packing = Packing(self, epoch_tdb_s, ints, reals)
        steps = [(term.rank, term.pack) for term in self.terms]
        if thrust_slot and self.term(Thrust) is None:
            steps.append((Thrust.rank, Thrust.pack_off))
        for _, pack in sorted(steps, key=lambda step: step[0]):
            pack(packing)
        return PackedForces(self, packing.arrays(), packing.slots)

    def arrays(self, epoch_tdb_s: float = 0.0) -> core.ForceArrays:
        """The kernel's arrays (see :meth:`pack`), for a flight without events."""
        return self.pack(epoch_tdb_s).arrays
