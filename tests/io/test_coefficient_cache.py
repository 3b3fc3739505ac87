"""The gravity-coefficient cache is keyed on the file's content: two files of one name, or a file
edited in place, each get their own coefficients; a damaged entry is parsed again."""
import os

import numpy as np
import pyshtools
import pytest

from farside.errors import FarsideValueError
from farside.io import coefficient_cache
from farside.io.gravity_files import read_icgem_gfc


def _write_gfc(path, c22):
    """A degree-4 ICGEM file, written by pyshtools (the independent writer), with C22 = c22."""
    coeffs = np.zeros((2, 5, 5))
    coeffs[0, 0, 0], coeffs[0, 2, 0], coeffs[0, 2, 2] = 1.0, -4.84e-4, c22
    pyshtools.shio.write_icgem_gfc(str(path), coeffs, gm=3.986004418e14, r0=6378137.0, modelname="test")


def test_two_files_of_one_name_differing_in_one_coefficient_get_their_own(tmp_path):
    a, b = tmp_path / "a" / "field.gfc", tmp_path / "b" / "field.gfc"
    a.parent.mkdir(), b.parent.mkdir()
    _write_gfc(a, 2.4e-6)
    _write_gfc(b, 2.5e-6)
    assert coefficient_cache.load_cached(a, read_icgem_gfc).c[2, 2] == 2.4e-6
    assert coefficient_cache.load_cached(b, read_icgem_gfc).c[2, 2] == 2.5e-6
    assert coefficient_cache.load_cached(a, read_icgem_gfc).c[2, 2] == 2.4e-6


def test_a_file_edited_in_place_with_its_old_time_is_parsed_again(tmp_path):
    path = tmp_path / "field.gfc"
    _write_gfc(path, 2.4e-6)
    stat = path.stat()
    assert coefficient_cache.load_cached(path, read_icgem_gfc).c[2, 2] == 2.4e-6
    _write_gfc(path, 2.5e-6)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    coefficient_cache._digest.cache_clear()   # a new process
    assert coefficient_cache.load_cached(path, read_icgem_gfc).c[2, 2] == 2.5e-6


def test_a_truncated_entry_is_rebuilt(tmp_path):
    path = tmp_path / "field.gfc"
    _write_gfc(path, 2.4e-6)
    coefficient_cache.load_cached(path, read_icgem_gfc)
    array_path, _ = coefficient_cache.entry_paths(path)
    array_path.write_bytes(array_path.read_bytes()[:100])
    assert coefficient_cache.load_cached(path, read_icgem_gfc).c[2, 2] == 2.4e-6


def test_a_cache_folder_that_is_a_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "field.gfc"
    _write_gfc(path, 2.4e-6)
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FARSIDE_CACHE_DIR", str(blocker))
    with pytest.raises(FarsideValueError, match="FARSIDE_CACHE_DIR"):
        coefficient_cache.load_cached(path, read_icgem_gfc)
