"""The relay scenario file: a relay satellite in a frozen lunar orbit, a lander's stay at a site,
the ground stations and the two radio links (lander -> relay, relay -> ground), in YAML,
validated like the mission scenario (errors name the YAML path)."""

from pydantic import Field, ValidationError, model_validator

from farside.mission import scenario_paths
from farside.mission.scenario_fields import FieldError, Model, check_epoch, scenario_error


class RelayOrbit(Model):
    """Frozen-orbit design inputs (:func:`farside.gnc.frozen_orbit.design`)."""
    name: str
    epoch: str
    period_h: float = Field(gt=0)
    mean_periselene_km: float = Field(gt=0)
    inclination_deg: float = Field(ge=0, le=180)
    raan_deg: float = 0.0
    argp_deg: float = 90.0
    gravity_degree: int = Field(10, ge=2, le=1200)
    station_kept_periselene_km: float | None = Field(None, gt=0)
    """The published periselene: the analysis also flies the relay's orbit held there (station
    kept) over the stay, for the coverage at the published elements."""
    source: str = ""

    @model_validator(mode="after")
    def _epoch(self):
        check_epoch(["epoch"], self.epoch)
        return self


class _Place(Model):
    """A named place by latitude, longitude (deg) and height (m)."""
    name: str
    lat_deg: float = Field(ge=-90, le=90)
    lon_deg: float
    height_m: float = 0.0
    source: str = ""


class SurfaceStay(_Place):
    antenna_height_m: float = Field(2.0, ge=0)
    start: str
    end: str

    @model_validator(mode="after")
    def _span(self):
        from farside.astro.time import Epoch
        check_epoch(["start"], self.start)
        check_epoch(["end"], self.end)
        if Epoch(self.end).tdb_seconds <= Epoch(self.start).tdb_seconds:
            raise FieldError(["end"], self.end, f"an epoch after start = {self.start}")
        return self


class Station(_Place):
    min_elevation_deg: float = Field(10.0, ge=0, lt=90)


class AntennaSpec(Model):
    gain_dbi: float | None = None
    diameter_m: float | None = Field(None, gt=0)
    efficiency: float = Field(0.55, gt=0, le=1)
    pointing_error_deg: float = Field(0.0, ge=0)

    @model_validator(mode="after")
    def _one(self):
        if (self.gain_dbi is None) == (self.diameter_m is None):
            raise FieldError(["gain_dbi"], self.gain_dbi, "exactly one of gain_dbi or diameter_m")
        return self


class LinkSpec(Model):
    frequency_hz: float = Field(gt=0)
    tx_power_w: float = Field(gt=0)
    tx_antenna: AntennaSpec
    rx_antenna: AntennaSpec
    system_noise_k: float = Field(gt=0)
    required_ebn0_db: float
    margin_db: float = Field(3.0, ge=0)
    other_losses_db: float = Field(0.0, ge=0)
    data_rate_bps: float = Field(gt=0)
    source: str = ""


class Links(Model):
    lander_to_relay: LinkSpec
    relay_to_ground: LinkSpec


class RelayPublished(Model):
    """The published end-to-end coverage (hours per day, "more than"), for the comparison only."""
    coverage_h_per_day: float | None = Field(None, gt=0, le=24)
    source: str = ""


class RelayScenario(Model):
    name: str
    relay: RelayOrbit
    surface: SurfaceStay
    stations: list[Station] = Field(min_length=1)
    links: Links
    step_s: float = Field(60.0, gt=0, le=3600)
    published: RelayPublished = RelayPublished()


def load_relay_scenario(path, overrides=None) -> RelayScenario:
    """Read and validate a relay scenario (YAML); ``overrides`` maps paths to values."""
    data = scenario_paths.with_overrides(scenario_paths.read_yaml_file(path, "scenario", "relay"), overrides)
    try:
        return RelayScenario.model_validate(data)
    except ValidationError as error:
        raise scenario_error(error, data) from None
