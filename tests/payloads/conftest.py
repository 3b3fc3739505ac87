"""Payload models as installed distributions: farside's own four from its pyproject.toml's
entry-point table, and a third-party one, each a throwaway ``*.dist-info`` folder on sys.path
(the shared environment's farside may be an editable install that predates the table)."""
import textwrap
import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"

RADIOMETER = '''
"""A third-party payload model: the mean Sun elevation at the site over each window."""
import numpy as np
from pydantic import Field

from farside.payloads.base import Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Series


class RadiometerParameters(PayloadParameters):
    band_um: float = Field(10.0, gt=0)
    efficiency: float = Field(0.5, gt=0, le=1)


class Radiometer(PayloadModel):
    name = "radiometer"
    summary = "a test radiometer"
    Parameters = RadiometerParameters

    def run(self, flown, request):
        sky = flown.stays_of(request.module)[0].sky
        w = request.windows[0]
        inside = (sky.times_s >= w.start_s) & (sky.times_s <= w.end_s)
        elevation = sky.sun_elevation_deg[inside]
        return PayloadOutcome(
            series=(Series("sun", sky.times_s[inside], {"sun_elevation_deg": elevation}),),
            data_volume=DataVolume(8.0 * inside.sum(), "one byte per sample"),
            comparisons=(Comparison("mean Sun elevation", f"{elevation.mean():.2f} deg", "-", "prediction", "-"),),
            figures={"mean_sun_elevation_deg": float(elevation.mean())})
'''


def install(folder: Path, name: str, entry_points: dict, modules: dict | None = None) -> Path:
    """A distribution ``name`` in ``folder``: its modules and a dist-info with the entry points."""
    info = folder / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[farside.payloads]\n{lines}\n")
    for module, text in (modules or {}).items():
        (folder / f"{module}.py").write_text(textwrap.dedent(text))
    return folder


@pytest.fixture
def farside_payloads(tmp_path, monkeypatch):
    """farside's four models registered from the pyproject.toml table."""
    table = tomllib.loads(PYPROJECT.read_text())["project"]["entry-points"]["farside.payloads"]
    monkeypatch.syspath_prepend(str(install(tmp_path / "own", "farside-payload-table", table)))
    return table


@pytest.fixture
def radiometer(tmp_path, monkeypatch, farside_payloads):
    """A third-party distribution with its own model, beside farside's."""
    folder = install(tmp_path / "third", "radiometer-plugin", {"radiometer": "thirdparty_radiometer:Radiometer"},
                     {"thirdparty_radiometer": RADIOMETER})
    monkeypatch.syspath_prepend(str(folder))
    return folder
