"""The public API is small and pinned; every CLI command is documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import click

from conftest import REPO
from newsdesk.cli import main

EXPECTED = {
    "ANALYZE", "DEFAULT_STAGES", "EXTRACT", "PLAIN_TEXT", "AnalyzeStage", "Article", "Block",
    "ConfigError", "Cue", "EmptyInput", "Entity", "ExtractStage", "ExtractionError",
    "FetchError", "FetchOptions", "Filters", "FirstStage", "FunctionStage", "InputError",
    "InputTooLarge", "NewsdeskError", "NoMainText", "NotAPage", "Page", "PlainTextStage",
    "Quote", "QuoteSpeaker", "Result", "RunStats", "Settings", "Skipped", "Speaker", "Stage",
    "StageCount", "StageSkipped", "Store", "StoreError", "UnreadableInput", "analyze",
    "extract", "ingest", "open_store", "process_page", "run",
}  # fmt: skip

# In a fresh interpreter: every name of __all__ resolved (the lazy ones imported), then
# every public, non-module name the package actually holds.
_EXPORTED = """
import json, sys, types
import newsdesk
values = {name: getattr(newsdesk, name) for name in newsdesk.__all__}
public = sorted(n for n, v in vars(newsdesk).items()
                if not n.startswith("_") and not isinstance(v, types.ModuleType))
print(json.dumps({"all": newsdesk.__all__, "public": public,
                  "dir": dir(newsdesk), "extract": type(values["extract"]).__name__,
                  "analyze": type(values["analyze"]).__name__}))
"""


def _exported() -> dict[str, list[str] | str]:
    out = subprocess.run(
        [sys.executable, "-c", _EXPORTED], capture_output=True, text=True, timeout=300, check=True
    ).stdout
    data: dict[str, list[str] | str] = json.loads(out)
    return data


def test_all_is_exactly_what_the_package_exports() -> None:
    found = _exported()
    assert sorted(found["all"]) == sorted(EXPECTED)  # pinned: a change here is deliberate
    assert set(found["public"]) == set(found["all"]), "a public name leaks or is missing"
    assert set(found["all"]) <= set(found["dir"])
    # the functions, not the subpackages of the same name
    assert found["extract"] == found["analyze"] == "function"


def test_import_newsdesk_loads_nothing_heavy() -> None:
    code = (
        "import sys, newsdesk; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'spacy', 'datasketch', 'pyarrow', 'httpx', 'numpy', 'lxml')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_subpackage_imported_first_does_not_hide_the_function() -> None:
    code = (
        "import newsdesk.extract.decode, newsdesk.analyze._nlp, newsdesk\n"
        "print(callable(newsdesk.extract), callable(newsdesk.analyze))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip() == "True True", out.stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    assert isinstance(main, click.Group)
    ctx = click.Context(main)
    names = main.list_commands(ctx)
    assert {"extract", "analyze", "ingest", "search", "demo"} <= set(names)
    for name in names:
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.help and len(command.help.strip()) > 20, f"{name} lacks help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} lacks help"
        assert re.search(rf"newsdesk {name}\b", readme), f"README does not show `newsdesk {name}`"
