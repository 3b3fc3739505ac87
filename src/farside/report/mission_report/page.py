"""The report page: one self-contained HTML file built with jinja2 from the package's templates, with
the vendored plotly.js (MIT licence, ``vendor/plotly.LICENSE.txt``), the viewer script and the data
inlined, so that it opens from ``file://`` with no network, server or CDN.

Numeric arrays travel as plotly.js's typed-array specification (``{"dtype": "f4", "bdata": base64
of the little-endian bytes, "shape": "rows,columns"}``, plotly.js >= 2.28): a few bytes per number
instead of its decimal text, decoded by the page into JavaScript typed arrays without parsing a
number list (the charts hand them to plotly.js as they are; the 3-D view reads them the same way)."""
import base64
import json
from functools import lru_cache
from importlib.resources import files

import jinja2
import numpy as np
from markupsafe import Markup

from farside import __version__
from farside.io.atomic import atomic_write
from farside.report.figure_text import format_figure

PACKAGE = "farside.report.mission_report"
PLOTLY_VERSION = "3.7.0"


def figure(value) -> str:
    """A figure of the summary as text (4 significant digits, lists joined); ``n/a`` for a missing one."""
    return "n/a" if value is None else format_figure(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader(PACKAGE, "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["figure"] = figure
    return env


@lru_cache(maxsize=8)
def asset(*parts) -> str:
    """A text file of the package (vendored library, script, style sheet)."""
    return files(PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


DTYPES = {np.dtype("<f8"): "f8", np.dtype("<f4"): "f4"}


def typed_array(array: np.ndarray) -> dict:
    """A 1-D or 2-D numpy array of float64 or float32 as plotly.js's typed-array
    specification (row-major bytes, little-endian). Float32 NaN is allowed: the 3-D view reads
    it as a gap."""
    if array.dtype.newbyteorder("<") not in DTYPES or array.ndim not in (1, 2):
        raise TypeError(f"no typed-array form for a {array.ndim}-D {array.dtype} array")
    data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    return {"dtype": DTYPES[data.dtype], "bdata": base64.b64encode(data.tobytes()).decode("ascii"),
            "shape": ",".join(str(n) for n in data.shape)}


def _encoded(value):
    if isinstance(value, np.ndarray):
        return typed_array(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def script_json(value) -> Markup:
    """``value`` as JSON safe inside a ``<script>`` element (no ``</`` can close it early); numpy
    arrays become typed-array specifications (:func:`typed_array`)."""
    text = json.dumps(value, separators=(",", ":"), allow_nan=False, default=_encoded)
    return Markup(text.replace("</", "<\\/"))


def render(template, **context) -> str:
    return environment().get_template(template).render(
        plotly_js=Markup(asset("vendor", "plotly.min.js")), style=Markup(asset("templates", "report.css")),
        charts_js=Markup(asset("templates", "charts.js")),
        plotly_version=PLOTLY_VERSION, farside_version=__version__, **context)


def write_page(path, html: str):
    """Write the page atomically (no partial file is left behind)."""
    atomic_write(path, lambda h: h.write(html), binary=False)
    return path
