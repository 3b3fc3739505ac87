"""The project's layer rule (DESIGN.md, "Layers"): each sub-package of ``farside`` may import only
the layers below it. Order, lowest first: errors, core, astro, io, dynamics, gnc and comms (the same
rank: neither imports the other), payloads, mission, campaign, report, cli."""
import ast
from pathlib import Path

RANK = {"errors": 0, "core": 1, "astro": 2, "io": 3, "dynamics": 4, "gnc": 5, "comms": 5, "payloads": 6,
        "mission": 7, "campaign": 8, "report": 9, "cli": 10}


def layer_of(module: str):
    """The layer of a dotted module name (``farside.gnc.lambert`` -> ``gnc``), None outside farside."""
    parts = module.split(".")
    return parts[1] if parts[0] == "farside" and len(parts) > 1 else None


def imported_modules(tree, module_parts):
    """``[(line, dotted name)]`` of every import in ``tree``, relative ones resolved against
    ``module_parts`` (the importing module's dotted name, split)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                out.append((node.lineno, node.module))
            else:
                base = list(module_parts[:-node.level])
                out.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
    return out


def violations(package: Path) -> list:
    """One line per import in ``package`` (the ``src/farside`` folder) that does not point to a
    lower layer."""
    bad = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        own = layer_of(".".join(parts))
        if own not in RANK:
            continue
        for line, name in imported_modules(ast.parse(path.read_text(), str(path)), parts):
            other = layer_of(name)
            if other in RANK and other != own and RANK[other] >= RANK[own]:
                bad.append(f"{'/'.join(parts)}.py:{line}: layer '{own}' imports '{name}' (not below it)")
    return bad
