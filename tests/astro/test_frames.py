"""Frames against SPICE (pxform, sxform), ERFA (frame bias) and astropy (ITRS, fallback path)."""
import numpy as np
import pytest

import farside as fs
from farside.astro import frames, orientation
from farside.astro.earth_rotation_iau import gcrf_to_itrf
from farside.errors import OutOfCoverageError, UnknownNameError

SPICE_NAMES = {"GCRF": "J2000", "MOON_PA": "MOON_PA_DE440", "MOON_ME": "MOON_ME_DE440_ME421",
               "ITRF93": "ITRF93", "ECLIPJ2000": "ECLIPJ2000"}
MISSION_ERA = (-9.0e8, 1.6e9)  # 1971 to 2050


def _epochs(n, seed, span=MISSION_ERA):
    return np.random.default_rng(seed).uniform(*span, n)


def _spin_axis_error(mine, ref):
    """Small-angle components (rad) of ref . mine^T about the target frame's x, y, z axes."""
    d = np.einsum("nij,nkj->nik", ref, mine)
    return np.stack([d[:, 1, 2], d[:, 2, 0], d[:, 0, 1]], axis=1)


@pytest.mark.parametrize("frame", ["MOON_PA", "MOON_ME"])
def test_moon_frames_match_spice(spice, frame):
    ts = _epochs(2000, seed=11)
    mine = frames.transform("GCRF", frame, ts)
    ref = np.array([spice.sxform("J2000", SPICE_NAMES[frame], t) for t in ts])
    err = _spin_axis_error(mine[:, :3, :3], ref[:, :3, :3])
    # Tilt of the pole (about x and y): < 1e-12 rad. About z, both evaluate the spin angle W,
    # 4e3 to 8e3 rad over 1971-2050: one ulp of W is 9.1e-13 rad, and SPICE's W and farside's
    # (which is the correctly rounded Chebyshev sum, see test_pck_angles_are_correctly_rounded)
    # differ by up to 2 ulp.
    assert np.max(np.abs(err[:, :2])) < 1e-12
    assert np.max(np.abs(err[:, 2])) < 2 * np.spacing(8192.0)
    rate_ref = np.abs(ref[:, 3:, :3]).max()
    assert np.max(np.abs(mine[:, 3:, :3] - ref[:, 3:, :3])) < 2 * np.spacing(8192.0) * rate_ref


def test_moon_pa_equals_spice_once_spices_reduction_of_w_is_reproduced(spice):
    """SPICE reduces the spin angle with MOD(W, 2 pi), which f2c computes as W - 2pi*trunc(W/2pi):
    that rounding is the whole of the residual above. Reproduced, the two agree to round-off."""
    from farside.core.chebyshev import find_segment_hf, type2_eval_hf
    from farside.core.rotation import EULER_WORK, euler313_hf
    table = orientation.moon_pa().table
    worst = 0.0
    for t in _epochs(500, seed=17, span=(-3.1e9, 3.1e9)):
        angles = np.zeros(6)
        seg = find_segment_hf(table.seg_f, 0, len(table.seg_f), t)
        type2_eval_hf(table.coef, table.seg_f, table.seg_i, seg, t, 0.0, angles, 0, 1.0)
        w = angles[2]
        w_spice = w - 2.0 * np.pi * np.trunc(w / (2.0 * np.pi))
        rot, rate = np.empty((3, 3)), np.empty((3, 3))
        euler313_hf(angles[0], angles[1], w_spice, 0.0, 0.0, 0.0, rot, rate, np.empty(EULER_WORK))
        worst = max(worst, np.max(np.abs(rot - spice.pxform("J2000", "MOON_PA_DE440", t))))
    assert worst < 1e-15


def test_pck_angles_are_correctly_rounded():
    from fractions import Fraction
    from farside.core.chebyshev import find_segment_hf, type2_eval_hf
    pck = orientation.moon_pa()
    table = pck.table
    for t in _epochs(20, seed=12, span=(pck.start_s, pck.end_s)):
        seg = find_segment_hf(table.seg_f, 0, len(table.seg_f), t)
        out = np.zeros(6)
        type2_eval_hf(table.coef, table.seg_f, table.seg_i, seg, t, 0.0, out, 0, 1.0)
        init, intlen = table.seg_f[seg, :2]
        offset, rsize, _, ncoef = table.seg_i[seg]
        rec = table.coef[offset + int((t - init) // intlen) * rsize:][:rsize]
        x = (Fraction(t) - Fraction(rec[0])) / Fraction(rec[1])
        for c in range(3):
            coefs = [Fraction(v) for v in rec[2 + c * ncoef: 2 + (c + 1) * ncoef]]
            t0, t1, exact = Fraction(1), x, coefs[0] + coefs[1] * x
            for k in range(2, ncoef):
                t0, t1 = t1, 2 * x * t1 - t0
                exact += coefs[k] * t1
            assert abs(out[c] - float(exact)) <= np.spacing(abs(float(exact)))


def test_itrf93_matches_spice(spice):
    pck = orientation.earth_itrf93()
    ts = _epochs(2000, seed=13, span=(pck.start_s, pck.end_s))
    mine = frames.transform("GCRF", "ITRF93", ts)
    ref = np.array([spice.sxform("J2000", "ITRF93", t) for t in ts])
    assert np.max(np.abs(mine[:, :3, :3] - ref[:, :3, :3])) < 2e-11
    assert np.max(np.abs(mine[:, 3:, :3] - ref[:, 3:, :3])) < 2e-11 * 7.3e-5


def test_ecliptic_matches_spice(spice):
    assert np.max(np.abs(frames.rotation("GCRF", "ECLIPJ2000", 0.0) - spice.pxform("J2000", "ECLIPJ2000", 0.0))) < 1e-15


def test_frame_bias_matches_erfa():
    import erfa
    rb, _, _ = erfa.bp00(2451545.0, 0.0)
    assert np.max(np.abs(frames.rotation("GCRF", "EME2000", 0.0) - rb)) < 1e-15
    rb06, _, _ = erfa.bp06(2451545.0, 0.0)
    # IAU 2006 realises the bias through Fukushima-Williams angles: 1e-12 rad (0.2 micro-arcsec) apart.
    assert np.max(np.abs(frames.rotation("GCRF", "EME2000", 0.0) - rb06)) < 2e-12


def test_round_trip_and_composition():
    ts = _epochs(50, seed=14, span=(0.0, orientation.earth_itrf93().end_s))
    a = frames.transform("MOON_ME", "ITRF93", ts)
    b = frames.transform("ITRF93", "MOON_ME", ts)
    assert np.max(np.abs(a @ b - np.eye(6))) < 1e-14
    c = frames.transform("GCRF", "ITRF93", ts) @ frames.transform("MOON_ME", "GCRF", ts)
    assert np.max(np.abs(c - a)) < 1e-15


def test_itrf_fallback_matches_astropy_itrs_at_the_surface():
    from astropy import units as u
    from astropy.coordinates import GCRS, ITRS, CartesianRepresentation
    from astropy.utils import iers
    iers.conf.auto_download = False
    ts = _epochs(20, seed=15, span=(0.0, 7.8e8))
    t1, t2 = np.floor(ts), ts - np.floor(ts)
    rot, _ = gcrf_to_itrf(t1, t2)
    point = np.array([6378137.0, 0.0, 0.0])
    for k, t in enumerate(ts):
        at = fs.Epoch.from_tdb_seconds(t).to_astropy()
        gcrs = GCRS(CartesianRepresentation(*(rot[k].T @ point), unit=u.m), obstime=at)
        back = gcrs.transform_to(ITRS(obstime=at)).cartesian.xyz.to_value(u.m)
        # astropy uses the C04 EOP series, farside Bulletin B/A: < 0.5 ms of UT1 is < 0.25 m.
        assert np.linalg.norm(back - point) < 1.0


def test_itrf_fallback_agrees_with_the_pck_inside_its_span():
    pck = orientation.earth_itrf93()
    ts = _epochs(50, seed=16, span=(pck.start_s, pck.end_s - 86400 * 400))
    t1, t2 = np.floor(ts), ts - np.floor(ts)
    iau, _ = gcrf_to_itrf(t1, t2)
    ref, _ = pck.rotations(t1, t2)
    surface = 6378137.0 * np.max(np.abs(iau - ref))
    assert surface < 0.5  # metres at the equator: two realisations of the same EOP


def test_itrf_outside_the_pck_warns_once_and_falls_back():
    late = orientation.earth_itrf93().end_s + 86400.0 * 30
    frames._warned.discard("itrf")
    with pytest.warns(UserWarning, match="IAU 2006/2000A"):
        frames.rotation("GCRF", "ITRF93", late)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frames.rotation("GCRF", "ITRF93", late + 60.0)


def test_moon_frame_outside_the_pck_names_its_span():
    with pytest.raises(OutOfCoverageError) as info:
        frames.rotation("GCRF", "MOON_PA", 3.0e10)
    assert "MOON_PA" in str(info.value) and "TDB" in str(info.value)


def test_unknown_frame_lists_the_known_ones():
    with pytest.raises(UnknownNameError) as info:
        frames.rotation("GCRF", "MOON_XYZ", 0.0)
    assert "'MOON_XYZ'" in str(info.value) and "MOON_PA" in str(info.value)


@pytest.mark.parametrize("frame", ["ITRF93", "MOON_PA", "MOON_ME", "EME2000"])
def test_one_epoch_asked_again_gives_the_bits_of_an_array_of_epochs(frame):
    """The rotations at one epoch are kept for the next request at that epoch: both directions,
    asked twice, equal bit for bit those of the same epoch inside an array (never kept)."""
    t = fs.Epoch("2024-06-01T22:09:00", "utc")
    s1, s2 = t.tdb_seconds_2part
    both = fs.Epoch.from_tdb_seconds(np.array([s1, s1 + 60.0]), np.array([s2, s2]))
    for _ in range(2):
        assert np.array_equal(frames.rotation("GCRF", frame, t), frames.rotation("GCRF", frame, both)[0])
        assert np.array_equal(frames.transform(frame, "GCRF", t), frames.transform(frame, "GCRF", both)[0])
