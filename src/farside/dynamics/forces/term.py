"""What every force term is: a value object (SI parameters) that packs itself into the arrays of
the compiled force sum (:mod:`farside.core.force_model`).

A term class sets ``rank`` (its place in the sum: terms are added in rank order, so the same
model gives the same bits whatever the order of its list) and implements :meth:`ForceTerm.pack`,
which asks the :class:`Packing` for a row: the term's kernel (a function of
:mod:`farside.core.force_terms`, compiled the first time a model uses it) and its integers and
reals. Adding a term (lift and bank, a pressure-dependent thrust) is a new subclass with its
kernel; nothing else changes. Subclasses register themselves (:func:`ForceTerm.kinds`).
"""
from dataclasses import dataclass

import numpy as np

from farside.core import force_model as core
from farside.core.jit import compiled_address
from farside.errors import FarsideValueError

NO_FIELD = np.zeros(1)


def positive(name, value, allowed="a finite number > 0"):
    value = float(value)
    if not (np.isfinite(value) and value > 0.0):
        raise FarsideValueError(name, value, allowed)
    return value


@dataclass(frozen=True)
class Slot:
    """Where a term sits in a packed model: its row of ``terms``, first int and first real."""
    row: int
    i0: int
    r0: int


class Packing:
    """The arrays of one model being packed: the header (``core.I_*``, ``core.R_*``), then a row
    and slots per term. ``model`` is the `ForceModel`, ``epoch_tdb_s`` the segment start."""

    def __init__(self, model, epoch_tdb_s, header_ints, header_reals):
        self.model = model
        self.epoch_tdb_s = epoch_tdb_s
        self.ints = [int(x) for x in header_ints]
        self.reals = [float(x) for x in header_reals]
        self.rows = []
        self.field = NO_FIELD
        self.slots = {}

    def add(self, kind, kernel, ints=(), reals=()) -> Slot:
        """A row for the term class ``kind`` calling ``kernel`` (None: off until written), with
        its ``ints`` and ``reals`` appended to the model's."""
        slot = Slot(len(self.rows), len(self.ints), len(self.reals))
        self.ints += [int(x) for x in ints]
        self.reals += [float(x) for x in reals]
        self.rows.append((kernel_address(kernel), slot.i0, slot.r0))
        self.slots[kind] = slot
        return slot

    def arrays(self) -> core.ForceArrays:
        terms = np.array(self.rows, dtype=np.int64).reshape(len(self.rows), 3)
        return core.ForceArrays(terms, np.array(self.ints, dtype=np.int64), np.array(self.reals), self.field)


def kernel_address(kernel) -> int:
    """The compiled address of a term kernel (0 for None)."""
    return 0 if kernel is None else compiled_address(kernel, core.TERM_SIGNATURE)


class ForceTerm:
    """Base of the force terms (frozen dataclasses)."""
    rank: int = 0
    _kinds: list = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        ForceTerm._kinds.append(cls)

    @staticmethod
    def kinds() -> list:
        """Every term class, in the order they were defined."""
        return list(ForceTerm._kinds)

    def check(self, model):
        """Refuse a model this term cannot be flown in (`FarsideValueError`); default: any."""

    def pack(self, packing: Packing):
        """Add this term's row, integers and reals to ``packing``."""
        raise NotImplementedError

    def set_epoch(self, arrays, slot: Slot, epoch_tdb_s: float):
        """Write the parameters that follow a segment's start epoch; default: none."""
