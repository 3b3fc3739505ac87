"""The figures the payload models ask for (each outcome's ``plots``: panels of a series' columns
against days from its start or against another column), one PNG per plot in
``<output>/payloads/<label>_<plot>.png``, drawn without pyplot and written atomically."""
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from farside.astro.time import Epoch
from farside.io.atomic import atomic_path
from farside.mission.payload_runner import slug


def write_payload_figures(runs, output) -> list:
    """Every plot of ``runs`` (`farside.mission.payload_runner.PayloadRun`) into
    ``<output>/payloads/``; returns their paths."""
    folder = Path(output) / "payloads"
    paths = []
    for item in runs:
        by_name = {s.name: s for s in item.outcome.series}
        paths += [_write_plot(folder, item.label, p, by_name[p.series]) for p in item.outcome.plots]
    return paths


def _write_plot(folder, label, plot, series):
    fig = Figure(figsize=(8, 2.2 + 1.6 * len(plot.y)))
    axes = np.atleast_1d(fig.subplots(len(plot.y), 1, sharex=True))
    if plot.x is None:
        x = (np.asarray(series.times_s) - series.times_s[0]) / 86400.0
        xlabel = f"days from {Epoch.from_tdb_seconds(float(series.times_s[0])).iso('utc', 0)} UTC"
    else:
        x, xlabel = np.asarray(series.columns[plot.x]), plot.x
    for ax, name in zip(axes, plot.y):
        ax.plot(x, np.asarray(series.columns[name]), lw=1.0)
        ax.set_ylabel(name, fontsize=8)
        ax.grid(alpha=0.3)
        if plot.log_y:
            ax.set_yscale("log")
    axes[-1].set_xlabel(xlabel)
    axes[0].set_title(f"{label}: {plot.title or plot.name}", fontsize=10)
    fig.subplots_adjust(left=0.14, right=0.97, top=0.94, bottom=0.08, hspace=0.25)
    path = folder / f"{slug(label)}_{slug(plot.name)}.png"
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)
    return path
