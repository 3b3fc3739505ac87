"""CZML (Cesium's JSON scene format, CZML 1.0): sampled positions of objects with a path and a
point each (or, for a body, an ellipsoid and a label), and a document clock spanning them. Times
are seconds after an ISO 8601 UTC epoch; positions are metres. Written atomically.

Two frames: about the Earth in Cesium's ``INERTIAL`` frame (ICRF axes), where :func:`moon_object`
adds the Moon as an entity on its DE440s path; and about the Moon in its body-fixed MOON_ME axes as
Cesium's ``FIXED`` frame, for a viewer whose globe is the Moon (``Cesium.Ellipsoid.MOON``), where
:func:`moon_fixed` turns positions about the Moon from GCRF to MOON_ME axes.
"""
import json
from dataclasses import dataclass

import numpy as np

from farside.astro import ephemeris, frames
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.io.atomic import atomic_write

INTERPOLATION_DEGREE = 5
REFERENCE_FRAMES = ("INERTIAL", "FIXED")
MOON_RGBA = (170, 170, 170, 255)


@dataclass
class CzmlObject:
    """An object's ``positions_m`` (n, 3) at ``epochs`` (`Epoch`, n): Earth-centred ICRF axes with
    ``reference_frame`` ``INERTIAL``, Moon-centred MOON_ME axes with ``FIXED`` (a Moon-globe viewer).
    With ``radius_m`` the object is a body drawn as a sphere of that radius with its name."""
    id: str
    name: str
    epochs: Epoch
    positions_m: np.ndarray
    rgba: tuple = (255, 255, 0, 255)
    reference_frame: str = "INERTIAL"
    radius_m: float | None = None

    def __post_init__(self):
        if self.reference_frame not in REFERENCE_FRAMES:
            raise FarsideValueError("reference_frame", self.reference_frame, " or ".join(REFERENCE_FRAMES))
        self.positions_m = np.asarray(self.positions_m, dtype=float)
        if self.positions_m.shape != (len(self.epochs), 3) or not np.all(np.isfinite(self.positions_m)):
            raise FarsideValueError("positions_m", f"shape {self.positions_m.shape}",
                                    f"finite positions of shape ({len(self.epochs)}, 3)")


def moon_object(epochs: Epoch) -> CzmlObject:
    """The Moon about the Earth (DE440s, ICRF axes) at ``epochs``, a 1737.4 km sphere."""
    r, _ = ephemeris.state("moon", epochs, center="earth")
    return CzmlObject("moon", "Moon", epochs, np.atleast_2d(r), MOON_RGBA, "INERTIAL", MOON_MEAN_RADIUS_M)


def moon_fixed(epochs: Epoch, positions_m) -> np.ndarray:
    """Positions about the Moon (m, GCRF axes) in the Moon's body-fixed MOON_ME axes."""
    return np.einsum("nij,nj->ni", np.reshape(frames.rotation("GCRF", "MOON_ME", epochs), (-1, 3, 3)),
                     np.atleast_2d(positions_m))


def _graphics(o: CzmlObject) -> dict:
    color = {"rgba": list(o.rgba)}
    if o.radius_m is not None:
        return {"ellipsoid": {"radii": {"cartesian": [o.radius_m] * 3}, "material": {"solidColor": {"color": color}}},
                "label": {"text": o.name, "fillColor": color, "pixelOffset": {"cartesian2": [0, -20]}}}
    return {"path": {"show": True, "width": 1, "leadTime": 0, "trailTime": 86400, "resolution": 120,
                     "material": {"solidColor": {"color": color}}},
            "point": {"pixelSize": 6, "color": color}}


_SPLIT = 134217729.0
"""2**27 + 1: Veltkamp's splitting constant of a float64 (Dekker 1971)."""


def _rounded_mm(values: np.ndarray) -> list:
    """``[round(v, 3) for v in values]`` (Python's correctly rounded decimal rounding), computed on
    the whole array: the product ``v * 1000`` and its exact error (Dekker's two-product) decide the
    integer of millimetres, ties to even, and the division by 1000 is correctly rounded as
    Python's conversion of the decimal is. Values beyond 2**52 mm go through ``round``."""
    p = values * 1000.0
    if not np.all(np.abs(p) < 2.0 ** 52):
        return [round(v, 3) for v in values.tolist()]
    c = _SPLIT * values
    hi = c - (c - values)
    lo = values - hi
    error = ((hi * 1000.0 - p) + lo * 1000.0)   # 1000 splits exactly as (1000, 0)
    q = np.rint(p)
    half = p - q   # exact: both within 0.5 of each other
    q += (half == 0.5) & (error > 0.0)
    q -= (half == -0.5) & (error < 0.0)
    return np.copysign(q / 1000.0, values).tolist()   # a value rounded to zero keeps its sign


def _utc(epoch: Epoch) -> str:
    return epoch.iso("utc", 3) + "Z"


def write_czml(path, name, objects, multiplier=3600.0):
    """Write ``objects`` (`CzmlObject` list) as a CZML document named ``name``."""
    objects = list(objects)
    if not objects:
        raise FarsideValueError("objects", objects, "at least one CzmlObject")
    start = min(o.epochs.tdb_seconds[0] for o in objects)
    end = max(o.epochs.tdb_seconds[-1] for o in objects)
    interval = f"{_utc(Epoch.from_tdb_seconds(start))}/{_utc(Epoch.from_tdb_seconds(end))}"
    packets = [{"id": "document", "name": name, "version": "1.0",
                "clock": {"interval": interval, "currentTime": _utc(Epoch.from_tdb_seconds(start)),
                          "multiplier": multiplier, "range": "LOOP_STOP", "step": "SYSTEM_CLOCK_MULTIPLIER"}}]
    for o in objects:
        first = o.epochs[0]
        utc = o.epochs.seconds("utc")
        offsets = utc - utc[0]
        samples = np.column_stack([offsets, o.positions_m]).ravel()
        packets.append({
            "id": o.id, "name": o.name,
            "availability": f"{_utc(first)}/{_utc(o.epochs[len(o.epochs) - 1])}",
            "position": {"interpolationAlgorithm": "LAGRANGE", "interpolationDegree": INTERPOLATION_DEGREE,
                         "referenceFrame": o.reference_frame, "epoch": _utc(first),
                         "cartesian": _rounded_mm(samples)},
            **_graphics(o),
        })
    atomic_write(path, lambda h: h.write(json.dumps(packets)), binary=False)
