"""DORN, CNES/IRAP's radon detector on the Chang'e-6 lander: Rn-222 and Rn-220 from the regolith
and their daughters, and the alpha counts of its silicon detectors.

Production in the soil is the U and Th contents' secular-equilibrium activity (``rho [U] a_U``
atoms m^-3 s^-1, a_U = 12.35 Bq kg^-1 ppm^-1 from the U-238 half-life; Th likewise for Rn-220);
exhalation from a semi-infinite soil is ``phi = E P L`` with the diffusion length
``L = sqrt(D / lambda)`` (e.g. W. W. Nazaroff 1992, Rev. Geophys. 30, 137). Above the site the
exhaled radon hops, sticks, decays and escapes (:mod:`farside.payloads.radon.column`) under the
surface temperature of the site's sky; the column is spun up over ``spin_up_days`` before each
surface window (the Sun at the site from :mod:`farside.comms.site_sky`, a flat horizon).

Windows in flight (cruise, lunar orbit) count the stated background plus the Moon's radon seen
by the downward detectors: the column and its short-lived daughters in steady state at the
sub-spacecraft point's temperature, taken as uniform over the visible cap, through the sphere law
of :mod:`farside.payloads.radon.detector`.
"""
import numpy as np
from pydantic import Field

from farside.astro import ephemeris
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.astro.time import Epoch
from farside.comms import site_sky
from farside.comms.horizon import HorizonMask
from farside.errors import FarsideValueError
from farside.payloads.base import (Comparison, DataVolume, PayloadModel, PayloadOutcome, PayloadParameters, Plot,
                                   Series, TimelineEvent)
from farside.payloads.radon import column, decay, detector, exosphere

FLAT_HORIZON = HorizonMask(np.array([0.0, np.pi]), np.zeros(2))
SKY_STEP_S = 600.0
LUNAR_SPHERE_OF_INFLUENCE_KM = 66180.0
"""Laplace's sphere of influence of the Moon, 384,400 km x (GM_moon / GM_earth)^(2/5): a flight
window that starts inside it is a lunar-orbit run, one outside a cruise run."""
SURFACE_STEP_S = 1800.0
"""The surface run's record (the sky interpolated): the temperature moves ~1 K in it by day."""
SPIN_UP_HALF_LIVES = 8.0
"""Each chain is spun up for ``spin_up_days`` or this many half-lives of its longest-lived member
under a year, whichever is shorter (Rn-220's chain: Pb-212, 3.5 d): under 0.4 % of the transient
of an empty start is left."""
SPIN_UP_STEP_S = 3 * 3600.0
"""The spin-up's temperature record: it only sets the column at the window's start (Rn-222's mean
life is 5.5 d)."""


class DornParameters(PayloadParameters):
    uranium_ppm: float = Field(0.3, ge=0)
    thorium_ppm: float = Field(1.1, ge=0)
    bulk_density_kg_m3: float = Field(1500.0, gt=0)
    emanation_fraction: float = Field(0.05, ge=0, le=1)
    diffusion_coefficient_m2_s: float = Field(2.1e-8, gt=0)
    adsorption_heat_kcal_mol: float = Field(8.5, gt=0)
    albedo: float = Field(0.12, ge=0, lt=1)
    emissivity: float = Field(0.95, gt=0, le=1)
    night_temperature_k: float = Field(100.0, gt=0)
    daughter_return_fraction: float = Field(1.0, ge=0, le=1)
    detector_area_cm2: float = Field(10.0, gt=0)
    upward_fraction: float = Field(0.5, ge=0, le=1)
    half_angle_deg: float = Field(45.0, gt=0, le=90)
    background_counts_s: float = Field(0.0, ge=0)
    spin_up_days: float = Field(30.0, ge=0)
    bits_per_count: float = Field(32.0, ge=0)
    housekeeping_bit_s: float = Field(0.0, ge=0)


def exhalation_atoms_m2_s(p: DornParameters, chain) -> float:
    """``E P L`` for ``chain`` (Rn-222 from U, Rn-220 from Th), atoms m^-2 s^-1."""
    if chain is decay.RN222_CHAIN:
        a = decay.specific_activity_bq_kg_per_ppm(decay.U238_HALF_LIFE_S, decay.U238_MOLAR_MASS_KG,
                                                  decay.U238_ABUNDANCE) * p.uranium_ppm
    else:
        a = decay.specific_activity_bq_kg_per_ppm(decay.TH232_HALF_LIFE_S, decay.TH232_MOLAR_MASS_KG) * p.thorium_ppm
    length = np.sqrt(p.diffusion_coefficient_m2_s / chain[0].decay_constant_s)
    return p.emanation_fraction * p.bulk_density_kg_m3 * a * length


def _temperature(p, sun_el, sun_mask):
    return exosphere.surface_temperature_k(sun_el, sun_mask, p.albedo, p.emissivity, p.night_temperature_k)


def _surface_history(p, stay, window, chain):
    """The column over ``window`` at ``stay``'s site, spun up from ``spin_up_days`` before."""
    phi = exhalation_atoms_m2_s(p, chain)
    initial = None
    longest = max(n.half_life_s for n in chain if n.half_life_s < decay.YEAR_S)
    days = min(p.spin_up_days, SPIN_UP_HALF_LIVES * longest / 86400.0)
    if days > 0:
        spin = site_sky.sky(stay.site, FLAT_HORIZON, window.start_s - days * 86400.0, window.start_s, SPIN_UP_STEP_S)
        before = column.simulate(chain, spin.times_s, _temperature(p, spin.sun_elevation_deg, spin.sun_mask_deg),
                                 phi, p.adsorption_heat_kcal_mol, p.daughter_return_fraction)
        initial = column.final_state(before)
    sky = stay.sky
    t = np.append(np.arange(window.start_s, window.end_s, SURFACE_STEP_S), window.end_s)
    el = np.interp(t, sky.times_s, sky.sun_elevation_deg)
    mask = np.interp(t, sky.times_s, sky.sun_mask_deg)
    local = np.interp(t, sky.times_s, np.unwrap(sky.local_time_h, period=24.0)) % 24.0
    temp = _temperature(p, el, mask)
    hist = column.simulate(chain, t, temp, phi, p.adsorption_heat_kcal_mol, p.daughter_return_fraction, initial)
    return hist, el, local, temp


def _counts(p, hist, upward=True, downward=True):
    """Counts per second in each alpha line of ``hist``'s chain: ``{(nuclide, MeV): rate}``."""
    area = p.detector_area_cm2 * 1e-4
    half = np.radians(p.half_angle_deg)
    lam, _ = decay.chain_constants(hist.chain)
    surface = hist.surface_activity_bq_m2()
    rates = {}
    for member, energy, intensity in decay.alpha_lines(hist.chain):
        rate = np.zeros_like(hist.times_s)
        if downward:
            rate = rate + detector.plane_count_rate_s((1 - p.upward_fraction) * area, surface[:, member], half)
        if upward and member == 0:
            rate = rate + detector.plane_count_rate_s(p.upward_fraction * area, lam[0] * hist.flight, half)
        rates[(hist.chain[member].name, energy)] = intensity * rate
    return rates


def _steady_column(p, chain, temperature_k):
    """Radon in flight and adsorbed (atoms m^-2) in steady state at ``temperature_k``."""
    lam = chain[0].decay_constant_s
    mass = exosphere.mass_of(chain[0].name)
    hop = exosphere.hop_time_s(temperature_k, mass)
    desorb = np.minimum(1.0 / exosphere.residence_time_s(temperature_k, p.adsorption_heat_kcal_mol),
                        column.MAX_DESORPTION_RATE_S)
    stick = (1.0 - exosphere.escape_fraction(temperature_k, mass)) / hop
    ratio = stick / (desorb + lam)
    flight = exhalation_atoms_m2_s(p, chain) / (1.0 / hop + lam - desorb * ratio)
    return flight, flight * ratio


def _flight_window(p, flown, module, window):
    """Counts in flight: background plus the radon of the Moon seen by the downward detectors:
    the column and its short-lived daughters in steady state at the sub-spacecraft point's
    temperature, taken as uniform over the visible cap (night side: the floor's)."""
    t = np.append(np.arange(window.start_s, window.end_s, SKY_STEP_S), window.end_s)
    r, _ = flown.state(module, t, center="moon")
    sun, _ = ephemeris.state("sun", Epoch.from_tdb_seconds(t), center="moon")
    distance = np.linalg.norm(r, axis=1)
    sin_el = np.einsum("ij,ij->i", r / distance[:, None], sun / np.linalg.norm(sun, axis=1)[:, None])
    temp = _temperature(p, np.degrees(np.arcsin(sin_el)), np.zeros_like(t))
    activity = sum(_steady_line_activity(p, chain, temp) for chain in (decay.RN222_CHAIN, decay.RN220_CHAIN))
    signal = detector.sphere_count_rate_s((1 - p.upward_fraction) * p.detector_area_cm2 * 1e-4, activity,
                                          np.radians(p.half_angle_deg), MOON_MEAN_RADIUS_M, distance)
    earth, _ = flown.state(module, t, center="earth")
    columns = {"moon_distance_km": distance / 1e3, "earth_distance_km": np.linalg.norm(earth, axis=1) / 1e3,
               "lunar_radon_counts_s": signal, "count_rate_s-1": p.background_counts_s + signal}
    return Series(f"flight_{Epoch.from_tdb_seconds(window.start_s).iso('utc', 0)[:10]}", t, columns)


def _steady_line_activity(p, chain, temperature_k):
    """Alpha emissions (Bq m^-2, summed over lines) of the radon column and of its daughters
    shorter-lived than a day in steady state (each at its parent's rate times the feeds; Pb-210's
    daughters, decades from equilibrium, are left out)."""
    flight, adsorbed = _steady_column(p, chain, temperature_k)
    lam = chain[0].decay_constant_s
    deposited = lam * (p.daughter_return_fraction * flight + adsorbed)
    total = lam * (flight + adsorbed) * sum(i for _, i in chain[0].alphas)
    feed = 1.0
    for member in chain[1:]:
        if member.half_life_s > 86400.0:
            break
        feed *= member.feed
        total = total + feed * deposited * sum(i for _, i in member.alphas)
    return total


def _surface_window(p, stay, window):
    hist222, el, local, temp = _surface_history(p, stay, window, decay.RN222_CHAIN)
    hist220, *_ = _surface_history(p, stay, window, decay.RN220_CHAIN)
    lines = {**_counts(p, hist222), **_counts(p, hist220)}
    total = p.background_counts_s + sum(lines.values())
    surface222 = hist222.surface_activity_bq_m2()
    columns = {"local_time_h": local, "sun_elevation_deg": el, "surface_temperature_K": temp,
               "residence_time_s": exosphere.residence_time_s(temp, p.adsorption_heat_kcal_mol),
               "hop_time_s": exosphere.hop_time_s(temp), "scale_height_km": exosphere.scale_height_m(temp) / 1e3,
               "rn222_in_flight_m-2": hist222.flight, "rn222_adsorbed_m-2": hist222.adsorbed,
               "rn220_in_flight_m-2": hist220.flight,
               "po218_surface_Bq_m-2": surface222[:, 1], "po214_surface_Bq_m-2": surface222[:, 4],
               "po210_surface_Bq_m-2": surface222[:, 7],
               "mass_balance_residual": np.maximum(np.abs(hist222.balance_residual()),
                                                   np.abs(hist220.balance_residual()))}
    for (name, energy), rate in lines.items():
        columns[f"counts_{name}_{energy:.2f}MeV_s-1"] = rate
    columns["count_rate_s-1"] = total
    return Series("surface", hist222.times_s, columns)


class Dorn(PayloadModel):
    name = "DORN"
    summary = "radon (Rn-222, Rn-220) exhaled by the regolith, its exosphere and daughters, alpha counts"
    Parameters = DornParameters

    def check(self, flown, request):
        for j, w in enumerate(request.windows):
            on_surface = any(s.start_s <= w.start_s and w.end_s <= s.end_s for s in flown.stays_of(request.module))
            if not (on_surface or (flown.flies(request.module, w.start_s) and flown.flies(request.module, w.end_s))):
                raise FarsideValueError(f"schedule[{j}]", f"{w.start.iso('utc', 0)} to {w.end.iso('utc', 0)}",
                                        f"a window in flight or within a surface stay of {request.module}")

    def run(self, flown, request):
        p = request.parameters
        series, events, seconds, counts = [], [], 0.0, 0.0
        for w in request.windows:
            stay = next((s for s in flown.stays_of(request.module) if s.start_s <= w.start_s and w.end_s <= s.end_s),
                        None)
            s = _surface_window(p, stay, w) if stay is not None else _flight_window(p, flown, request.module, w)
            series.append(s)
            rate = s.columns["count_rate_s-1"]
            counts += float(np.trapezoid(rate, s.times_s))
            seconds += w.duration_s
            where = "on the surface" if stay is not None else "in flight"
            events += [TimelineEvent(w.start, f"{request.label} on ({where})", f"{rate[0]:.3g} counts/s"),
                       TimelineEvent(w.end, f"{request.label} off", f"{rate[-1]:.3g} counts/s")]
        bits = counts * p.bits_per_count + seconds * p.housekeeping_bit_s
        volume = DataVolume(bits, f"{counts:.0f} counts x {p.bits_per_count:g} bit + housekeeping over {seconds / 3600:.1f} h")
        return PayloadOutcome(tuple(series), tuple(events), volume, _plots(series),
                              tuple(_comparisons(p, request, series)), _figures(p, series))


def _plots(series):
    plots = [Plot("surface", "surface", ("surface_temperature_K", "rn222_in_flight_m-2", "po218_surface_Bq_m-2",
                                         "count_rate_s-1"), title="the surface run")]
    return tuple(p for p in plots if any(s.name == p.series for s in series))


def _figures(p, series):
    out = {"rn222_exhalation_atoms_m2_s": exhalation_atoms_m2_s(p, decay.RN222_CHAIN),
           "rn220_exhalation_atoms_m2_s": exhalation_atoms_m2_s(p, decay.RN220_CHAIN)}
    surface = next((s for s in series if s.name == "surface"), None)
    if surface is not None:
        c = surface.columns
        out.update({"surface_mean_count_rate_s": float(np.mean(c["count_rate_s-1"])),
                    "surface_temperature_range_K": (float(c["surface_temperature_K"].min()),
                                                    float(c["surface_temperature_K"].max())),
                    "max_mass_balance_residual": float(c["mass_balance_residual"].max()),
                    "po210_over_rn222_activity": float(c["po210_surface_Bq_m-2"][-1] / (
                        decay.RN222_CHAIN[0].decay_constant_s * (c["rn222_in_flight_m-2"][-1]
                                                                 + c["rn222_adsorbed_m-2"][-1])))})
    return out


def _comparisons(p, request, series):
    rows = []
    surface = [(w, s) for w, s in zip(request.windows, series) if s.name == "surface"]
    flights = [(w, s) for w, s in zip(request.windows, series) if s.name != "surface"]
    if surface:
        w, s = surface[0]
        rows += [Comparison("surface run start (UTC)", w.start.iso("utc", 0), "2024-06-02 ~05:30", "input",
                            "CNES statement of 2 June 2024 (07:30 CEST)"),
                 Comparison("surface operating time", f"{sum(x.duration_s for x, _ in surface) / 3600:.1f} h",
                            "32 h (CNSA); ~30 h planned (NSSDC)", "input",
                            "SCIO press conference 9 July 2024; NSSDC DORN page"),
                 Comparison("mean count rate on the surface (lines + stated background)",
                            f"{np.mean(s.columns['count_rate_s-1']):.3g} counts/s",
                            "~1 count/s (Apollo 15/16 APS, 4.5-9 MeV, mostly background; another instrument)",
                            "prediction", "NSSDC Apollo 15 and 16 APS pages"),
                 Comparison("Po-210 / Rn-222 activity after the run",
                            f"{_figures(p, series)['po210_over_rn222_activity']:.2g}",
                            "Po-210 well above its parent (Apollo 16 APS, orbital, old deposits)", "prediction",
                            "Gorenstein, Golub & Bjorkholm 1973, Science 180, 957")]
    for w, s in flights:
        if s.columns["moon_distance_km"][0] < LUNAR_SPHERE_OF_INFLUENCE_KM:
            rows.append(Comparison(f"lunar-orbit run from {w.start.iso('utc', 0)[:10]}",
                                   f"{w.duration_s / 3600:.1f} h", "32 h from 17 May", "input",
                                   "CASC, DORN mission completion (July 2024)"))
        else:
            rows.append(Comparison(f"distance from the Earth, cruise run {w.start.iso('utc', 0)[:10]}",
                                   f"{s.columns['earth_distance_km'][0]:,.0f} km", "~320,000 km on 6 May",
                                   "prediction", "CASC, DORN mission completion (July 2024)"))
    rows += [Comparison("Rn adsorption heat", f"{p.adsorption_heat_kcal_mol:g} kcal/mol", "8-9 kcal/mol", "input",
                        "Friesen & Adams 1976, Geochim. Cosmochim. Acta 40, 375"),
             Comparison("Rn-222 exhalation from the stated U, E, D",
                        f"{exhalation_atoms_m2_s(p, decay.RN222_CHAIN):.3g} atoms/m^2/s",
                        "DORN's measured values not found", "input", "-")]
    return rows
