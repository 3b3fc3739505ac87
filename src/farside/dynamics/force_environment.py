"""The per-process environment of the compiled force sum: the ephemeris and the central body's
orientation tables, read once, and the header of :class:`farside.core.force_model.ForceArrays`
that points to them.

The tables stay in memory for the process (``ephemeris.default``, ``moon_pa``, ``earth_itrf93``
are loaded once and kept here); a packed model holds only their addresses and sizes, so packing a
model copies no table and the kernels take four small arrays, whatever the tables' size.
"""
from dataclasses import dataclass
from functools import cache

import numpy as np

from farside.astro import bodies, ephemeris
from farside.astro.orientation import earth_itrf93, moon_pa
from farside.core import force_model as core
from farside.core import force_terms
from farside.core.jit import compiled_address

BODY_ORIENTATIONS = {301: moon_pa, 399: earth_itrf93}
"""The binary-PCK orientation of each body that has one, by NAIF id."""


@dataclass(frozen=True)
class Environment:
    """The header (``ints``, ``reals``) of every model about one central body, and the tables it
    points to (kept alive here)."""
    ints: np.ndarray
    reals: np.ndarray
    tables: tuple
    has_orientation: bool


def _check_tables(arrays):
    for a in arrays:
        if not a.flags["C_CONTIGUOUS"] or a.dtype not in (np.float64, np.int64):
            raise ValueError(f"a kernel table must be C-contiguous float64 or int64, not {a.dtype} {a.shape}")


@cache
def environment(naif_id: int) -> Environment:
    """The environment of models about body ``naif_id``, built once per process."""
    eph = ephemeris.default()
    coef, seg_f, seg_i, links, chains = tables = eph.kernel_args()
    ints, reals = core.empty_header()
    ints[core.I_CENTER_ROW] = eph.index(naif_id)
    ints[core.I_SUN_ROW] = eph.index("sun")
    ints[core.I_EPH:core.I_EPH + core.N_EPH] = (coef.ctypes.data, coef.size, seg_f.ctypes.data, seg_i.ctypes.data,
                                                seg_f.shape[0], links.ctypes.data, links.shape[0],
                                                chains.ctypes.data, *chains.shape)
    reals[core.R_AU] = bodies.AU_M
    reals[core.R_SUN_RADIUS] = bodies.get("sun").equatorial_radius_m
    reals[core.R_C_LIGHT] = bodies.SPEED_OF_LIGHT_M_S
    loader = BODY_ORIENTATIONS.get(naif_id)
    if loader is not None:
        orientation = loader()
        t = orientation.table
        first, count = t.links[orientation.link]
        ints[core.I_PCK:core.I_PCK + core.N_PCK] = (t.coef.ctypes.data, t.coef.size, t.seg_f.ctypes.data,
                                                    t.seg_i.ctypes.data, t.seg_f.shape[0], first, count)
        reals[core.R_PCK_BASE:core.R_PCK_BASE + 9] = np.asarray(orientation.base, dtype=float).ravel()
        tables = (*tables, t.coef, t.seg_f, t.seg_i)
    _check_tables(tables)
    return Environment(ints, reals, tables, loader is not None)


def prepare_events(ints, events, env: Environment):
    """Write into a model's ``ints`` the addresses of what ``events`` evaluate: the compiled
    ephemeris state and the PCK rotation, each compiled the first time a flight's events need it."""
    if any(e.needs_ephemeris for e in events):
        ints[core.I_STATE_ADDRESS] = compiled_address(force_terms.body_state, core.STATE_SIGNATURE)
    if env.has_orientation and any(e.needs_body_frame for e in events):
        ints[core.I_ORIENTATION_ADDRESS] = compiled_address(force_terms.body_frame_rotation, core.ROTATION_SIGNATURE)
