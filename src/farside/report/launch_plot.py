"""Figure of a launch: height, Earth-relative speed, dynamic pressure and the axial and normal loads
against time since lift-off, and the ground track (geodetic latitude against east longitude, WGS84)."""
import numpy as np
from matplotlib.figure import Figure

from farside.io.atomic import atomic_path


def write_launch_figure(loads, path, title="launch", dpi=110):
    """``loads``: a :class:`farside.gnc.launch_products.LoadHistory`; the PNG goes to ``path``."""
    fig = Figure(figsize=(11, 9))
    grid = fig.add_gridspec(4, 2, width_ratios=(1.3, 1.0))
    series = [(loads.height_m / 1e3, "height (km)"), (loads.speed_m_s / 1e3, "speed rel. Earth (km/s)"),
              (loads.q_pa / 1e3, "dynamic pressure (kPa)"), (loads.axial_g, "axial load (g)")]
    first = None
    for row, (values, label) in enumerate(series):
        ax = fig.add_subplot(grid[row, 0], sharex=first)
        first = first or ax
        ax.plot(loads.t_s, values, lw=1.0, label=label.split(" (")[0])
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    ax.plot(loads.t_s, loads.normal_g, lw=1.0, label="normal load")
    ax.set_ylabel("load (g)")
    ax.legend(fontsize="small")
    ax.set_xlabel("time since lift-off (s)")
    first.set_title(title)
    track = fig.add_subplot(grid[:, 1])
    lon = np.unwrap(np.radians(loads.lon_deg))
    track.plot(np.degrees(lon), loads.lat_deg, lw=1.0)
    track.plot(np.degrees(lon[0]), loads.lat_deg[0], "o", label="pad")
    track.set_xlabel("east longitude (deg)")
    track.set_ylabel("geodetic latitude (deg)")
    track.set_title("ground track")
    track.grid(alpha=0.3)
    track.legend()
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)
    return path
