"""Progress of a run as structured events: the sequencer and the phases emit them, a front end
(the CLI's progress bar, a notebook, a log) decides how to show them."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """``kind``: ``"phase"`` (phase ``index`` of ``count`` starts), ``"message"`` (a phase's step,
    a corrector's iteration: ``text``); the front end words and shows it."""
    kind: str
    phase: str
    text: str = ""
    index: int = 0
    count: int = 0

