"""Laser ranging to retroreflectors: cube-corner cross-sections, the link equation, footprints."""
