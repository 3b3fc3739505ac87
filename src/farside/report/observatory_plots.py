"""Figures of an observatory year (PNG, written atomically, no pyplot): the wide-field exposure
map (Mollweide, Galactic), the ground track with the SAA and the alert stations, the distributions
of trigger-to-target times and alert latencies, and one day of attitude."""
import numpy as np
from matplotlib.figure import Figure

from farside.errors import import_optional
from farside.io.atomic import atomic_path
from farside.report.figures import finish, panels

HEALPix = import_optional("astropy_healpix", "observatory", "an observatory run (HEALPix skies)").HEALPix


def _save(fig, path, dpi=110):
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)


def plot_exposure(sky, path, title):
    """Mollweide map of ``sky`` (ExposureMap), Galactic longitude increasing to the left."""
    hp = HEALPix(nside=sky.nside, order="ring")
    lon, lat = np.meshgrid(np.linspace(-np.pi, np.pi, 721), np.linspace(-np.pi / 2, np.pi / 2, 361))
    import astropy.units as u
    values = sky.seconds[hp.lonlat_to_healpix(np.mod(lon, 2 * np.pi) * u.rad, lat * u.rad)] / 86400.0
    fig = Figure(figsize=(10, 5.6))
    ax = fig.add_subplot(projection="mollweide")
    mesh = ax.pcolormesh(-lon, lat, values, shading="auto", cmap="viridis")
    ax.set_xticks(np.radians([-150, -90, -30, 30, 90, 150]), labels=["150", "90", "30", "330", "270", "210"])
    ax.grid(alpha=0.4)
    ax.set_title(title)
    fig.colorbar(mesh, ax=ax, orientation="horizontal", fraction=0.05, pad=0.07, label="exposure (days)")
    _save(fig, path)


def plot_ground_track(grid, stations, saa_model_inside, path, title, hours=24.0):
    """``hours`` of ground track, SAA passages in red, over the SAA region and the stations."""
    n = min(grid.t_s.size, int(hours * 3600.0 / grid.dt_s))
    fig = Figure(figsize=(10, 5))
    ax = fig.add_subplot()
    lat, lon = np.meshgrid(np.radians(np.arange(-40, 40.1, 0.5)), np.radians(np.arange(-180, 180.1, 0.5)), indexing="ij")
    ax.contourf(np.degrees(lon), np.degrees(lat), saa_model_inside(lat, lon).astype(float), levels=[0.5, 1.5],
                colors=["#f4c7c3"])
    lon_t, lat_t = np.degrees(grid.lon_rad[:n]), np.degrees(grid.lat_rad[:n])
    ax.scatter(lon_t, lat_t, s=1, c=np.where(grid.in_saa[:n], "red", "navy"))
    ax.scatter(np.degrees(stations.lon_rad), np.degrees(stations.lat_rad), marker="^", c="green", s=25,
               label="alert stations")
    ax.set_xlim(-180, 180)
    ax.set_ylim(-40, 40)
    ax.set_xlabel("East longitude (deg)")
    ax.set_ylabel("geodetic latitude (deg)")
    ax.legend(loc="lower left")
    ax.grid(alpha=0.3)
    ax.set_title(title)
    _save(fig, path)


def plot_distributions(response_s, latency_s, path, title):
    """Histograms of trigger-to-target times and alert latencies."""
    fig = Figure(figsize=(10, 4))
    axes = fig.subplots(1, 2)
    for ax, values, label in ((axes[0], response_s, "trigger to narrow field on target (s)"),
                              (axes[1], latency_s, "alert latency (s)")):
        values = np.asarray(values)[np.isfinite(values)]
        if values.size:
            ax.hist(values, bins=30, color="steelblue")
        ax.set_xlabel(label)
        ax.set_ylabel("triggers")
        ax.grid(alpha=0.3)
    axes[0].set_title(title)
    _save(fig, path)


def plot_attitude_day(hours, angles_deg, mode, in_saa, path, title):
    """One day: boresight angles from the Sun, the Earth's limb and the Moon, |b|, SAA and mode."""
    fig, axes = panels(3, (9, 7))
    for name, value in angles_deg.items():
        axes[0 if name != "Galactic |b|" else 1].plot(hours, value, lw=0.8, label=name)
    axes[0].set_ylabel("angle from the\nboresight (deg)")
    axes[0].legend(loc="upper right", fontsize=8)
    axes[1].set_ylabel("|Galactic latitude|\nof the boresight (deg)")
    axes[2].step(hours, mode, where="post", lw=0.8, label="mode (0 survey, 1 slewing, 2 follow-up)")
    axes[2].fill_between(hours, 0, in_saa.astype(float) * 2.0, step="post", color="red", alpha=0.2, label="SAA")
    axes[2].legend(loc="upper right", fontsize=8)
    axes[2].set_xlabel("hours")
    finish(fig, axes, title, path)
