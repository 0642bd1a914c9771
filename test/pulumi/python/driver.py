"""Runs one engine command on the Python quickstart as an Automation API inline program.

The machines this project is tested on have no Python language host (see the README), so the
program runs in this process: the Automation API serves the language protocol itself and passes
`--client=<address>` to the real `pulumi` it finds on PATH. The argument is a JSON request:
`{"command", "stack", "project", "dir", "options", "program", "programFile"}`; `program` names
the module whose `program()` runs (default `quickstart`); `programFile`, when given, is instead
a program written for the language host (such as the `__main__.py` that
`tencentcloud-live-callbacks import` writes), run as `__main__`; `dir` holds the Pulumi.yaml (which points
at the plugin) and the stack made by `pulumi stack init`. The engine's output is printed as it
comes, then one result line; a failed command exits 1.
"""

import importlib
import json
import os
import runpy
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pulumi import automation as auto  # noqa: E402

RESULT_MARKER = "@@live-callbacks-result "


def load_program(req):
    """The function the Automation API runs as the program."""
    path = req.get("programFile")
    if path:
        # A top-level program, as the language host would run it.
        return lambda: runpy.run_path(path, run_name="__main__")
    return importlib.import_module(req.get("program") or "quickstart").program


def main() -> int:
    req = json.loads(sys.argv[1])
    stack = auto.create_or_select_stack(
        stack_name=req["stack"],
        project_name=req["project"],
        program=load_program(req),
        opts=auto.LocalWorkspaceOptions(work_dir=req["dir"]),
    )
    options = dict(req.get("options") or {})
    out = lambda text: print(text, flush=True)  # noqa: E731
    command = req["command"]
    if command == "up":
        result = stack.up(on_output=out, **options)
        changes = result.summary.resource_changes
    elif command == "preview":
        result = stack.preview(on_output=out, **options)
        changes = result.change_summary
    elif command == "refresh":
        result = stack.refresh(on_output=out, **options)
        changes = result.summary.resource_changes
    elif command == "destroy":
        result = stack.destroy(on_output=out, **options)
        changes = result.summary.resource_changes
    else:
        raise ValueError(f"unknown command {command!r}")
    print("\n" + RESULT_MARKER + json.dumps({"changes": {str(k): v for k, v in (changes or {}).items()}}), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as err:  # the CLI's own output is in the exception's text
        print(f"{type(err).__name__}: {err}", file=sys.stderr, flush=True)
        sys.exit(1)
