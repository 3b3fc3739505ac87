"""Lunar orbit states for the rendezvous tests: inclination 137 deg (Chang'e-6), node 10 deg."""
import numpy as np

import farside as fs
from farside.core.kepler import elements_to_state_hf


def orbit_state(gm, epoch, rp, ra, nu_deg, mass):
    """The state at true anomaly ``nu_deg`` of the orbit with periapsis and apoapsis radii rp, ra (m)."""
    a, e = (rp + ra) / 2.0, (ra - rp) / (ra + rp)
    x = np.empty(6)
    elements_to_state_hf(gm, a, e, np.radians(137.0), np.radians(10.0), 0.0, np.radians(nu_deg), x)
    return fs.State(epoch, x[:3], x[3:], mass, "moon")
