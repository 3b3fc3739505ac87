"""``release``: a module (a subsatellite) leaves the stack at the current state and flies on as a
stack of its own, not flown further by the scenario: a payload model (ICUBE-Q) takes it from
there. The same bookkeeping as ``separate``."""
from typing import ClassVar

from farside.mission.phases.base import register
from farside.mission.phases.separate import Separate


@register
class Release(Separate):
    """``modules`` are released as a stack named ``as``."""
    key: ClassVar[str] = "release"
    summary: ClassVar[str] = "release {name}"
    event: ClassVar[str] = "release"
