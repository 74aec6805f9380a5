"""The project's layout, checked with the standard library: the import graph of its packages has
no cycle, no module star-imports, apps import only downwards, and no function hides an import of
project code (the usual way to dodge a cycle)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cec_portal", "eligibility", "profiles", "accounts", "cases", "consultants")
# Each app may import the apps listed after it, never one before it.
LAYERS = ("consultants", "cases", "accounts", "profiles", "eligibility")
# Imports inside a function that are there for a reason other than a cycle: each names why.
DEFERRED_IMPORTS_ALLOWED = {
    # Loads scikit-learn only when a result page compares duties (start-up time, memory).
    ("profiles.selectors", "eligibility.noc.matching"),
    # AppConfig.ready: signal handlers connect once the app registry is ready.
    ("profiles.apps", "profiles.roles"),
    ("accounts.apps", "accounts.signals"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_files() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


MODULES = {_module_name(path): path for path in _project_files()}


def _resolve(name: str) -> str | None:
    """The project module an imported name lives in (``a.b.c`` → ``a.b`` if ``c`` is a name)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str) -> list[tuple[str, bool]]:
    """(imported project module, whether the import statement is at the module's top level)."""
    tree = ast.parse(MODULES[module].read_text())
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.append((target, id(node) in top_level))
    return found


def _graph() -> dict[str, set[str]]:
    return {
        module: {target for target, _top in _imports(module)}
        for module in MODULES
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_project_modules_are_found():
    assert {"cases.models", "profiles.models", "consultants.admin", "eligibility.rules"} <= set(
        MODULES
    )


def test_no_import_cycle_between_modules():
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_star_import(module):
    tree = ast.parse(MODULES[module].read_text())
    stars = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
    ]
    assert stars == []


def test_apps_import_only_the_apps_below_them():
    upward = []
    for module, targets in _graph().items():
        app = module.split(".")[0]
        if app not in LAYERS:
            continue
        for target in targets:
            other = target.split(".")[0]
            if other in LAYERS and LAYERS.index(other) < LAYERS.index(app):
                upward.append(f"{module} → {target}")
    assert upward == []


def test_no_function_imports_project_code_except_where_it_says_why():
    deferred = {
        (module, target)
        for module in MODULES
        for target, top in _imports(module)
        if not top
    }
    assert deferred <= DEFERRED_IMPORTS_ALLOWED, deferred - DEFERRED_IMPORTS_ALLOWED


def test_the_readme_names_every_allowed_deferred_import():
    readme = (ROOT / "README.md").read_text()
    described = readme[readme.index("## How it is built"):]
    missing = [
        f"{module} → {target}"
        for module, target in sorted(DEFERRED_IMPORTS_ALLOWED)
        if f"`{module}` → `{target}`" not in described
    ]
    assert missing == []
    count = ("no", "one", "two", "three", "four", "five")[len(DEFERRED_IMPORTS_ALLOWED)]
    assert f"{count.capitalize()} such imports are allowed" in described


# Modules every other one may import: they import nothing of the project but the leaves named.
LEAVES = {
    "cases.errors": set(),
    "cases.documents.vocabulary": {"profiles.enums"},
    "profiles.phrases": set(),
    "profiles.enums": {"profiles.phrases", "eligibility.rules.language"},
}


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_a_leaf_imports_nothing_of_the_project_but_other_leaves(leaf):
    assert {target for target, _top in _imports(leaf)} <= LEAVES[leaf]


def test_the_rules_engine_imports_nothing_of_the_apps():
    engine = {module: targets for module, targets in _graph().items()
              if module.startswith("eligibility.rules")}
    assert all(target.startswith("eligibility.rules") for targets in engine.values()
               for target in targets)


def _private_names_imported(module: str) -> list[str]:
    """``from x import _name`` where ``x`` is another project module."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        source = _resolve(node.module)
        if source is None or source == module:
            continue
        found += [
            f"{module} ← {node.module}.{alias.name}"
            for alias in node.names
            if alias.name.startswith("_") and not alias.name.startswith("__")
        ]
    return found


def test_no_module_imports_another_modules_private_names():
    # A helper another module needs is part of its module's interface: give it a public name.
    assert [found for module in MODULES for found in _private_names_imported(module)] == []
