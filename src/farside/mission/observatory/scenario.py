"""The observatory scenario file: a survey satellite in low Earth orbit, its pointing law, its
wide- and narrow-field instruments, the SAA model, a stream of transients (gamma-ray bursts) with
the onboard follow-up rules and slew limits, an alert network and bulk-data stations, in YAML,
validated like the mission scenario (errors name the YAML path, the value and what is allowed).
Angles in degrees, lengths in km unless the name says otherwise."""
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field, ValidationError, field_validator, model_validator

from farside.errors import ScenarioError
from farside.mission import scenario_paths
from farside.mission.scenario_fields import FieldError, Model, check_epoch, scenario_error

MOON_FROM_ANTISUN_DEG = 5.5
"""Closest the full Moon comes to the anti-Sun direction can be this far from it: the lunar orbit's
5.15 deg inclination to the ecliptic plus the Moon's parallax from low orbit (~0.2 deg)."""
LOWEST_PERIGEE_KM = 150.0
"""Below this a satellite re-enters within days: not an observatory orbit."""


class Orbit(Model):
    """Insertion orbit (osculating, GCRF equator) and the force model it is flown in."""
    epoch: str
    perigee_altitude_km: float = Field(ge=LOWEST_PERIGEE_KM)
    apogee_altitude_km: float = Field(ge=LOWEST_PERIGEE_KM)
    inclination_deg: float = Field(ge=0, le=180)
    raan_deg: float
    argp_deg: float = 0.0
    true_anomaly_deg: float = 0.0
    mass_kg: float = Field(gt=0)
    days: float = Field(gt=0, le=3660)
    gravity_degree: int = Field(20, ge=2, le=2190)
    cd: float = Field(2.2, gt=0)
    drag_area_m2: float = Field(gt=0)
    cr: float = Field(1.3, gt=0)
    srp_area_m2: float = Field(gt=0)
    rtol: float = Field(1e-9, ge=1e-13, le=1e-6)

    @model_validator(mode="after")
    def _check(self):
        check_epoch(["epoch"], self.epoch)
        if self.apogee_altitude_km < self.perigee_altitude_km:
            raise FieldError(["apogee_altitude_km"], self.apogee_altitude_km,
                             f"an apogee altitude >= the perigee altitude ({self.perigee_altitude_km} km)")
        return self


class PointingLaw(Model):
    """The survey pointing law: every ``repoint_days`` the boresight goes to the direction of
    highest |Galactic latitude| within ``max_antisolar_offset_deg`` of the anti-Sun direction
    that keeps the Sun and Moon exclusion angles, and holds it inertially."""
    max_antisolar_offset_deg: float = Field(gt=0, le=180)
    sun_exclusion_deg: float = Field(ge=0, lt=180)
    moon_exclusion_deg: float = Field(ge=0, lt=180)
    earth_limb_exclusion_deg: float = Field(ge=0, lt=90)
    repoint_days: float = Field(gt=0, le=30)

    @model_validator(mode="after")
    def _some_sky(self):
        # The anti-Sun point always keeps the Sun exclusion (< 180 deg); at full Moon the Moon is
        # within MOON_FROM_ANTISUN_DEG of it, so a Moon exclusion wider than the allowed cone
        # minus that leaves no sky at all.
        if self.moon_exclusion_deg >= self.max_antisolar_offset_deg - MOON_FROM_ANTISUN_DEG:
            raise FieldError(["moon_exclusion_deg"], self.moon_exclusion_deg,
                             f"an angle below max_antisolar_offset_deg - {MOON_FROM_ANTISUN_DEG} = "
                             f"{self.max_antisolar_offset_deg - MOON_FROM_ANTISUN_DEG:g} deg (else no sky at full Moon)")
        return self


class Instrument(Model):
    """An instrument: ``wide`` ones trigger on transients, ``narrow`` ones follow them up. The
    field is a cone of ``field_solid_angle_sr`` or of the solid angle of a square of
    ``field_side_deg``."""
    name: str
    role: Literal["wide", "narrow"]
    band: str
    field_solid_angle_sr: float | None = Field(None, gt=0, lt=4 * np.pi)
    field_side_deg: float | None = Field(None, gt=0, lt=120)
    off_in_saa: bool = False
    max_earth_fraction: float = Field(1.0, ge=0, le=1)
    source: str = ""

    @model_validator(mode="after")
    def _one_field(self):
        if (self.field_solid_angle_sr is None) == (self.field_side_deg is None):
            raise FieldError(["field_solid_angle_sr"], self.field_solid_angle_sr,
                             "exactly one of field_solid_angle_sr or field_side_deg")
        return self


class Saa(Model):
    """AP8 trapped protons above ``energy_mev`` with integral flux above ``threshold_cm2_s``."""
    energy_mev: float = Field(10.0, gt=0)
    threshold_cm2_s: float = Field(1.0, gt=0)
    solar: Literal["min", "max"] = "max"
    table_step_deg: float = Field(1.5, gt=0, le=5)


class Bursts(Model):
    """A Poisson stream of isotropic transients: ``rate_per_year`` over the whole sky above
    ``min_fluence`` (erg/cm^2), fluences from N(>S) ~ S^-``logn_logs_slope``; the wide-field
    instrument triggers on those above ``trigger_fluence`` scaled by 1/cos(off-axis angle)."""
    rate_per_year: float
    seed: int = 0
    min_fluence: float = Field(gt=0)
    logn_logs_slope: float = Field(gt=0)
    trigger_fluence: float = Field(gt=0)
    onboard_delay_s: float = Field(ge=0)
    follow_up_h: float = Field(gt=0)

    @field_validator("rate_per_year")
    @classmethod
    def _rate(cls, value):
        if not (np.isfinite(value) and value >= 0.0):
            raise ValueError("a finite rate >= 0 per year")
        return value


class Slew(Model):
    rate_deg_s: float = Field(gt=0)
    accel_deg_s2: float = Field(gt=0)
    settle_s: float = Field(0.0, ge=0)


class Station(Model):
    name: str
    lat_deg: float
    lon_deg: float = Field(ge=-180, le=360)
    height_m: float = 0.0


class Network(Model):
    """Ground stations seeing the satellite above ``mask_deg``, all within ``lat_range_deg``."""
    mask_deg: float = Field(ge=-10, lt=90)
    lat_range_deg: tuple[float, float] = (-90.0, 90.0)
    ground_delay_s: float = Field(0.0, ge=0)
    stations: list[Station] = Field(min_length=1)

    @model_validator(mode="after")
    def _latitudes(self):
        lo, hi = self.lat_range_deg
        if not -90.0 <= lo < hi <= 90.0:
            raise FieldError(["lat_range_deg"], list(self.lat_range_deg), "[low, high] latitudes within [-90, 90]")
        for i, s in enumerate(self.stations):
            if not lo <= s.lat_deg <= hi:
                raise FieldError(["stations", i, "lat_deg"], s.lat_deg, f"a latitude within [{lo}, {hi}] deg")
        return self


class Published(Model):
    """A published figure printed beside the simulated one."""
    value: str
    source: str


class ObservatoryScenario(Model):
    name: str
    orbit: Orbit
    pointing: PointingLaw
    instruments: list[Instrument] = Field(min_length=1)
    saa: Saa
    bursts: Bursts
    slew: Slew
    alerts: Network
    bulk_data: Network
    time_step_s: float = Field(30.0, ge=1, le=600)
    exposure_nside: int = Field(32, ge=4, le=256)
    published: dict[str, Published] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _roles(self):
        roles = [i.role for i in self.instruments]
        if roles.count("wide") != 1:
            raise FieldError(["instruments"], roles, "exactly one instrument with role 'wide' (the trigger)")
        if "narrow" not in roles:
            raise FieldError(["instruments"], roles, "at least one instrument with role 'narrow'")
        return self

    @property
    def wide(self) -> Instrument:
        return next(i for i in self.instruments if i.role == "wide")

    @property
    def narrow(self) -> list:
        return [i for i in self.instruments if i.role == "narrow"]


def load_observatory_scenario(path, overrides=None) -> ObservatoryScenario:
    """Read and validate an observatory scenario (YAML); ``overrides`` maps paths to values."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError("scenario", str(path), "an existing YAML file")
    data = scenario_paths.with_overrides(scenario_paths.load_yaml(path.read_text(encoding="utf-8")), overrides)
    try:
        return ObservatoryScenario.model_validate(data)
    except ValidationError as error:
        raise scenario_error(error, data) from None
