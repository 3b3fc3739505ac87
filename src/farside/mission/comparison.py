"""The run side by side with the real mission's published figures (the scenario's ``published``
section): event epochs, orbits after phases, propellant burnt and guided phases' report figures,
with the differences. Every row
carries its `~farside.mission.evidence.Basis` (input, target or prediction), derived from the
scenario's stated epochs, targets and guidance aims; `predictions` lists the rows that are
evidence of the physics."""
from dataclasses import dataclass

from farside.astro.time import Epoch
from farside.errors import ScenarioError
from farside.mission import evidence
from farside.mission.orbit_quantities import quantities

ORBIT_UNITS = {"periapsis_altitude_km": "km", "apoapsis_altitude_km": "km", "inclination_deg": "deg",
               "speed_m_s": "m/s", "flight_path_angle_deg": "deg"}
ORBIT_FIELDS = tuple(ORBIT_UNITS)
ORBIT_LABELS = {"periapsis_altitude_km": "periapsis", "apoapsis_altitude_km": "apoapsis",
                "inclination_deg": "inclination", "speed_m_s": "speed", "flight_path_angle_deg": "flight-path angle"}


@dataclass
class EventRow:
    name: str
    published: Epoch
    simulated: Epoch
    source: str
    basis: evidence.Basis

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
    basis: evidence.Basis

    @property
    def difference(self) -> float:
        return self.simulated - self.published


@dataclass
class PropellantRow:
    """Propellant burnt: always a prediction (guidance and the flight decide it)."""
    name: str
    published: float
    simulated: float
    source: str
    basis: evidence.Basis = evidence.Basis(evidence.PREDICTION)

    @property
    def difference_percent(self) -> float:
        return 100.0 * (self.simulated - self.published) / self.published


@dataclass
class FigureRow:
    """A phase's reported figure beside a published value or range (``low``/``high``, either
    open); ``published`` None where nothing is published (the row gives the flown figure and its
    basis)."""
    name: str
    phase: str
    figure: str
    unit: str
    published: float | None
    low: float | None
    high: float | None
    simulated: float
    source: str
    basis: evidence.Basis

    @property
    def difference(self) -> float | None:
        """Simulated - published; for a range, the distance outside it (0 inside); None if not published."""
        if self.published is not None:
            return self.simulated - self.published
        if self.low is None and self.high is None:
            return None
        if self.low is not None and self.simulated < self.low:
            return self.simulated - self.low
        if self.high is not None and self.simulated > self.high:
            return self.simulated - self.high
        return 0.0


def figure_rows(result, published) -> list:
    """Rows of ``published.figures`` (the unit, when the row states none, from the figure's name);
    a figure the phase's report lacks is a `ScenarioError`."""
    rows = []
    for j, f in enumerate(published.figures):
        report = result.reports.get(f.phase, {})
        if f.figure not in report:
            raise ScenarioError(f"published.figures[{j}].figure", f.figure,
                                f"a figure of phase {f.phase!r}'s report: " + (", ".join(report) or "it reports none"))
        flown = float("nan") if report[f.figure] is None else float(report[f.figure])
        rows.append(FigureRow(f.name, f.phase, f.figure, f.unit or figure_unit(f.figure), f.value, f.low, f.high,
                              flown, f.source, evidence.figure_basis(result.scenario, f.phase, f.figure, flown)))
    return rows


def _phase(result, name):
    return next(p for p in result.phases if p.name == name)


def event_rows(result, published) -> list:
    rows = []
    for e in published.events:
        record = _phase(result, e.phase)
        simulated = record.start if e.at == "start" else record.end
        basis = evidence.epoch_basis(result.scenario, e.phase, e.at, simulated.tdb_seconds)
        rows.append(EventRow(e.name, Epoch(e.epoch, "utc"), simulated, e.source, basis))
    return rows


def orbit_rows(result, published) -> list:
    rows = []
    for o in published.orbits:
        simulated = quantities(_phase(result, o.phase).end_state, o.center)
        for field in ORBIT_FIELDS:
            value = getattr(o, field)
            if value is not None:
                flown = float(simulated[field])
                rows.append(OrbitRow(o.phase, field, value, flown, o.source,
                                     evidence.orbit_basis(result.scenario, o.phase, field, o.center, flown)))
    return rows


FIGURE_UNITS = (("_m_s", "m/s"), ("_mw_m2", "MW/m^2"), ("_mj_m2", "MJ/m^2"), ("_km", "km"), ("_deg", "deg"),
                ("_g", "g"), ("_m", "m"), ("_s", "s elapsed"))
"""A report figure's unit from its name's suffix (durations apart from epochs, which are in s)."""


def figure_unit(figure) -> str:
    return next((unit for suffix, unit in FIGURE_UNITS if figure.endswith(suffix)), "")


def elapsed_unit(unit) -> str:
    """A report figure's unit where ``"s"`` would read as an epoch (predictions, basis records):
    a report's seconds are a duration."""
    return "s elapsed" if unit == "s" else unit


def propellant_rows(result, published) -> list:
    return [PropellantRow(p.name, p.kg, float(sum(b.propellant_kg for b in result.burns if b.phase in p.phases)),
                          p.source) for p in published.propellant]


@dataclass
class Prediction:
    """A predicted figure beside its published value: ``difference`` in ``unit`` (s for epochs)."""
    name: str
    unit: str
    published: float
    simulated: float
    source: str
    anchor: str

    @property
    def difference(self) -> float:
        return self.simulated - self.published


def predictions(result) -> list:
    """The rows of every table whose basis is a prediction, as `Prediction` (epochs in TDB s)."""
    published = result.scenario.published
    out = [Prediction(r.name, "s", r.published.tdb_seconds, r.simulated.tdb_seconds, r.source, r.basis.anchor)
           for r in event_rows(result, published) if r.basis.kind == evidence.PREDICTION]
    out += [Prediction(f"{ORBIT_LABELS[r.quantity]} after {r.phase}", ORBIT_UNITS[r.quantity], r.published, r.simulated,
                       r.source, r.basis.anchor)
            for r in orbit_rows(result, published) if r.basis.kind == evidence.PREDICTION]
    out += [Prediction(f"propellant: {r.name}", "kg", r.published, r.simulated, r.source, "")
            for r in propellant_rows(result, published)]
    out += [Prediction(r.name, elapsed_unit(r.unit), r.published, r.simulated, r.source, r.basis.anchor)
            for r in figure_rows(result, published) if r.basis.kind == evidence.PREDICTION and r.published is not None]
    return out


def basis_record(basis, unit) -> dict:
    """A `Basis` as plain JSON values: ``fixed_by`` the scenario path of an input or target (a
    target's goal, tolerance and residual in ``unit``; an epoch goal as UTC), ``anchored_on`` and
    ``anchor`` for a prediction."""
    record = {"basis": basis.kind}
    if basis.kind == evidence.TARGET:
        goal = Epoch.from_tdb_seconds(basis.goal).iso("utc", 3) if unit == "s" else basis.goal
        record.update(fixed_by=basis.path, goal=goal, tolerance=basis.tolerance, residual=basis.residual, unit=unit,
                      within_tolerance=basis.within_tolerance)
    elif basis.kind == evidence.INPUT:
        record["fixed_by"] = basis.path
    else:
        record.update(anchored_on=basis.path or None, anchor=basis.anchor or None)
    return record
