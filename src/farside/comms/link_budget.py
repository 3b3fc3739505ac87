"""Radio link budgets: from transmitter power and antennas to the received carrier-to-noise
density and the highest data rate that closes with a margin.

    C/N0 = EIRP - L_fs - L_point - L_other + G_r - 10 log10(k T_sys)       [dB-Hz]
    R_max = C/N0 - (Eb/N0)_required - margin                                [dB-bit/s]

Free-space loss ``20 log10(4 pi d f / c)``; parabolic antenna gain ``eta (pi D f / c)^2``, half-power
beamwidth ``70 lambda / D`` degrees and pointing loss ``12 (theta / theta_3dB)^2`` dB (Wertz &
Larson, *Space Mission Analysis and Design*, 3rd ed., §13.3, eqs. 13-11 to 13-21); Boltzmann's
constant 1.380649e-23 J/K (SI 2019). Powers in W, frequencies in Hz, distances in m, dB as floats.
"""
from dataclasses import dataclass

import numpy as np

from farside.astro.bodies import SPEED_OF_LIGHT_M_S
from farside.errors import FarsideValueError

BOLTZMANN_J_K = 1.380649e-23
BOLTZMANN_DBW_HZ_K = 10.0 * np.log10(BOLTZMANN_J_K)


def db(x):
    return 10.0 * np.log10(x)


def free_space_loss_db(distance_m, frequency_hz):
    return 20.0 * np.log10(4.0 * np.pi * np.asarray(distance_m) * frequency_hz / SPEED_OF_LIGHT_M_S)


def dish_gain_dbi(diameter_m, frequency_hz, efficiency=0.55):
    return db(efficiency * (np.pi * diameter_m * frequency_hz / SPEED_OF_LIGHT_M_S) ** 2)


def half_power_beamwidth_deg(diameter_m, frequency_hz):
    return 70.0 * SPEED_OF_LIGHT_M_S / (frequency_hz * diameter_m)


def pointing_loss_db(error_deg, beamwidth_deg):
    return 12.0 * (error_deg / beamwidth_deg) ** 2


@dataclass(frozen=True)
class Antenna:
    """A dish of ``diameter_m`` (gain from the aperture and ``efficiency``) or a fixed
    ``gain_dbi``; ``pointing_error_deg`` costs the pointing loss of its beam."""
    gain_dbi: float | None = None
    diameter_m: float | None = None
    efficiency: float = 0.55
    pointing_error_deg: float = 0.0

    def __post_init__(self):
        if (self.gain_dbi is None) == (self.diameter_m is None):
            raise FarsideValueError("antenna", self, "exactly one of gain_dbi or diameter_m")
        if self.diameter_m is not None and not self.diameter_m > 0:
            raise FarsideValueError("diameter_m", self.diameter_m, "a diameter > 0 m")

    def gain(self, frequency_hz) -> float:
        if self.gain_dbi is not None:
            return self.gain_dbi
        return dish_gain_dbi(self.diameter_m, frequency_hz, self.efficiency)

    def pointing_loss(self, frequency_hz) -> float:
        if self.diameter_m is None or self.pointing_error_deg == 0.0:
            return 0.0
        return pointing_loss_db(self.pointing_error_deg, half_power_beamwidth_deg(self.diameter_m, frequency_hz))


@dataclass(frozen=True)
class Link:
    """One radio link and what it needs: ``required_ebn0_db`` of its modulation and coding at
    the target bit error rate, plus ``margin_db``."""
    name: str
    frequency_hz: float
    tx_power_w: float
    tx_antenna: Antenna
    rx_antenna: Antenna
    system_noise_k: float
    required_ebn0_db: float
    margin_db: float = 3.0
    other_losses_db: float = 0.0
    source: str = ""

    def __post_init__(self):
        for field in ("frequency_hz", "tx_power_w", "system_noise_k"):
            value = getattr(self, field)
            if not (np.isfinite(value) and value > 0):
                raise FarsideValueError(field, value, "a finite value > 0")

    def budget(self, distance_m) -> dict:
        """The budget's lines (dB, dB-Hz, bit/s) at ``distance_m`` (scalar or array)."""
        f = self.frequency_hz
        eirp = db(self.tx_power_w) + self.tx_antenna.gain(f) - self.tx_antenna.pointing_loss(f)
        loss = free_space_loss_db(distance_m, f)
        g_over_t = self.rx_antenna.gain(f) - self.rx_antenna.pointing_loss(f) - db(self.system_noise_k)
        cn0 = eirp - loss - self.other_losses_db + g_over_t - BOLTZMANN_DBW_HZ_K
        rate_db = cn0 - self.required_ebn0_db - self.margin_db
        return {"eirp_dbw": eirp, "free_space_loss_db": loss, "g_over_t_db_k": g_over_t, "cn0_dbhz": cn0,
                "max_rate_bps": 10.0 ** (rate_db / 10.0)}

    def margin(self, distance_m, rate_bps) -> np.ndarray:
        """Margin (dB) above the required Eb/N0 at ``rate_bps``."""
        return self.budget(distance_m)["cn0_dbhz"] - db(rate_bps) - self.required_ebn0_db
