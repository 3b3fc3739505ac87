"""The run side by side with the real mission's published figures (the scenario's ``published``
section): event epochs, orbits after phases and propellant burnt, with the differences."""
from dataclasses import dataclass

from farside.astro.time import Epoch
from farside.mission.orbit_quantities import quantities

ORBIT_FIELDS = ("periapsis_altitude_km", "apoapsis_altitude_km", "inclination_deg", "speed_m_s",
                "flight_path_angle_deg")


@dataclass
class EventRow:
    name: str
    published: Epoch
    simulated: Epoch
    source: str

    @property
    def difference_s(self) -> float:
        return self.simulated.tdb_seconds - self.published.tdb_seconds


@dataclass
class OrbitRow:
    phase: str
    quantity: str
    published: float
    simulated: float
    source: str

    @property
    def difference(self) -> float:
        return self.simulated - self.published


@dataclass
class PropellantRow:
    name: str
    published: float
    simulated: float
    source: str

    @property
    def difference_percent(self) -> float:
        return 100.0 * (self.simulated - self.published) / self.published


def _phase(result, name):
    return next(p for p in result.phases if p.name == name)


def event_rows(result, published) -> list:
    rows = []
    for e in published.events:
        record = _phase(result, e.phase)
        rows.append(EventRow(e.name, Epoch(e.epoch, "utc"), record.start if e.at == "start" else record.end, e.source))
    return rows


def orbit_rows(result, published) -> list:
    rows = []
    for o in published.orbits:
        simulated = quantities(_phase(result, o.phase).end_state, o.center)
        for field in ORBIT_FIELDS:
            value = getattr(o, field)
            if value is not None:
                rows.append(OrbitRow(o.phase, field, value, float(simulated[field]), o.source))
    return rows


def propellant_rows(result, published) -> list:
    return [PropellantRow(p.name, p.kg, float(sum(b.propellant_kg for b in result.burns if b.phase in p.phases)),
                          p.source) for p in published.propellant]
