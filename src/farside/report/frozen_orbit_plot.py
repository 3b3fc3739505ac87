"""Figure of a frozen orbit's year: month-scale mean eccentricity, mean argument of periselene and
the periselene altitude of every revolution, against days from the start (PNG, written atomically)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from farside.io.atomic import atomic_path  # noqa: E402


def plot_stability(stability, path, title, floor_km=100.0):
    days = (stability.times_s - stability.times_s[0]) / 86400.0
    fig, axes = plt.subplots(3, 1, figsize=(8, 8), sharex=True)
    axes[0].plot(days, stability.mean_e, lw=0.8)
    axes[0].set_ylabel("mean e (one revolution)")
    axes[1].plot(days, stability.mean_omega_deg, lw=0.8)
    axes[1].set_ylabel("mean argument of\nperiselene (deg)")
    axes[2].plot(days, stability.periselene_altitude_m / 1e3, lw=0.8)
    axes[2].axhline(floor_km, color="red", lw=0.8, ls="--")
    axes[2].set_ylabel("periselene altitude (km)")
    axes[2].set_xlabel("days")
    axes[0].set_title(title)
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
    return np.nanmin(stability.periselene_altitude_m)
