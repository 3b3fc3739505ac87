"""farside: lunar sample-return and science mission analysis, end to end.

The public surface::

    import farside as fs
    t = fs.Epoch("2024-06-01T22:23:16", scale="utc")
    r, v = fs.ephemeris.state("moon", t, center="earth", frame="GCRF")
    R = fs.frames.rotation("GCRF", "MOON_PA", t)
"""
from farside.astro import bodies, ephemeris, frames
from farside.astro.time import Epoch

__all__ = ["Epoch", "bodies", "ephemeris", "frames"]
__version__ = "0.1.0"
