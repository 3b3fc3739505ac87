"""A site on the Moon in the scenario file (a descent's aim, a targeting goal's site), on the lunar DEM."""
from pydantic import Field, field_validator

from farside.mission.scenario_fields import FieldError, Model

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
