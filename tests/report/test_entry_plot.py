"""The entry figure from a flown entry's series: a PNG of the stated size, written atomically."""
import numpy as np
from PIL import Image

from farside.report.entry_plot import write_entry_figure


def test_the_entry_figure_is_written(tmp_path):
    t = np.linspace(0.0, 1500.0, 300)
    series = {"time_s": t, "altitude_km": 120.0 * np.exp(-t / 500.0), "speed_m_s": 11000.0 * np.exp(-t / 400.0),
              "load_g": 4.0 * np.exp(-((t - 90.0) / 30.0) ** 2), "heat_flux_mw_m2": 1.5 * np.exp(-((t - 80.0) / 30.0) ** 2),
              "bank_deg": 80.0 * np.sign(np.sin(t / 100.0)), "bank_command_deg": 80.0 * np.sign(np.sin(t / 100.0)),
              "lat_deg": np.linspace(17.9, 42.07, 300), "lon_deg": np.linspace(58.4, 111.6, 300)}
    path = write_entry_figure({"series": series, "target": (42.07, 111.6)}, tmp_path / "entry.png", "entry", dpi=50)
    assert [p.name for p in tmp_path.iterdir()] == ["entry.png"]     # no temporary file left
    assert Image.open(path).size == (600, 500)                         # 12 x 10 in at 50 dpi
