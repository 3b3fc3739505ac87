"""Bodies: NAIF ids, gravitational parameters and radii.

GM (m^3/s^2) are DE440's, as published in NAIF's ``gm_de440.tpc`` (Park et al. 2021, "The JPL
Planetary and Lunar Ephemerides DE440 and DE441", AJ 161:105). For Mars to Pluto the DE440s file
carries barycentres only, and their GM is the system's (planet plus moons).

Radii (m) are IAU WGCCRE 2015 (Archinal et al. 2018, Celest. Mech. Dyn. Astr. 130:22): equatorial
and polar; the Moon's mean radius 1737.4 km is the IAU value used as the lunar reference sphere
(and the datum of LOLA topography). The Earth ellipsoid for geodetic coordinates is WGS84
(NIMA TR8350.2): a = 6378137 m, 1/f = 298.257223563.
"""
from dataclasses import dataclass

from farside.errors import UnknownNameError


@dataclass(frozen=True)
class Body:
    """A solar-system body or barycentre of the ephemeris."""
    name: str
    naif_id: int
    gm_m3_s2: float
    equatorial_radius_m: float = 0.0
    polar_radius_m: float = 0.0

    @property
    def mean_radius_m(self) -> float:
        """Mean radius (2a + c)/3; for the Moon the IAU mean radius 1737.4 km."""
        if self.naif_id == 301:
            return MOON_MEAN_RADIUS_M
        return (2.0 * self.equatorial_radius_m + self.polar_radius_m) / 3.0


MOON_MEAN_RADIUS_M = 1737400.0
WGS84_A_M = 6378137.0
WGS84_INV_F = 298.257223563
WGS84_F = 1.0 / WGS84_INV_F
SPEED_OF_LIGHT_M_S = 299792458.0
AU_M = 149597870700.0

_KM3 = 1.0e9
BODIES = {b.name: b for b in [
    Body("solar_system_barycenter", 0, 0.0),
    Body("sun", 10, 1.3271244004127942e11 * _KM3, 695700e3, 695700e3),
    Body("mercury_barycenter", 1, 2.2031868551400003e04 * _KM3, 2440530.0, 2438260.0),
    Body("venus_barycenter", 2, 3.2485859200000000e05 * _KM3, 6051800.0, 6051800.0),
    Body("earth_moon_barycenter", 3, 4.0350323562548019e05 * _KM3),
    Body("mars_barycenter", 4, 4.2828375815756102e04 * _KM3, 3396190.0, 3376200.0),
    Body("jupiter_barycenter", 5, 1.2671276409999998e08 * _KM3, 71492e3, 66854e3),
    Body("saturn_barycenter", 6, 3.7940584841799997e07 * _KM3, 60268e3, 54364e3),
    Body("uranus_barycenter", 7, 5.7945563999999985e06 * _KM3, 25559e3, 24973e3),
    Body("neptune_barycenter", 8, 6.8365271005803989e06 * _KM3, 24764e3, 24341e3),
    Body("pluto_barycenter", 9, 9.7550000000000000e02 * _KM3, 1188300.0, 1188300.0),
    Body("mercury", 199, 2.2031868551400003e04 * _KM3, 2440530.0, 2438260.0),
    Body("venus", 299, 3.2485859200000000e05 * _KM3, 6051800.0, 6051800.0),
    Body("earth", 399, 3.9860043550702266e05 * _KM3, 6378136.6, 6356751.9),
    Body("moon", 301, 4.9028001184575496e03 * _KM3, 1738100.0, 1736000.0),
]}
ALIASES = {"ssb": "solar_system_barycenter", "emb": "earth_moon_barycenter", "luna": "moon"}
_BY_ID = {b.naif_id: b for b in BODIES.values()}


def get(name) -> Body:
    """A body by name (case-insensitive, spaces or underscores) or NAIF id."""
    if isinstance(name, Body):
        return name
    if isinstance(name, (int,)) and not isinstance(name, bool):
        if name in _BY_ID:
            return _BY_ID[name]
        raise UnknownNameError("body", name, [str(i) for i in _BY_ID])
    key = str(name).strip().lower().replace(" ", "_").replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in BODIES:
        raise UnknownNameError("body", name, list(BODIES) + list(ALIASES))
    return BODIES[key]
