"""NILS, ESA's negative-ion analyser on the Chang'e-6 lander (built by IRF Kiruna): the solar-wind
protons onto the site, the H- they make leave the surface (:mod:`farside.payloads.ions.surface_ions`)
and the instrument's counts in its energy-per-charge bins, while it runs.

The site's sky gives the Sun's direction and the terrain mask; the solar wind (density, speed) is
a stated input, as are the yields and the instrument's figures (its performance table is not
published: ASAN, its sibling on Chang'e-4, has logarithmic bins of ~30 % dE/E over 10 eV-3 keV,
M. Wieser et al. 2020, Space Sci. Rev. 216, 73). NILS ran in bursts between cool-downs (it
overheated): ``burst_min`` on, ``cooldown_min`` off, from ``first_data_after_landing_min``.
"""
import numpy as np
from pydantic import Field, model_validator

from farside.astro import ephemeris, frames
from farside.astro.sites import enu_rotation
from farside.astro.time import Epoch
from farside.errors import FarsideValueError
from farside.payloads.base import (Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Plot,
                                   Series, TimelineEvent)
from farside.payloads.ions import surface_ions

STEP_S = 300.0


class NilsParameters(PayloadParameters):
    density_cm3: float = Field(5.0, gt=0)
    speed_km_s: float = Field(300.0, gt=0)
    orbital_aberration: bool = True
    scattering_yield: float = Field(0.22, ge=0, le=1)
    sputtering_yield: float = Field(0.08, ge=0, le=1)
    negative_fraction: float = Field(0.10, ge=0, le=1)
    binding_energy_ev: float = Field(5.5, gt=0)
    scattered_temperature_ev: float = Field(60.0, gt=0)
    geometric_factor_cm2_sr: float = Field(1e-4, gt=0)
    efficiency: float = Field(0.1, gt=0, le=1)
    emission_angle_deg: float = Field(60.0, ge=0, lt=90)
    bin_low_ev: float = Field(10.0, gt=0)
    bin_high_ev: float = Field(3000.0, gt=0)
    bin_width: float = Field(0.3, gt=0, lt=1)
    accidental_counts_s: float = Field(0.0, ge=0)
    first_data_after_landing_min: float = Field(280.0, ge=0)
    burst_min: float = Field(10.0, gt=0)
    cooldown_min: float = Field(50.0, ge=0)
    data_rate_bit_s: float = Field(1000.0, ge=0)

    @model_validator(mode="after")
    def _bins(self):
        if self.bin_high_ev <= self.bin_low_ev:
            raise ValueError(f"bin_high_ev above bin_low_ev ({self.bin_low_ev:g} eV)")
        return self


def energy_bins(p: NilsParameters):
    """Lower edges, upper edges and centres (eV) of logarithmic bins of relative width ``bin_width``."""
    n = int(np.ceil(np.log(p.bin_high_ev / p.bin_low_ev) / np.log1p(p.bin_width)))
    edges = p.bin_low_ev * (1.0 + p.bin_width) ** np.arange(n + 1)
    return edges[:-1], edges[1:], np.sqrt(edges[:-1] * edges[1:])


def incident(p: NilsParameters, site, t_s):
    """Flux (m^-2 s^-1), incidence angle (rad from the vertical) and speed (m/s) of the solar wind
    onto the level ground at ``site`` (lunar `Site`) at ``t_s`` (TDB s, array), terrain aside."""
    epochs = Epoch.from_tdb_seconds(t_s)
    sun, sun_v = ephemeris.state("sun", epochs, center="moon")
    outward = -sun / np.linalg.norm(sun, axis=1)[:, None]
    u = p.speed_km_s * 1e3 * outward + (sun_v if p.orbital_aberration else 0.0)
    fixed = np.einsum("nij,nj->ni", np.atleast_3d(frames.rotation("GCRF", "MOON_ME", epochs)).reshape(-1, 3, 3), u)
    up = enu_rotation(site.lat_rad, site.lon_rad)[2]
    speed = np.linalg.norm(fixed, axis=1)
    cos_theta = -(fixed @ up) / speed
    return p.density_cm3 * 1e6 * speed * np.clip(cos_theta, 0.0, None), np.arccos(np.clip(cos_theta, -1, 1)), speed


def operating(p: NilsParameters, landing_s, windows, t_s):
    """1 where NILS takes data at ``t_s``: inside a window, after its first data, in a burst."""
    first = landing_s + 60.0 * p.first_data_after_landing_min
    cycle = 60.0 * (p.burst_min + p.cooldown_min)
    on = np.zeros(np.shape(t_s), dtype=bool)
    for w in windows:
        start = max(first, w.start_s)
        on |= (t_s >= start) & (t_s < w.end_s) & (np.mod(t_s - start, cycle) < 60.0 * p.burst_min)
    return on


def spectra(p: NilsParameters, incident_ev):
    """H- leaving per incident proton, per eV: ``(scattered, sputtered)`` spectra (functions of E)."""
    scattered = surface_ions.normalised(surface_ions.maxwellian_flux, incident_ev, p.scattered_temperature_ev)
    sputtered = surface_ions.normalised(surface_ions.thompson, incident_ev, p.binding_energy_ev)
    k = p.negative_fraction
    return (lambda e: k * p.scattering_yield * scattered(e)), (lambda e: k * p.sputtering_yield * sputtered(e))


def _stay(flown, request):
    stays = flown.stays_of(request.module)
    for j, w in enumerate(request.windows):
        if not any(s.start_s <= w.start_s and w.end_s <= s.end_s for s in stays):
            raise FarsideValueError(f"schedule[{j}]", f"{w.start.iso('utc', 0)} to {w.end.iso('utc', 0)}",
                                    f"a window within a surface stay of {request.module}")
    return next(s for s in stays if s.start_s <= request.windows[0].start_s <= s.end_s)


class Nils(PayloadModel):
    name = "NILS"
    summary = "negative ions (H-) from the solar wind's scattering and sputtering at the surface, in E/q bins"
    Parameters = NilsParameters

    def check(self, flown, request):
        _stay(flown, request)

    def run(self, flown, request):
        p = request.parameters
        stay = _stay(flown, request)
        w0, w1 = request.windows[0].start_s, request.windows[-1].end_s
        t = np.append(np.arange(w0, w1, STEP_S), w1)
        flux, theta, speed = incident(p, stay.site, t)
        sky = stay.sky
        shadowed = np.interp(t, sky.times_s, sky.sun_elevation_deg) < np.interp(t, sky.times_s, sky.sun_mask_deg)
        flux = np.where(shadowed, 0.0, flux)
        on = operating(p, stay.start_s, request.windows, t)
        lower, upper, centre = energy_bins(p)
        e0 = float(surface_ions.incident_energy_ev(np.mean(speed)))
        scattered, sputtered = spectra(p, e0)
        per_sr = np.cos(np.radians(p.emission_angle_deg)) / np.pi * p.geometric_factor_cm2_sr * 1e-4 * p.efficiency
        bin_sc = surface_ions.bin_integral(scattered, lower, upper) * per_sr
        bin_sp = surface_ions.bin_integral(sputtered, lower, upper) * per_sr
        band = (centre >= 100.0) & (centre <= 400.0)
        counts = flux[:, None] * (bin_sc + bin_sp)[None, :] + p.accidental_counts_s
        on_s = float(np.sum(on[:-1] * np.diff(t)))
        series = Series("surface", t, {
            "solar_zenith_deg": 90.0 - np.interp(t, sky.times_s, sky.sun_elevation_deg),
            "flow_incidence_deg": np.degrees(theta), "incident_flux_cm-2_s-1": flux * 1e-4,
            "incident_energy_eV": surface_ions.incident_energy_ev(speed),
            "h_minus_flux_cm-2_s-1": flux * 1e-4 * p.negative_fraction * (p.scattering_yield + p.sputtering_yield),
            "operating": on.astype(int), "counts_100_400_eV_s-1": counts[:, band].sum(axis=1) * on,
            "counts_all_bins_s-1": counts.sum(axis=1) * on})
        k0 = int(np.argmax(on))
        spectrum = Series("spectrum", np.full(centre.size, t[k0]), {
            "energy_per_charge_eV": centre, "scattered_counts_s-1": flux[k0] * bin_sc,
            "sputtered_counts_s-1": flux[k0] * bin_sp, "counts_s-1": counts[k0]})
        first = Epoch.from_tdb_seconds(stay.start_s + 60.0 * p.first_data_after_landing_min)
        events = (TimelineEvent(first, f"{request.label} first data",
                                f"{flux[k0] * 1e-4:.3g} protons/cm^2/s at {np.degrees(theta[k0]):.1f} deg incidence"),)
        volume = DataVolume(on_s * p.data_rate_bit_s, f"{on_s / 3600:.2f} h of data at {p.data_rate_bit_s:g} bit/s")
        plots = (Plot("surface", "surface", ("incident_flux_cm-2_s-1", "h_minus_flux_cm-2_s-1", "counts_100_400_eV_s-1"),
                      title="solar wind onto the site and H- counts"),
                 Plot("spectrum", "spectrum", ("counts_s-1",), x="energy_per_charge_eV", title="H- counts at first data",
                      log_y=True))
        figures = {"first_data_utc": first.iso("utc", 0), "data_hours": on_s / 3600.0,
                   "incident_flux_first_data_cm2_s": float(flux[k0] * 1e-4),
                   "solar_zenith_first_data_deg": float(series.columns["solar_zenith_deg"][k0]),
                   "negative_fraction_of_incident": p.negative_fraction * (p.scattering_yield + p.sputtering_yield),
                   "sputtered_peak_ev": _peak(sputtered, p.binding_energy_ev),
                   "band_100_400_share": float(counts[k0, band].sum() / counts[k0].sum()),
                   "incident_energy_ev": e0}
        return PayloadOutcome((series, spectrum), events, volume, plots, _comparisons(figures), figures)


def _peak(spectrum, binding_ev):
    """Energy (eV) of the spectrum's maximum, on a fine grid around the binding energy."""
    e = np.linspace(1e-3, 10.0 * binding_ev, 200001)
    return float(e[np.argmax(spectrum(e))])


def _comparisons(f):
    source_n3 = "Canu-Blot et al. 2026, arXiv:2602.16567 (NILS-fitted yields)"
    return (
        Comparison("first data (UTC)", f["first_data_utc"], "landing + 280 min", "input", "ESA release, June 2024"),
        Comparison("hours of data", f"{f['data_hours']:.2f} h", "> 3 h (ESA); 3 h 50 min (CNSA)", "input",
                   "ESA release 2024; SCIO press conference 9 July 2024"),
        Comparison("solar zenith angle at first data", f"{f['solar_zenith_first_data_deg']:.1f} deg",
                   "not published", "prediction", "-"),
        Comparison("proton flux onto the site at first data", f"{f['incident_flux_first_data_cm2_s']:.3g} cm^-2 s^-1",
                   "measured solar wind not found", "prediction", "-"),
        Comparison("H- leaving / protons arriving", f"{100 * f['negative_fraction_of_incident']:.1f} %", "2-6 %",
                   "input", source_n3 + ": the stated yields' product"),
        Comparison("sputtered H spectrum's peak", f"{f['sputtered_peak_ev']:.3f} eV", "U_b / 2 = 2.75 eV (U_b 5.5 eV)",
                   "prediction", "Thompson 1968, Philos. Mag. 18, 377; " + source_n3),
        Comparison("share of H- counts at 100-400 eV/q", f"{100 * f['band_100_400_share']:.0f} %",
                   "weak H- at 100-400 eV/q", "prediction", "Wieser et al. 2025, Commun. Earth Environ., Fig. 5"),
    )
