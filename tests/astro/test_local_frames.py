"""Local orbital frames: closed forms on a circular orbit and the definitions they cite."""
import numpy as np
import pytest

from farside.astro import local_frames
from farside.errors import FarsideValueError

R = np.array([7000e3, 0.0, 0.0])
V = np.array([0.0, 7500.0, 0.0])


def test_ric_of_a_circular_equatorial_orbit_is_the_identity():
    assert np.allclose(local_frames.ric(R, V), np.eye(3))


def test_lvlh_ccsds_axes():
    rot = local_frames.lvlh(R, V)
    assert np.allclose(rot @ R, [0, 0, -7000e3])
    assert np.allclose(rot @ V, [7500.0, 0, 0])
    assert np.allclose(rot[1], [0, 0, -1])


def test_vnc_axes_and_vectorisation():
    rng = np.random.default_rng(31)
    r = rng.normal(size=(20, 3)) * 7e6
    v = rng.normal(size=(20, 3)) * 7e3
    rot = local_frames.vnc(r, v)
    assert np.allclose(np.einsum("nij,nj->ni", rot, v)[:, 1:], 0.0, atol=1e-9)
    assert np.allclose(rot @ np.swapaxes(rot, 1, 2), np.eye(3), atol=1e-14)
    assert np.allclose(np.linalg.det(rot), 1.0)


def test_degenerate_state_is_refused():
    with pytest.raises(FarsideValueError, match="r_m x v_mps"):
        local_frames.ric(R, R)
