"""Time scales, bodies and constants, ephemerides and reference frames."""
