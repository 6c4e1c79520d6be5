"""The package's import structure: no cycles among module-level imports, the ground-floor modules
import nothing of the project, and no module grows past a size one person reads at a sitting."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
GROUND_FLOOR = {"model", "errors", "escape", "settings", "steps", "normalize", "literals", "zones", "passages", "rule_cache", "watchdog"}
MAX_LINES = 420


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Project modules imported at module level (not inside functions or TYPE_CHECKING blocks)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
            target = ".".join([*base, *([node.module] if node.module else [])])
            if node.module:
                found.add(target)
            else:
                found.update(".".join(filter(None, [target, alias.name])) for alias in node.names)
    return {module for module in found if (PACKAGE / (module.replace(".", "/") + ".py")).exists()
            or (PACKAGE / module.replace(".", "/") / "__init__.py").exists()}


GRAPH = {_module_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_no_import_cycle():
    state: dict[str, int] = {}

    def visit(module, trail):
        if state.get(module) == 2:
            return
        assert state.get(module) != 1, "import cycle: " + " -> ".join([*trail, module])
        state[module] = 1
        for other in sorted(GRAPH.get(module, ())):
            visit(other, [*trail, module])
        state[module] = 2

    for module in sorted(GRAPH):
        visit(module, [])


def test_ground_floor_imports_nothing_of_the_project():
    assert {module: GRAPH[module] for module in GROUND_FLOOR if GRAPH[module]} == {}


def test_no_module_is_too_long():
    lengths = {_module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}
