"""No module imports a name it never uses (the package, its tests and the benchmarks): dead
imports hide what a module really depends on. A name listed in ``__all__`` or imported by a
package's ``__init__`` counts as used (that is how a package exports), and so does a name in a
string annotation (a forward reference to a type imported only for type checkers)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _forward_references(tree) -> set:
    """Names used in string annotations (PEP 484 forward references: ``t: "TimeArgument"``,
    ``Union["Epoch", "Quantity"]``): every string constant that reads as a Python expression."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200:
            try:
                expression = ast.parse(node.value, mode="eval")
            except SyntaxError:
                continue
            names |= {n.id for n in ast.walk(expression) if isinstance(n, ast.Name)}
    return names


def _unused(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                imported[(alias.asname or alias.name).split(".")[0]] = node.lineno
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | _forward_references(tree)
    exported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            exported = {e.value for e in node.value.elts}
    return [f"{path.relative_to(ROOT)}:{line} {name}" for name, line in imported.items()
            if name not in used and name not in exported]


def test_no_unused_imports():
    files = [p for folder in ("src", "tests", "bench") for p in (ROOT / folder).rglob("*.py")
             if p.name != "__init__.py"]
    problems = [u for f in files for u in _unused(f)]
    assert not problems, "\n".join(problems)
