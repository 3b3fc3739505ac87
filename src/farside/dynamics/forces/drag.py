"""Atmospheric drag about the Earth as a force term: NRLMSIS 2.1 (with its space weather) or USSA76."""
from dataclasses import dataclass

from farside.astro import bodies, space_weather
from farside.astro.time import Epoch
from farside.core import force_terms as kernels
from farside.dynamics import nrlmsis
from farside.dynamics.forces.term import ForceTerm, Packing, Slot, positive
from farside.errors import FarsideValueError

ATMOSPHERES = ("NRLMSIS2.1", "USSA76")
EARTH_ROTATION_RATE_RAD_S = 7.292115e-5
"""WGS84 nominal mean angular velocity of the Earth (NIMA TR8350.2)."""


@dataclass(frozen=True)
class Drag(ForceTerm):
    """Atmospheric drag on a cannonball of ``cd`` and ``area_m2`` about the Earth, the atmosphere
    co-rotating with the Earth; densities from ``atmosphere``: ``"NRLMSIS2.1"`` (pymsis, with
    CelesTrak space weather) or ``"USSA76"``; none above ``ceiling_m`` (default 2500 km). Only a
    model with NRLMSIS drag carries NRLMSIS's entry point."""
    cd: float
    area_m2: float
    atmosphere: str = "NRLMSIS2.1"
    ceiling_m: float = 2.5e6
    rank = 50

    def __post_init__(self):
        if self.atmosphere not in ATMOSPHERES:
            raise FarsideValueError("atmosphere", self.atmosphere, ", ".join(ATMOSPHERES))
        positive("cd", self.cd)
        positive("area_m2", self.area_m2)
        positive("ceiling_m", self.ceiling_m)

    def check(self, model):
        if model.body.naif_id != 399:
            raise FarsideValueError("terms", "Drag", f"drag about the Earth only (central body: {model.body.name})")

    def pack(self, packing: Packing):
        reals = [0.0] * kernels.N_DRAG_REALS
        reals[kernels.DRAG_CD_AREA] = self.cd * self.area_m2
        reals[kernels.DRAG_ROTATION_RATE] = EARTH_ROTATION_RATE_RAD_S
        reals[kernels.DRAG_ELLIPSOID_A] = bodies.WGS84_A_M
        reals[kernels.DRAG_ELLIPSOID_F] = bodies.WGS84_F
        reals[kernels.DRAG_CEILING] = self.ceiling_m
        if self.atmosphere == "USSA76":
            packing.add(Drag, kernels.drag_ussa76_term, (), reals)
            return
        weather = space_weather.load()
        tables = (weather.day_of_year, weather.f107, weather.f107a, weather.daily_ap, weather.ap3)
        ints = [weather.first_day, nrlmsis.model(), *(t.ctypes.data for t in tables), weather.day_of_year.shape[0]]
        reals[kernels.DRAG_UTC_MINUS_TDB] = _utc_minus_tdb(packing.epoch_tdb_s)
        packing.add(Drag, kernels.drag_msis_term, ints, reals)

    def set_epoch(self, arrays, slot: Slot, epoch_tdb_s: float):
        """UTC - TDB at the segment's start for NRLMSIS's space weather, held over the segment."""
        if self.atmosphere != "USSA76":
            arrays.reals[slot.r0 + kernels.DRAG_UTC_MINUS_TDB] = _utc_minus_tdb(epoch_tdb_s)


def _utc_minus_tdb(epoch_tdb_s):
    return Epoch.from_tdb_seconds(epoch_tdb_s).seconds("utc") - epoch_tdb_s
