"""Figure of a relay analysis over a surface stay: the relay's elevation above the site's terrain
horizon, the lander link's margin at its operating rate (where the relay is above the terrain
horizon), and the data volume returned at the operating rate and at the highest rate the links
close, against hours from the start (PNG, written atomically)."""
from farside.report.figures import finish, panels


def plot_relay(result, path, title):
    hours = (result.times_s - result.times_s[0]) / 3600.0
    fig, axes = panels(3, (9, 8))
    axes[0].plot(hours, result.lander_elevation_deg, lw=0.8)
    axes[0].axhline(0.0, color="grey", lw=0.6)
    axes[0].set_ylabel("relay elevation at\nthe site (deg)")
    rate = result.scenario.links.lander_to_relay.data_rate_bps
    axes[1].plot(hours, result.lander_margin_db, lw=0.8)
    axes[1].set_ylabel(f"lander link margin (dB)\nat {rate / 1e6:g} Mbit/s")
    axes[2].plot(hours, result.max_rate_volume_bits / 8e9, lw=0.8, label="at the highest rate the links close")
    axes[2].plot(hours, result.operating_volume_bits / 8e9, lw=0.8, label=f"at the operating {rate / 1e6:g} Mbit/s")
    axes[2].legend(loc="upper left", fontsize="small")
    axes[2].set_ylabel("data returnable (GB)")
    axes[2].set_xlabel("hours from the start of the stay")
    for lo, hi in result.end_to_end:
        for ax in axes:
            ax.axvspan((lo - result.times_s[0]) / 3600.0, (hi - result.times_s[0]) / 3600.0, color="green", alpha=0.08)
    finish(fig, axes, title, path)
