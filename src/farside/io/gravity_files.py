"""Readers of spherical-harmonic gravity-field files into fully normalised coefficient arrays.

Formats:

- PDS SHA ``.tab`` (e.g. GRAIL GRGM1200A; Planetary Data System "SHADR" ASCII): a header line
  ``R_ref (km), GM (km^3/s^2), sigma GM, degree, order, normalisation, ref lon, ref lat``, then
  ``n, m, C, S, sigma C, sigma S`` rows. The PDS label beside it (``.lbl``) names the planetary
  ephemeris whose principal axes the field is expressed in.
- GeographicLib ``.cof`` (EGM84/96/2008 in ssa-data-gravity) with its ``.egm`` metadata:
  8-byte id, int32 N and M, then C in column order (m = 0..M, n = m..N), then S (m = 1..M), little
  endian; the file's C00 is 0 by convention (the central term is carried by GM) and is set to 1
  here (C. Karney, GeographicLib "Gravity models", file format).
- ICGEM ``.gfc`` (International Centre for Global Earth Models, format description 2011 and
  2.0): ``key value`` header up to ``end_of_head``, then ``gfc n m C S [sigmas]`` rows. Static
  fields only: time-variable ``gfct``/``trnd``/``acos``/``asin`` rows are refused with a message.

All return a :class:`GravityCoefficients` with ``C[n, m]``, ``S[n, m]`` (geodesy 4-pi fully
normalised, C00 = 1), ``gm_m3_s2`` and ``radius_m``.
"""
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from farside.errors import FarsideValueError


class GravityFileError(FarsideValueError):
    """A gravity file that cannot be read as the format it claims to be."""

    def __init__(self, path, problem: str, expected: str):
        super().__init__("path", str(path), f"{expected} ({problem})")


@dataclass(frozen=True)
class GravityCoefficients:
    """Fully normalised coefficients ``c[n, m]``, ``s[n, m]`` up to ``degree``, with GM (m^3/s^2),
    reference radius (m), the body-fixed frame the file says it belongs to (or None), and the
    file's own maximum degree."""
    c: np.ndarray
    s: np.ndarray
    gm_m3_s2: float
    radius_m: float
    frame: str | None
    file_degree: int
    source: str

    @property
    def degree(self) -> int:
        return self.c.shape[0] - 1


def check_degree(degree, file_degree, path):
    """``degree`` if it is an integer from 0 to ``file_degree`` (None: the file's), else an error naming it."""
    if degree is None:
        return file_degree
    if not isinstance(degree, (int, np.integer)) or degree < 0 or degree > file_degree:
        raise FarsideValueError("degree", degree, f"an integer from 0 to {file_degree}, the maximum of {path}")
    return int(degree)


def _triangle(degree):
    return np.zeros((degree + 1, degree + 1)), np.zeros((degree + 1, degree + 1))


def _pds_label_frame(tab_path: Path):
    label = tab_path.with_suffix(".lbl")
    if not label.exists():
        return None
    match = re.search(r"ephemeris used is\s+(de\d+)", label.read_text(errors="replace"), flags=re.I)
    return f"MOON_PA_{match.group(1).upper()}" if match else None


def read_pds_sha(path, degree=None) -> GravityCoefficients:
    """Read a PDS SHA ``.tab`` file (comma separated, header line first)."""
    path = Path(path)
    with open(path, "r", errors="replace") as handle:
        header = handle.readline()
        fields = [f for f in header.replace(",", " ").split()]
        try:
            radius_km, gm_km3, _, file_degree, _, normalised = (float(x) for x in fields[:6])
        except ValueError:
            raise GravityFileError(path, f"first line {header.strip()[:60]!r}",
                                   "a PDS SHA header: R_ref, GM, sigma GM, degree, order, normalisation") from None
        if int(normalised) != 1:
            raise GravityFileError(path, f"normalisation flag {int(normalised)}", "fully normalised coefficients (flag 1)")
        n_max = check_degree(degree, int(file_degree), path)
        rows = (n_max + 1) * (n_max + 2) // 2 - 1
        try:
            # numpy's C parser (correctly rounded, as float()): a third of the time of a Python split
            data = np.loadtxt(handle, delimiter="," if "," in header else None, max_rows=rows,
                              ndmin=2) if rows else np.empty((0, 6))
        except ValueError as error:
            raise GravityFileError(path, str(error).splitlines()[0][:80],
                                   "rows of n, m, C, S, sigma C, sigma S") from None
    if data.shape != (rows, 6):
        raise GravityFileError(path, f"{data.shape[0]} coefficient rows of {data.shape[1]} values for degree "
                               f"{n_max}", "rows of n, m, C, S, sigma C, sigma S")
    c, s = _triangle(n_max)
    n, m = data[:, 0].astype(int), data[:, 1].astype(int)
    c[n, m], s[n, m] = data[:, 2], data[:, 3]
    c[0, 0] = 1.0
    return GravityCoefficients(c, s, gm_km3 * 1e9, radius_km * 1e3, _pds_label_frame(path), int(file_degree), str(path))


def _egm_metadata(cof_path: Path):
    meta_path = cof_path.with_suffix("") if cof_path.suffix == ".cof" else cof_path
    if not meta_path.exists():
        raise GravityFileError(cof_path, f"no metadata file {meta_path.name}", "a GeographicLib .cof with its .egm beside it")
    meta = {}
    for line in meta_path.read_text().splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and not line.startswith("#"):
            meta[parts[0]] = parts[1].strip()
    return meta


def read_geographiclib_cof(path, degree=None) -> GravityCoefficients:
    """Read a GeographicLib gravity ``.cof`` file (and its ``.egm`` metadata)."""
    path = Path(path)
    meta = _egm_metadata(path)
    raw = path.read_bytes()
    if len(raw) < 16:
        raise GravityFileError(path, "file shorter than its header", "a GeographicLib .cof file")
    n_file, m_file = np.frombuffer(raw, dtype="<i4", count=2, offset=8)
    if not (0 <= m_file <= n_file <= 100000):
        raise GravityFileError(path, f"degree {n_file}, order {m_file} in the header", "a GeographicLib .cof file")
    n_file, m_file = int(n_file), int(m_file)
    n_c = (m_file + 1) * (2 * n_file - m_file + 2) // 2
    n_s = m_file * (2 * n_file - m_file + 1) // 2
    if len(raw) < 16 + 8 * (n_c + n_s):
        raise GravityFileError(path, "file shorter than its coefficient count", "a GeographicLib .cof file")
    c_flat = np.frombuffer(raw, dtype="<f8", count=n_c, offset=16)
    s_flat = np.frombuffer(raw, dtype="<f8", count=n_s, offset=16 + 8 * n_c)
    n_max = check_degree(degree, n_file, path)
    c, s = _triangle(n_max)
    pos_c = pos_s = 0
    for m in range(m_file + 1):
        count = n_file - m + 1
        keep = max(0, min(n_max, n_file) - m + 1)
        if m <= n_max:
            c[m:m + keep, m] = c_flat[pos_c:pos_c + keep]
            if m > 0:
                s[m:m + keep, m] = s_flat[pos_s:pos_s + keep]
        pos_c += count
        if m > 0:
            pos_s += count
    c[0, 0] = 1.0
    return GravityCoefficients(c, s, float(meta["ModelMass"]), float(meta["ModelRadius"]), "ITRF93", n_file, str(path))


def read_icgem_gfc(path, degree=None) -> GravityCoefficients:
    """Read a static ICGEM ``.gfc`` file."""
    path = Path(path)
    header = {}
    with open(path, "r", errors="replace") as handle:
        for line in handle:
            if line.strip().startswith("end_of_head"):
                break
            parts = line.split()
            if len(parts) >= 2:
                header[parts[0].lower()] = parts[1]
        else:
            raise GravityFileError(path, "no end_of_head line", "an ICGEM .gfc file")
        body = handle.read().split("\n")
    try:
        gm = float(header.get("earth_gravity_constant", header.get("gravity_constant")).replace("D", "E"))
        radius = float(header["radius"].replace("D", "E"))
        file_degree = int(header["max_degree"])
    except (KeyError, AttributeError, ValueError):
        raise GravityFileError(path, "missing earth_gravity_constant, radius or max_degree",
                               "an ICGEM header with those keys") from None
    if header.get("norm", "fully_normalized").lower() != "fully_normalized":
        raise GravityFileError(path, f"norm {header['norm']}", "fully_normalized coefficients")
    n_max = check_degree(degree, file_degree, path)
    c, s = _triangle(n_max)
    for line in body:
        parts = line.replace("D", "E").replace("d", "e").split()
        if not parts:
            continue
        if parts[0] != "gfc":
            raise GravityFileError(path, f"row key {parts[0]!r}", "static 'gfc' rows (time-variable terms are not read)")
        n, m = int(parts[1]), int(parts[2])
        if n <= n_max and m <= n_max:
            c[n, m], s[n, m] = float(parts[3]), float(parts[4])
    c[0, 0] = 1.0
    return GravityCoefficients(c, s, gm, radius, None, file_degree, str(path))
