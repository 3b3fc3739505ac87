"""Report figures built without pyplot (no GUI backend, no global state): stacked panels, titled,
gridded and written as PNG atomically."""
from matplotlib.figure import Figure

from farside.io.atomic import atomic_path


def panels(rows, size=(9, 8)):
    """A figure of ``rows`` panels sharing the x axis: ``(figure, axes)``."""
    fig = Figure(figsize=size)
    return fig, fig.subplots(rows, 1, sharex=True)


def finish(fig, axes, title, path, dpi=110):
    """Title the first axes, grid them all, and write ``fig`` to ``path`` (PNG)."""
    axes[0].set_title(title)
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)
