"""The lunar surface segment's phases in the scenario file: a site on the DEM, the descent orbit
insertion, the powered descent, the surface stay, the ascent, the rendezvous adjustments and the
final approach (flown by :mod:`farside.mission.lunar_phases`)."""
from pydantic import Field, field_validator, model_validator

from farside.mission.scenario_fields import FieldError, Model, check_epoch

DEM_LATITUDE_LIMIT_DEG = 89.9
"""Latitudes the lunar DEM (0.125 degree grid) covers with a full cell around a site."""


class Site(Model):
    """A place on the Moon: planetocentric latitude and east longitude (MOON_ME, degrees), on the DEM."""
    lat_deg: float
    lon_deg: float = Field(ge=-360, le=360)

    @field_validator("lat_deg")
    @classmethod
    def _on_the_dem(cls, value):
        if abs(value) > DEM_LATITUDE_LIMIT_DEG:
            raise FieldError([], value, f"a latitude the lunar DEM covers, within +-{DEM_LATITUDE_LIMIT_DEG} deg")
        return value


class DescentOrbit(Model):
    """Descent orbit insertion by ``module``'s ``engine`` (a finite burn, the planned impulse's
    length at full thrust, centred on it): the periselene at ``periselene_altitude_km``,
    ``uprange_km`` before ``site`` on the pass nearest to it within ``search_h`` hours, or on the
    pass closest in time to ``pass_near`` (UTC). The phase ends at that periselene, where the
    powered descent starts."""
    module: str
    engine: str
    site: Site
    periselene_altitude_km: float = Field(15.0, gt=0, le=200)
    uprange_km: float = Field(580.0, gt=0, le=3000)
    search_h: float = Field(4.0, gt=1, le=48)
    pass_near: str | None = None
    max_cross_track_km: float = Field(10.0, gt=0)

    @field_validator("pass_near")
    @classmethod
    def _epoch(cls, value):
        return value if value is None else check_epoch([], value)


class PoweredDescent(Model):
    """Closed-loop powered descent by ``module``'s throttleable ``engine`` to ``site``: braking at
    full thrust, approach to a hover at ``hover_height_m``, divert to the flattest place within
    ``divert_radius_m``, vertical descent at ``final_speed_m_s``, cut-off at ``cutoff_height_m``."""
    module: str
    engine: str
    site: Site
    hover_height_m: float = Field(100.0, gt=10)
    hover_s: float = Field(20.0, ge=0)
    divert_radius_m: float = Field(100.0, ge=0, le=5000)
    final_speed_m_s: float = Field(1.0, gt=0, le=5)
    cutoff_height_m: float = Field(0.4, ge=0)
    max_turn_rate_deg_s: float = Field(10.0, gt=0)
    guidance_step_s: float = Field(1.0, gt=0, le=10)


class SurfaceStay(Model):
    """The landed stack stays on the surface until ``until`` (UTC); ``samples`` gives mass
    (kg) collected into a module, ``sky_step_s`` the step of the Sun/Earth table."""
    until: str
    samples: dict[str, float] = {}
    sky_step_s: float = Field(600.0, gt=0)

    @field_validator("until")
    @classmethod
    def _epoch(cls, value):
        return check_epoch([], value)


class Ascent(Model):
    """Lift-off of ``module`` (leaving the rest on the surface as the landed stack) at ``epoch``
    (UTC) with its ``engine``: vertical rise, then linear-tangent guidance to a
    ``periapsis_altitude_km`` x ``apoapsis_altitude_km`` orbit in the plane of stack ``plane_of``;
    the module flies on as a stack named ``as``."""
    module: str
    engine: str
    name: str = Field(alias="as")
    epoch: str
    periapsis_altitude_km: float = Field(15.0, gt=0)
    apoapsis_altitude_km: float = Field(180.0, gt=0)
    plane_of: str
    vertical_rise_s: float = Field(10.0, ge=0)

    @model_validator(mode="after")
    def _orbit(self):
        check_epoch(["epoch"], self.epoch)
        if self.apoapsis_altitude_km < self.periapsis_altitude_km:
            raise FieldError(["apoapsis_altitude_km"], self.apoapsis_altitude_km,
                              f"an aposelene at or above the periselene, {self.periapsis_altitude_km:g} km")
        return self


class Rendezvous(Model):
    """The flying stack's orbit adjustments (impulses of ``module``'s ``engine``) that bring it to
    rest at ``hand_over_km`` (radial, in-track, cross-track: km in the RIC frame of stack ``with``)
    at ``hand_over_epoch`` (UTC): two drift-orbit burns at the first apsides, then a Lambert arc of
    ``transfer_fraction`` of an orbit and a stop, re-targeted in the full force model."""
    module: str
    engine: str
    other: str = Field(alias="with")
    hand_over_km: tuple[float, float, float]
    hand_over_epoch: str
    transfer_fraction: float = Field(0.4, gt=0.1, lt=0.5)

    @field_validator("hand_over_epoch")
    @classmethod
    def _epoch(cls, value):
        return check_epoch([], value)


class Approach(Model):
    """The flying stack (``module``'s ``engine``: impulses) approaches the passive stack
    ``target`` along V-bar through ``holding_points_m`` (RIC of the target) to contact at
    ``closing_speed_m_s``."""
    module: str
    engine: str
    target: str
    holding_points_m: list[tuple[float, float, float]] = [(0.0, -5000.0, 0.0), (0.0, -1000.0, 0.0),
                                                           (0.0, -100.0, 0.0), (0.0, -10.0, 0.0)]
    closing_speed_m_s: float = Field(0.05, gt=0, le=1)
