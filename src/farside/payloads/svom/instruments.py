"""SVOM's four instruments as payload plug-ins: ECLAIRs (coded-mask X/gamma-ray camera), GRM
(gamma-ray monitor), MXT (microchannel X-ray telescope) and VT (visible telescope).

Each reads its module's flown trajectory over its operating windows, sampled every
``sample_s``, and returns the SAA passages along it (AP8 protons above ``saa_energy_mev`` at
``saa_threshold_cm2_s``, :mod:`farside.astro.saa`), when it was on (an instrument ``off_in_saa``
is off inside), the data it produced at ``data_rate_bps`` while on, and its field and band beside
the published ones (inputs). Pointing-dependent figures (Earth in the field, exposure, burst
follow-up) need an attitude timeline and come from the observatory simulation
(:mod:`farside.mission.observatory`), which uses the same field geometry
(:mod:`farside.payloads.svom.field_of_view`).
"""
import numpy as np
from pydantic import Field

from farside.astro.bodies import WGS84_A_M, WGS84_F
from farside.astro.saa import ap8_saa
from farside.astro.time import Epoch
from farside.core.geodesy import geodetic_from_fixed_hf
from farside.payloads.base import (Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Plot,
                                   Series)
from farside.payloads.svom.field_of_view import cone_half_angle, square_solid_angle


SAA_TABLE_MARGIN_DEG = 3.0
SAA_TABLE_STEP_DEG = 1.5
"""The AP8 table spans the track's latitudes and 3 deg more, in 1.5 deg steps (bilinear in log flux)."""


class InstrumentParameters(PayloadParameters):
    """An SVOM instrument: its field (a solid angle or a square side), band, SAA rule and data
    rate while on (not published: the scenario states it)."""
    field_solid_angle_sr: float | None = Field(None, gt=0, lt=4 * np.pi)
    field_side_deg: float | None = Field(None, gt=0, lt=120)
    band: str
    off_in_saa: bool
    data_rate_bps: float = Field(gt=0)
    sample_s: float = Field(30.0, gt=0, le=600)
    saa_energy_mev: float = Field(10.0, gt=0)
    saa_threshold_cm2_s: float = Field(1.0, gt=0)


def _geodetic(r_itrf):
    out = np.array([geodetic_from_fixed_hf(x, y, z, WGS84_A_M, WGS84_F) for x, y, z in r_itrf])
    return out[:, 0], out[:, 1], out[:, 2]


class SvomInstrument(PayloadModel):
    """Base of the four: subclasses set ``name``, ``summary`` and the published field and band."""
    published_field = ""
    published_band = ""
    source = ""

    def _samples(self, flown, request):
        p = request.parameters
        t = np.concatenate([np.arange(w.start_s, w.end_s, p.sample_s) for w in request.windows])
        r, _ = flown.state(request.module, t, center="earth", frame="ITRF93")
        return t, _geodetic(np.atleast_2d(r))

    def run(self, flown, request) -> PayloadOutcome:
        p = request.parameters
        t, (lat, lon, height) = self._samples(flown, request)
        band = min(90.0, float(np.degrees(np.max(np.abs(lat)))) + SAA_TABLE_MARGIN_DEG)
        saa = ap8_saa(Epoch.from_tdb_seconds(t[0]), float(np.mean(height)), p.saa_threshold_cm2_s, p.saa_energy_mev,
                      max_lat_deg=band, step_deg=SAA_TABLE_STEP_DEG)
        inside = saa.inside(lat, lon)
        on = ~inside if p.off_in_saa else np.ones_like(inside)
        on_s = float(np.sum(on)) * p.sample_s
        field = (f"{p.field_solid_angle_sr:g} sr" if p.field_solid_angle_sr is not None
                 else f"{p.field_side_deg:g} deg square")
        omega = p.field_solid_angle_sr if p.field_solid_angle_sr is not None else square_solid_angle(
            np.radians(p.field_side_deg))
        series = Series("saa", t, {"lat_deg": np.degrees(lat), "lon_deg": np.degrees(lon),
                                   "in_saa": inside.astype(float), "on": on.astype(float)})
        comparisons = (Comparison(f"{self.name} field", field, self.published_field, "input", self.source),
                       Comparison(f"{self.name} band", p.band, self.published_band, "input", self.source),
                       Comparison(f"{self.name} time in the SAA", f"{100.0 * np.mean(inside):.1f} %",
                                  "~13 % (pre-launch estimate)", "prediction",
                                  "thesis chapter on SVOM's orbit, alerts and observing strategy"))
        return PayloadOutcome(series=(series,), data_volume=DataVolume(p.data_rate_bps * on_s,
                                                                        f"{p.data_rate_bps:g} bit/s for {on_s / 3600.0:.1f} h on"),
                              plots=(Plot("saa", "saa", ("in_saa", "on"), title=f"{self.name}: SAA and on-time"),),
                              comparisons=comparisons,
                              figures={"saa_fraction": float(np.mean(inside)), "on_s": on_s,
                                       "field_half_angle_rad": cone_half_angle(omega)})


class Eclairs(SvomInstrument):
    name = "ECLAIRs"
    summary = "SVOM's coded-mask wide-field X/gamma-ray camera: SAA passages, on-time, data"
    published_field, published_band = "2 sr", "4-150 keV (4-250 keV on some pages)"
    source = "CNES SVOM satellite page; NASA GCN SVOM mission page"
    Parameters = InstrumentParameters


class Grm(SvomInstrument):
    name = "GRM"
    summary = "SVOM's gamma-ray burst monitor: SAA passages, on-time, data"
    published_field, published_band = "2.6 sr", "15-5000 keV"
    source = "NASA GCN SVOM mission page"
    Parameters = InstrumentParameters


class Mxt(SvomInstrument):
    name = "MXT"
    summary = "SVOM's microchannel X-ray telescope: SAA passages, on-time, data"
    published_field, published_band = "1.1 x 1.1 deg", "0.2-10 keV"
    source = "NASA GCN SVOM mission page"
    Parameters = InstrumentParameters


class Vt(SvomInstrument):
    name = "VT"
    summary = "SVOM's visible telescope: SAA passages, on-time, data"
    published_field, published_band = "26 x 26 arcmin", "450-650 nm + 650-1000 nm"
    source = "NASA GCN SVOM mission page"
    Parameters = InstrumentParameters
