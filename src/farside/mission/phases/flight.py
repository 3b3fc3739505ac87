"""What every phase of one run reads: the scenario, the force models by central body, the
vehicles (read only: the sequencer applies what a phase returns), the scenario's tolerances and
the progress channel."""
import numpy as np

from farside.astro import ephemeris
from farside.dynamics.tolerances import Tolerances
from farside.mission.progress import Progress

MOON_SOI_M = 66_100e3
"""Radius of the Moon's sphere of influence about the Earth, a (m_moon / m_earth)^(2/5) with
a = 384,400 km (Vallado 2013, eq. 12-6): a reporting boundary and the switch of integration centre."""


class Flight:
    """The context of the phases of one run."""

    def __init__(self, scenario, models, vehicles, progress=None):
        self.scenario = scenario
        self.models = models
        self.vehicles = vehicles
        self._progress = progress or (lambda event: None)
        # False while a target's corrector tries a phase: checks of an outcome the corrector is
        # still moving (a site's distance from the ground track) wait for the converged flight.
        self.strict = True

    def tolerances(self) -> Tolerances:
        """The scenario's ``rtol`` and the absolute tolerance per state component (m, m/s, kg):
        every phase's propagations, its guidance's included, are made to them."""
        atol = np.array([self.scenario.atol_m] * 3 + [self.scenario.atol_m * 1e-3] * 3 + [1e-6])
        return Tolerances(self.scenario.rtol, atol)

    def say(self, phase, text):
        """A step of ``phase`` for the progress channel."""
        self._progress(Progress("message", phase, text))

    def engine(self, action):
        """``(thrust N, Isp s, minimum throttle)`` of ``action.module``'s ``action.engine`` (all its units)."""
        engine = self.scenario.spacecraft.modules[action.module].engines[action.engine]
        return engine.thrust_N * engine.count, engine.isp_s, engine.min_throttle

    def center_for(self, state):
        """The Moon inside its sphere of influence, else the Earth, among the scenario's force models."""
        names = list(self.models)
        if len(names) == 1:
            return names[0]
        if "moon" in self.models and "earth" in self.models:
            r_moon = ephemeris.state("moon", state.epoch, center=state.center)[0] if state.center != "moon" else 0.0
            return "moon" if np.linalg.norm(state.in_gcrf().r_m - r_moon) < MOON_SOI_M else "earth"
        return state.center if state.center in self.models else names[0]
