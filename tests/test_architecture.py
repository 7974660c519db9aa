"""The house's rules that no linter checks for us (docs/ARCHITECTURE.md): modules small enough
to read in one sitting, and no project import tucked inside a function (where it would hide a
cycle between layers that import-linter, run by `make lint`, then cannot see)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("submissions", "workflow", "notices", "secretariat")
MAX_LINES = 600


def application_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_packages_are_found():
    modules = list(application_modules())
    assert len(modules) > 50
    assert ROOT / "workflow" / "services" / "recording.py" in modules


def test_no_application_module_is_over_600_lines():
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in application_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def _function_imports(path: Path, source: str | None = None):
    if source is None:
        source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        # Django's own place for wiring an app once the registry is ready.
        if function.name == "ready" and path.name == "apps.py":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else ["<relative>"]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name == "<relative>" or name.split(".")[0] in PACKAGES:
                    yield f"{path.relative_to(ROOT)}:{node.lineno} {function.name}() imports {name}"


def test_no_project_import_inside_a_function():
    found = [line for path in application_modules() for line in _function_imports(path)]
    assert found == []


def test_the_check_finds_an_import_inside_a_function():
    sample = ROOT / "workflow" / "sample.py"
    source = "import json\n\n\ndef f():\n    import csv\n    from workflow import table\n"
    assert list(_function_imports(sample, source)) == ["workflow/sample.py:6 f() imports workflow"]


def test_no_template_comment_spans_lines():
    """Django's ``{# … #}`` ends on its line: one left open runs on the page as text (walk 180:
    five lines of a developer's note above the case page's summary). Longer notes use
    ``{% comment %}``."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    open_comments = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.txt"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
