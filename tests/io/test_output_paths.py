"""Every file a command writes stays inside its output folder, under a safe name; the folder is
checked before any work."""
import os

import pytest

from farside.errors import FarsideValueError
from farside.io.atomic import check_file_name, output_path, prepare_output_folder


@pytest.mark.parametrize("name", ["../x.bsp", "/etc/x.csv", "a/b.oem", "..", ".hidden", "a b.csv", "x\n.csv",
                                  "", "é.csv", "a" * 101])
def test_unsafe_names_are_refused_naming_the_field(tmp_path, name):
    with pytest.raises(FarsideValueError, match=r"^spacecraft\.name="):
        output_path(tmp_path, name, "spacecraft.name")


def test_safe_names_stay_inside(tmp_path):
    assert output_path(tmp_path, "change6.bsp", "spacecraft.name") == tmp_path / "change6.bsp"
    assert check_file_name("surface_stay_stay-1.csv", "phases[x].name") == "surface_stay_stay-1.csv"


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "elsewhere.csv", tmp_path / "out" / "orbiter.csv")
    with pytest.raises(FarsideValueError, match="inside the output folder"):
        output_path(tmp_path / "out", "orbiter.csv", "spacecraft.modules.orbiter")


def test_output_folders_that_cannot_hold_files_are_refused(tmp_path):
    afile = tmp_path / "file"
    afile.write_text("")
    with pytest.raises(FarsideValueError, match="existing file"):
        prepare_output_folder(afile)
    with pytest.raises(FarsideValueError, match="is a file"):
        prepare_output_folder(afile / "sub")
    if os.geteuid() != 0:   # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(FarsideValueError, match="can be created|write permission"):
            prepare_output_folder(locked / "out")
    assert prepare_output_folder(tmp_path / "new" / "out").is_dir()
