"""Packaging: the runtime dependencies are what the demo (``farside run``) imports, everything else
is an extra of pyproject.toml, imported only through `farside.errors.import_optional`; without an
extra, its command stops on one line naming the extra; the scenarios and ``py.typed`` are package
data.

The "fresh machine without the extras" is a subprocess in which every module of the extras is
blocked (``sys.modules[name] = None``: importing it raises ImportError, as if not installed)."""
import ast
import functools
import importlib.metadata
import importlib.resources
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "farside"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
EXTRA_MODULES = ("dask", "distributed", "aep8", "astropy_healpix")
"""The modules of the runtime extras ``campaign`` and ``observatory``."""


def _name(requirement: str) -> str:
    return re.split(r"[<>=\[;~! ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


@functools.cache
def _packages() -> dict:
    return importlib.metadata.packages_distributions()


def _distributions(module: str) -> set:
    top = module.split(".")[0]
    return {d.lower().replace("_", "-") for d in _packages().get(top, [])}


def _imports():
    """``(file, module, optional_extra)`` of every import of another package in src/farside: plain
    import statements (extra None) and `import_optional` calls (with their extra)."""
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "import_optional"
                  and all(isinstance(a, ast.Constant) for a in node.args[:2])):
                yield path.name, node.args[0].value, node.args[1].value
                continue
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "farside" and top not in sys.stdlib_module_names:
                    yield path.name, name, None


def test_plain_imports_are_runtime_dependencies_and_optional_ones_name_their_extra():
    runtime = {_name(r) for r in PROJECT["dependencies"]}
    extras = {extra: {_name(r) for r in reqs} for extra, reqs in PROJECT["optional-dependencies"].items()}
    for file, module, extra in _imports():
        if extra is None:
            assert _distributions(module) & runtime, f"{file} imports {module}, not a runtime dependency"
        else:
            assert _distributions(module) & extras[extra], f"{file}: {module} is not in the extra [{extra}]"
            assert not _distributions(module) & runtime, f"{module} is a runtime dependency, not optional"
    assert {"dask", "distributed"} <= extras["campaign"] and {"aep8", "astropy-healpix"} <= extras["observatory"]
    assert not {"dask", "distributed", "aep8", "astropy-healpix"} & runtime


def _without_extras(*argv):
    """Run the ``farside`` command in a fresh process where the extras' modules cannot be imported."""
    code = textwrap.dedent(f"""
        import sys
        for name in {EXTRA_MODULES!r}:
            sys.modules[name] = None
        sys.argv = ["farside"] + {[str(a) for a in argv]!r}
        from farside.cli import main
        main()
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                          env={"PYTHONPATH": str(SRC.parent), "COLUMNS": "200", "PATH": ""})


def test_the_demo_command_runs_without_the_extras(tmp_path):
    from tests.test_cli_output_modes import SHORT
    scenario = tmp_path / "short.yaml"
    scenario.write_text(SHORT)
    run = _without_extras("run", scenario, "-o", tmp_path / "out", "--quiet")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "out" / "report.html").is_file() and (tmp_path / "out" / "orbiter.oem").is_file()


def test_importing_farside_imports_no_extra():
    code = ("import sys, farside, farside.cli; print(sorted({m.split('.')[0] for m in sys.modules} & set("
            f"{EXTRA_MODULES!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={"PYTHONPATH": str(SRC.parent), "PATH": ""})
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.parametrize("argv, extra", [
    (["campaign", ROOT / "tests" / "campaign" / "data" / "lunar_orbit_campaign.yaml", "-n", "2"], "campaign"),
    (["observe", ROOT / "scenarios" / "survey_smallsat.yaml", "--set", "orbit.days=1"], "observatory"),
])
def test_a_missing_extra_is_one_line_naming_it(tmp_path, argv, extra):
    run = _without_extras(*argv, "-o", tmp_path / "out")
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert run.returncode == 2 and len(lines) == 1, run.stdout + run.stderr
    assert lines[0].startswith("error: ") and f"pip install 'farside[{extra}]'" in lines[0]


def test_scenarios_and_py_typed_are_package_data():
    package = importlib.resources.files("farside")
    shipped = {p.name for p in (package / "scenarios").iterdir() if p.name.endswith(".yaml")}
    assert shipped == {p.name for p in (ROOT / "scenarios").glob("*.yaml")} and "change6.yaml" in shipped
    assert (package / "py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["farside"]
    assert "scenarios/*.yaml" in data and "py.typed" in data
