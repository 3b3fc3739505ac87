"""Solar-wind ions at the lunar surface: incident flux, scattering and sputtering, negative ions."""
