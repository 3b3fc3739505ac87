"""Reference frames and the rotations between them (3x3) and state transforms (6x6).

Frames (names case-insensitive):

| name | axes | source |
|---|---|---|
| GCRF, ICRF, J2000 | ICRF axes (the axes of the DE440 kernels; SPICE's "J2000") | — |
| MCI | Moon-centred inertial: ICRF axes (the centre is the state's, not the frame's) | — |
| EME2000 | mean equator and equinox of J2000: ICRF with the IAU 2006 frame bias | IERS Conventions 2010, eq. 5.21 |
| ECLIPJ2000 | mean ecliptic and equinox of J2000, obliquity 84381.448" (SPICE's definition, from the ICRF) | Lieske et al. 1977 |
| ITRF93, ITRF | Earth-fixed, NAIF high-precision EOP PCK; IAU 2006/2000A + IERS EOP outside it | IERS Conventions 2010 |
| MOON_PA | Moon principal axes of DE440 | Park et al. 2021 |
| MOON_ME | Moon mean-Earth/polar axes (DE421 realisation), fixed rotation from MOON_PA | Park et al. 2021; NAIF moon_de440_220930.tf |

A state transform is ``[[R, 0], [dR/dt, R]]``: it includes the transport term of rotating frames.
Local orbital frames (RIC/RSW, LVLH, VNC) depend on a state: see :mod:`farside.astro.local_frames`;
topocentric frames at a site: :mod:`farside.astro.sites`.
"""
import warnings
from typing import TYPE_CHECKING

import numpy as np

from farside.astro import orientation
from farside.astro.earth_rotation_iau import gcrf_to_itrf
from farside.astro.orientation import ARCSEC, OBLIQUITY_J2000_RAD, ecliptic_rotation
from farside.core.rotation import axis_rotation_hf
from farside.errors import OutOfCoverageError, UnknownNameError

if TYPE_CHECKING:
    from farside.astro.time import TimeArgument

MAS = ARCSEC / 1000.0
FRAME_BIAS_DPSI_RAD = -41.7750 * MAS
FRAME_BIAS_ETA0_RAD = -6.8192 * MAS
FRAME_BIAS_DA0_RAD = -14.6 * MAS
FRAME_BIAS_XI0_RAD = FRAME_BIAS_DPSI_RAD * np.sin(OBLIQUITY_J2000_RAD)
"""IAU 2000 frame bias (IERS Conventions 2010, §5.5.4; MHB2000): xi0 = dpsi sin(eps0) = -16.617 mas,
eta0 = -6.8192 mas, d(alpha)0 = -14.6 mas."""

PA_TO_ME_ANGLES_ARCSEC = (-67.8526, -78.6944, -0.2785)
PA_TO_ME_AXES = (3, 2, 1)
"""DE440 PA -> DE421 ME: rotate -67.8526" about z, then -78.6944" about y, then -0.2785"
about x (Park et al. 2021, §7; NAIF moon_de440_220930.tf gives the inverse as a TK frame)."""

PA430_TO_ME_ANGLES_ARCSEC = (-67.737, -78.627, -0.295)
"""DE430 PA -> DE421 ME, same axes and convention (Williams, Boggs & Folkner 2013, "DE430 Lunar
Orbit, Physical Librations, and Surface Coordinates", JPL IOM 335-JW,DB,WF-20080314-001 update)."""

ALIASES = {"ICRF": "GCRF", "J2000": "GCRF", "MCI": "GCRF", "ITRF": "ITRF93", "MOON_PA_DE440": "MOON_PA",
           "MOON_ME_DE421": "MOON_ME", "ECLIPTIC_J2000": "ECLIPJ2000"}
FRAMES = ("GCRF", "EME2000", "ECLIPJ2000", "ITRF93", "MOON_PA", "MOON_ME", "MOON_PA_DE430")
_warned: set[str] = set()


def _chain(axes_angles):
    out = np.eye(3)
    step = np.empty((3, 3))
    for axis, angle in axes_angles:
        axis_rotation_hf(axis, angle, step)
        out = step @ out
    return out


def frame_bias() -> np.ndarray:
    """Rotation GCRF -> EME2000: ``R_1(-eta0) R_2(xi0) R_3(da0)`` (IERS Conventions 2010, eq. 5.21)."""
    return _chain([(3, FRAME_BIAS_DA0_RAD), (2, FRAME_BIAS_XI0_RAD), (1, -FRAME_BIAS_ETA0_RAD)])


def moon_pa_to_me() -> np.ndarray:
    """Constant rotation MOON_PA (DE440) -> MOON_ME (DE421 mean Earth/polar axes)."""
    return _chain([(axis, angle * ARCSEC) for axis, angle in zip(PA_TO_ME_AXES, PA_TO_ME_ANGLES_ARCSEC)])


def moon_pa_to_pa_de430() -> np.ndarray:
    """Constant rotation MOON_PA (DE440) -> MOON_PA_DE430, through the DE421 mean-Earth frame
    both papers tie their principal axes to: ``R(PA430 -> ME)^T R(PA440 -> ME)``. About 0.135"
    (1.1 m at the lunar surface). Only the constant part of the difference: the two ephemerides'
    libration time series also differ, by amounts this does not capture."""
    pa430_to_me = _chain([(axis, angle * ARCSEC) for axis, angle in zip(PA_TO_ME_AXES, PA430_TO_ME_ANGLES_ARCSEC)])
    return pa430_to_me.T @ moon_pa_to_me()


def body_frame_offset(frame: str) -> np.ndarray:
    """The constant rotation from the frame's PCK realisation to ``frame`` (identity for the PCK
    frames themselves)."""
    frame = canonical(frame)
    if frame == "MOON_ME":
        return moon_pa_to_me()
    if frame == "MOON_PA_DE430":
        return moon_pa_to_pa_de430()
    return np.eye(3)


def canonical(name) -> str:
    """The canonical name of a frame, or `UnknownNameError` listing the known ones."""
    key = str(name).strip().upper()
    key = ALIASES.get(key, key)
    if key not in FRAMES:
        raise UnknownNameError("frame", name, list(FRAMES) + list(ALIASES))
    return key


def _itrf(t1, t2):
    pck = orientation.earth_itrf93()
    inside = pck.covers(t1 + t2)
    rot = np.empty((t1.shape[0], 3, 3))
    rot_dot = np.empty_like(rot)
    if np.any(inside):
        rot[inside], rot_dot[inside] = pck.rotations(t1[inside], t2[inside])
    if not np.all(inside):
        if "itrf" not in _warned:
            _warned.add("itrf")
            warnings.warn("ITRF93 outside the span of earth_latest_high_prec.bpc: using IAU 2006/2000A "
                          "with IERS EOP from finals2000A.all", stacklevel=4)
        rot[~inside], rot_dot[~inside] = gcrf_to_itrf(t1[~inside], t2[~inside])
    return rot, rot_dot


def _pck(pck, t1, t2, name):
    inside = pck.covers(t1 + t2)
    if not np.all(inside):
        from farside.astro.time import Epoch
        bad = (t1 + t2)[~inside][0]
        raise OutOfCoverageError("t", Epoch.from_tdb_seconds(bad).iso("tdb"),
                                 f"{Epoch.from_tdb_seconds(pck.start_s).iso('tdb', 0)} to "
                                 f"{Epoch.from_tdb_seconds(pck.end_s).iso('tdb', 0)} TDB ({name}, "
                                 f"{pck.table.source})")
    return pck.rotations(t1, t2)


_CONSTANT_ROTATIONS = {"GCRF": lambda: np.eye(3), "EME2000": frame_bias, "ECLIPJ2000": ecliptic_rotation,
                       "MOON_ME": moon_pa_to_me, "MOON_PA_DE430": moon_pa_to_pa_de430}
"""The constant rotations of `_from_gcrf`: GCRF to an inertial frame, MOON_PA to a lunar frame."""
_constants: dict[str, np.ndarray] = {}


def _constant(frame) -> np.ndarray:
    """The constant rotation of ``frame`` (see `_CONSTANT_ROTATIONS`), computed once, read-only."""
    if frame not in _constants:
        m = _CONSTANT_ROTATIONS[frame]()
        m.setflags(write=False)
        _constants[frame] = m
    return _constants[frame]


def _from_gcrf(frame, t1, t2):
    """(R, dR/dt) GCRF -> frame, each (n, 3, 3)."""
    n = t1.shape[0]
    if frame in ("GCRF", "EME2000", "ECLIPJ2000"):
        return np.broadcast_to(_constant(frame), (n, 3, 3)).copy(), np.zeros((n, 3, 3))
    if frame == "ITRF93":
        return _itrf(t1, t2)
    rot, rot_dot = _pck(orientation.moon_pa(), t1, t2, "MOON_PA")
    if frame != "MOON_PA":
        m = _constant(frame)
        return m @ rot, m @ rot_dot
    return rot, rot_dot


_LATEST: dict[tuple, tuple] = {}
"""`_from_gcrf` at single epochs, by (frame, t1, t2), for the latest few: a frame asked for again
at the same instant (both directions of a transform, a guidance cycle's several uses) is
computed once (emptied when full). The arrays never leave this module (`_pair` makes new ones
from them)."""
_LATEST_SIZE = 64


def _from_gcrf_at(frame, t1, t2):
    """`_from_gcrf`, kept in `_LATEST` for a single epoch."""
    if t1.shape[0] != 1:
        return _from_gcrf(frame, t1, t2)
    key = (frame, float(t1[0]), float(t2[0]))
    pair = _LATEST.get(key)
    if pair is None:
        if len(_LATEST) >= _LATEST_SIZE:
            _LATEST.clear()
        pair = _LATEST[key] = _from_gcrf(frame, t1, t2)
    return pair


def _epochs(t):
    from farside.astro.time import tdb_parts
    return tdb_parts(t)


def _pair(from_frame, to_frame, t):
    a, b = canonical(from_frame), canonical(to_frame)
    t1, t2, scalar = _epochs(t)
    ra, da = _from_gcrf_at(a, t1, t2)
    rb, db = _from_gcrf_at(b, t1, t2)
    ra_t = np.swapaxes(ra, -1, -2)
    rot = rb @ ra_t
    rot_dot = db @ ra_t + rb @ np.swapaxes(da, -1, -2)
    return rot, rot_dot, scalar


def rotation(from_frame: str, to_frame: str, t: "TimeArgument") -> np.ndarray:
    """Rotation matrix taking vectors in ``from_frame`` to ``to_frame`` at epoch(s) ``t``.

    ``t`` is an epoch (`farside.astro.time.EpochLike`: an `Epoch`, astropy ``Time``, datetime or
    ISO string) or TDB seconds past J2000; the result is (3, 3), or (n, 3, 3).
    """
    rot, _, scalar = _pair(from_frame, to_frame, t)
    return rot[0] if scalar else rot


def transform(from_frame: str, to_frame: str, t: "TimeArgument") -> np.ndarray:
    """6x6 state transform ``[[R, 0], [dR/dt, R]]`` (position m, velocity m/s)."""
    rot, rot_dot, scalar = _pair(from_frame, to_frame, t)
    out = np.zeros((rot.shape[0], 6, 6))
    out[:, :3, :3] = rot
    out[:, 3:, 3:] = rot
    out[:, 3:, :3] = rot_dot
    return out[0] if scalar else out
