"""CZML (Cesium's JSON scene format, CZML 1.0): sampled positions of objects about the Earth in
Cesium's INERTIAL frame (ICRF axes), with a path and a point each, and a document clock spanning
them. Times are seconds after an ISO 8601 UTC epoch; positions are metres. Written atomically.
"""
import json
from dataclasses import dataclass

import numpy as np

from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.io.atomic import atomic_write

INTERPOLATION_DEGREE = 5


@dataclass
class CzmlObject:
    """An object's ``positions_m`` (n, 3), Earth-centred ICRF axes, at ``epochs`` (`Epoch`, n)."""
    id: str
    name: str
    epochs: Epoch
    positions_m: np.ndarray
    rgba: tuple = (255, 255, 0, 255)

    def __post_init__(self):
        self.positions_m = np.asarray(self.positions_m, dtype=float)
        if self.positions_m.shape != (len(self.epochs), 3) or not np.all(np.isfinite(self.positions_m)):
            raise FarsideValueError("positions_m", f"shape {self.positions_m.shape}",
                                    f"finite positions of shape ({len(self.epochs)}, 3)")


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
        color = {"rgba": list(o.rgba)}
        packets.append({
            "id": o.id, "name": o.name,
            "availability": f"{_utc(first)}/{_utc(o.epochs[len(o.epochs) - 1])}",
            "position": {"interpolationAlgorithm": "LAGRANGE", "interpolationDegree": INTERPOLATION_DEGREE,
                         "referenceFrame": "INERTIAL", "epoch": _utc(first),
                         "cartesian": [round(float(v), 3) for v in samples]},
            "path": {"show": True, "width": 1, "leadTime": 0, "trailTime": 86400, "resolution": 120,
                     "material": {"solidColor": {"color": color}}},
            "point": {"pixelSize": 6, "color": color},
        })
    atomic_write(path, lambda h: h.write(json.dumps(packets)), binary=False)
