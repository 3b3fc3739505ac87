"""The report page: one self-contained HTML file built with jinja2 from the package's templates, with
the vendored plotly.js (MIT licence, ``vendor/plotly.LICENSE.txt``), the viewer script and the data
inlined, so that it opens from ``file://`` with no network, server or CDN."""
import json
from functools import lru_cache
from importlib.resources import files

import jinja2
from markupsafe import Markup

from farside import __version__
from farside.io.atomic import atomic_write
from farside.mission.outputs import format_figure

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


def script_json(value) -> Markup:
    """``value`` as JSON safe inside a ``<script>`` element (no ``</`` can close it early)."""
    return Markup(json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/"))


def render(template, **context) -> str:
    return environment().get_template(template).render(
        plotly_js=Markup(asset("vendor", "plotly.min.js")), style=Markup(asset("templates", "report.css")),
        charts_js=Markup(asset("templates", "charts.js")),
        plotly_version=PLOTLY_VERSION, farside_version=__version__, **context)


def write_page(path, html: str):
    """Write the page atomically (no partial file is left behind)."""
    atomic_write(path, lambda h: h.write(html), binary=False)
    return path
