"""Every fieldkit command is documented in README.md (as sqlite-utils checks its docs).

Walks the click command tree, groups included, and expects a "### fieldkit <path>"
heading for every command that is not a group (``places import``, ``server run``…).
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from fieldkit.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[str]:
    paths = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if command.hidden:
            continue
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
        else:
            paths.append(" ".join((*prefix, name)))
    return paths


def documented_headings() -> set[str]:
    text = README.read_text(encoding="utf-8")
    return {m.strip() for m in re.findall(r"^### fieldkit (.+)$", text, flags=re.MULTILINE)}


def test_walk_finds_nested_commands():
    paths = command_paths(main)
    assert {"init", "demo", "places import", "places list", "visits list", "search", "export"} <= (
        set(paths)
    )


@pytest.mark.parametrize("path", command_paths(main))
def test_command_is_documented_in_readme(path: str):
    assert path in documented_headings(), f"README.md has no '### fieldkit {path}' section"


def test_readme_documents_no_command_that_does_not_exist():
    assert documented_headings() <= set(command_paths(main))
