"""`LaunchVehicle`: a launcher of parallel boosters, a core stage and a restartable upper stage,
with a fairing and a payload, and the engine rows and drag table the compiled launch flight
(:mod:`farside.core.launch_flight`) takes.

Each stage is ``units`` identical units; a unit's engines have a sea-level and a vacuum thrust
and a vacuum specific impulse. Derived: the mass flow ``F_vac / (Isp_vac g0)`` and the nozzle
exit area ``(F_vac - F_sl) / p0`` (``p0`` = 101,325 Pa, the USSA76 sea-level pressure), so that
``F = F_vac - p_a A_exit`` gives both stated thrusts; an upper stage without a sea-level thrust
has no pressure term (it burns above the sensible atmosphere). Units: kg, N, s, m^2.
"""
from dataclasses import dataclass

import numpy as np

from farside.core import launch_flight as lf
from farside.errors import FarsideValueError

G0_M_S2 = 9.80665
ENGINE_BOOSTERS, ENGINE_CORE, ENGINE_UPPER = 0, 1, 2
SEA_LEVEL_PRESSURE_PA = 101325.0


def _finite(name, value, minimum=0.0, strict=True):
    v = float(value)
    if not np.isfinite(v) or v < minimum or (strict and v == minimum):
        raise FarsideValueError(name, value, f"a finite value {'>' if strict else '>='} {minimum:g}")
    return v


@dataclass(frozen=True)
class Stage:
    """One stage of ``units`` identical units (per unit: masses, thrusts of all its engines)."""
    name: str
    units: int
    dry_kg: float
    propellant_kg: float
    thrust_vac_n: float
    isp_vac_s: float
    thrust_sl_n: float | None = None

    def __post_init__(self):
        if self.units < 1:
            raise FarsideValueError(f"{self.name}.units", self.units, "at least 1")
        for field in ("dry_kg", "propellant_kg", "thrust_vac_n", "isp_vac_s"):
            _finite(f"{self.name}.{field}", getattr(self, field))
        if self.thrust_sl_n is not None:
            sl = _finite(f"{self.name}.thrust_sl_n", self.thrust_sl_n)
            if sl > self.thrust_vac_n:
                raise FarsideValueError(f"{self.name}.thrust_sl_n", self.thrust_sl_n,
                                        f"at most the vacuum thrust, {self.thrust_vac_n:g} N")

    @property
    def mass_flow_kg_s(self) -> float:
        """All units (kg/s)."""
        return self.units * self.thrust_vac_n / (self.isp_vac_s * G0_M_S2)

    @property
    def exit_area_m2(self) -> float:
        """All units' nozzle exit area (m^2)."""
        if self.thrust_sl_n is None:
            return 0.0
        return self.units * (self.thrust_vac_n - self.thrust_sl_n) / SEA_LEVEL_PRESSURE_PA

    @property
    def burn_time_s(self) -> float:
        """Burn time of a unit's propellant at full thrust (s)."""
        return self.units * self.propellant_kg / self.mass_flow_kg_s

    @property
    def gross_kg(self) -> float:
        return self.units * (self.dry_kg + self.propellant_kg)

    def engine_row(self, on=True) -> np.ndarray:
        return np.array([self.units * self.thrust_vac_n, self.exit_area_m2, self.mass_flow_kg_s, 1.0 if on else 0.0])


@dataclass(frozen=True)
class LaunchVehicle:
    """Boosters, core and upper stage, fairing and payload masses (kg); the axial-force
    coefficient table ``cd_mach`` -> ``cd`` and the reference areas with and without the boosters."""
    boosters: Stage
    core: Stage
    upper: Stage
    fairing_kg: float
    payload_kg: float
    cd_mach: np.ndarray
    cd: np.ndarray
    area_with_boosters_m2: float
    area_core_m2: float

    def __post_init__(self):
        for field in ("fairing_kg", "payload_kg", "area_with_boosters_m2", "area_core_m2"):
            _finite(field, getattr(self, field), strict=field != "fairing_kg")
        mach = np.ascontiguousarray(self.cd_mach, dtype=float)
        cd = np.ascontiguousarray(self.cd, dtype=float)
        if mach.ndim != 1 or mach.shape != cd.shape or mach.shape[0] < 2:
            raise FarsideValueError("drag.mach", list(self.cd_mach), "at least two Mach numbers, as many C_D")
        if not np.all(np.isfinite(mach)) or not np.all(np.diff(mach) > 0.0):
            raise FarsideValueError("drag.mach", mach.tolist(), "finite Mach numbers strictly increasing")
        if not np.all(np.isfinite(cd)) or np.any(cd <= 0.0):
            raise FarsideValueError("drag.cd", cd.tolist(), "finite drag coefficients > 0")
        object.__setattr__(self, "cd_mach", mach)
        object.__setattr__(self, "cd", cd)

    @property
    def lift_off_kg(self) -> float:
        return self.boosters.gross_kg + self.core.gross_kg + self.upper.gross_kg + self.fairing_kg + self.payload_kg

    def lift_off_thrust_n(self) -> float:
        """Sea-level thrust of the boosters and the core (N)."""
        return sum(s.units * (s.thrust_sl_n if s.thrust_sl_n is not None else s.thrust_vac_n)
                   for s in (self.boosters, self.core))

    def engines(self) -> np.ndarray:
        """Engine rows (boosters, core, upper: ``ENGINE_*``) for :mod:`farside.core.launch_flight`, all off."""
        rows = np.array([s.engine_row(on=False) for s in (self.boosters, self.core, self.upper)])
        assert rows.shape[1] == lf.N_ENGINE_COLS
        return np.ascontiguousarray(rows)

