"""Figure of a frozen orbit's year: month-scale mean eccentricity, mean argument of periselene and
the periselene altitude of every revolution, against days from the start (PNG, written atomically)."""
import numpy as np

from farside.report.figures import finish, panels


def plot_stability(stability, path, title, floor_km=100.0):
    days = (stability.times_s - stability.times_s[0]) / 86400.0
    fig, axes = panels(3, (8, 8))
    axes[0].plot(days, stability.mean_e, lw=0.8)
    axes[0].set_ylabel("mean e (one revolution)")
    axes[1].plot(days, stability.mean_omega_deg, lw=0.8)
    axes[1].set_ylabel("mean argument of\nperiselene (deg)")
    axes[2].plot(days, stability.periselene_altitude_m / 1e3, lw=0.8)
    axes[2].axhline(floor_km, color="red", lw=0.8, ls="--")
    axes[2].set_ylabel("periselene altitude (km)")
    axes[2].set_xlabel("days")
    finish(fig, axes, title, path)
    return np.nanmin(stability.periselene_altitude_m)
