"""The text of a run's figures for people, shared by ``timeline.md``, the CLI's tables and the HTML
report: a report figure to 4 significant digits, a published value or range with its unit, a
target's residual against its tolerance."""
from farside.mission import evidence


def format_figure(value) -> str:
    """A report figure as text: 4 significant digits, lists joined."""
    if isinstance(value, (list, tuple)):
        return ", ".join(format_figure(v) for v in value)
    if isinstance(value, (bool, str)):
        return str(value)
    return f"{float(value):.4g}"


def published_text(row) -> str:
    """A `farside.mission.comparison.FigureRow`'s published value or range with its unit, or
    ``not published``."""
    if row.published is not None:
        return f"{row.published:g} {row.unit}"
    if row.low is None and row.high is None:
        return "not published"
    if row.high is None:
        return f">= {row.low:g} {row.unit}"
    return f"<= {row.high:g} {row.unit}" if row.low is None else f"{row.low:g} to {row.high:g} {row.unit}"


def residual_text(basis, unit) -> str:
    """A target's residual against its tolerance (``+0.0007 s of ±10 s``; ``-0.23 km guidance``
    where the aim states none); empty for inputs and predictions."""
    if basis.kind != evidence.TARGET:
        return ""
    tolerance = "guidance" if basis.tolerance is None else f"of ±{basis.tolerance:g} {unit}"
    return f"{basis.residual:+.3g} {unit} {tolerance}"


def residual_or_anchor(basis, unit) -> str:
    """A target's residual (:func:`residual_text`), else a prediction's anchor."""
    return residual_text(basis, unit) or basis.anchor
