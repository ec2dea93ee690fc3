"""The package is grouped by stage, and data flows one way: each stage imports only itself and the
stages before it (sources -> model -> render -> outputs -> commands, the workflow of each command,
which only the command line calls)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

STAGES = ("sources", "model", "render", "outputs", "commands")  # commands: each command's workflow
PACKAGE = ROOT / "leaflets"


def imported_stages(module: Path) -> set[str]:
    """The stages a module in leaflets/<stage>/ imports from (relative or absolute imports)."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.add(module.parent.name)
            elif node.level == 2 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("leaflets."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names if alias.name.startswith("leaflets."))
    return found & set(STAGES)


def test_every_module_but_errors_sits_in_a_stage_or_the_command_line() -> None:
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "errors.py"]
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(
        (*STAGES, "cli"))


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_itself_and_the_stages_before_it(stage: str) -> None:
    allowed = set(STAGES[:STAGES.index(stage) + 1])
    backwards = {module.name: sorted(imported_stages(module) - allowed)
                 for module in sorted((PACKAGE / stage).glob("*.py")) if imported_stages(module) - allowed}
    assert backwards == {}


def test_the_command_line_imports_only_the_commands_and_the_model_for_the_names_its_options_offer() -> None:
    imported = {node.module.split(".")[0] for module in (PACKAGE / "cli").glob("*.py")
                for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module}
    assert imported == {"commands", "model"}


@pytest.mark.parametrize("module", sorted(p.name for p in (PACKAGE / "cli").glob("*.py")))
def test_each_module_of_the_command_line_stays_under_250_lines(module: str) -> None:
    assert len((PACKAGE / "cli" / module).read_text(encoding="utf-8").splitlines()) < 250
