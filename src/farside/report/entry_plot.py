"""Figure of a guided skip entry: altitude against Earth-relative speed (the skip shows as the
climb between the two dips), the aerodynamic load and the Sutton-Graves stagnation heat flux
against time, the bank angle (flown and commanded) against time, and the ground track
(geodetic latitude against east longitude, WGS84) with the target."""
import numpy as np
from matplotlib.figure import Figure

from farside.io.atomic import atomic_path


def write_entry_figure(flown, path, title="entry", dpi=110):
    """``flown``: an entry phase's ``entry_flight`` product (``series`` of
    :func:`farside.gnc.entry_outcome.analyse`, the ``target`` latitude and longitude in deg);
    the PNG goes to ``path``."""
    s, target = flown["series"], flown["target"]
    t_min = s["time_s"] / 60.0
    fig = Figure(figsize=(12, 10))
    grid = fig.add_gridspec(3, 2)
    skip = fig.add_subplot(grid[0, 0])
    skip.plot(s["speed_m_s"] / 1e3, s["altitude_km"], lw=1.0)
    skip.set_xlabel("speed rel. Earth (km/s)")
    skip.set_ylabel("altitude (km)")
    skip.set_title(f"{title}: altitude against speed")
    skip.invert_xaxis()
    load = fig.add_subplot(grid[1, 0])
    load.plot(t_min, s["load_g"], lw=1.0, color="tab:blue")
    load.set_ylabel("aerodynamic load (g)", color="tab:blue")
    flux = load.twinx()
    flux.plot(t_min, s["heat_flux_mw_m2"], lw=1.0, color="tab:red")
    flux.set_ylabel("stagnation heat flux (MW/m$^2$)", color="tab:red")
    load.set_title("load and heat flux")
    bank = fig.add_subplot(grid[2, 0], sharex=load)
    bank.plot(t_min, s["bank_command_deg"], lw=0.8, color="0.6", label="commanded")
    bank.plot(t_min, s["bank_deg"], lw=1.0, label="flown")
    bank.set_ylabel("bank angle (deg)")
    bank.set_xlabel("time since the interface (min)")
    bank.legend(fontsize=8)
    track = fig.add_subplot(grid[:, 1])
    lon = np.degrees(np.unwrap(np.radians(s["lon_deg"])))
    track.plot(lon, s["lat_deg"], lw=1.0)
    track.plot(lon[0], s["lat_deg"][0], "o", label="interface")
    track.plot(target[1], target[0], "k+", ms=12, mew=2, label="target")
    track.set_xlabel("east longitude (deg)")
    track.set_ylabel("geodetic latitude (deg)")
    track.set_title("ground track")
    track.set_aspect(1.0 / np.cos(np.radians(np.mean(s["lat_deg"]))), adjustable="box")
    track.legend(fontsize=8)
    for ax in (skip, load, bank, track):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)
    return path
