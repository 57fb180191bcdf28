"""Every command is documented: it has help text and the README shows it in use."""

from __future__ import annotations

import re

import typer

from arsip.cli import app
from conftest import ROOT


def command_paths(group: typer.Typer, prefix: str = "arsip") -> list[tuple[str, str | None]]:
    paths = [(f"{prefix} {c.name or c.callback.__name__}", c.callback.__doc__) for c in group.registered_commands]
    for sub in group.registered_groups:
        paths += command_paths(sub.typer_instance, f"{prefix} {sub.name}")
    return paths


def test_every_command_has_help_and_appears_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    paths = command_paths(app)
    assert {"arsip crawl", "arsip search", "arsip export", "arsip extract", "arsip demo", "arsip db upgrade"} <= {
        p for p, _ in paths
    }
    for path, doc in paths:
        assert doc and doc.strip(), f"{path} has no help text"
        assert re.search(rf"^\s*{re.escape(path)}\b", readme, re.MULTILINE), f"{path} is not shown in README.md"
