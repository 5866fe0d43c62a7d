"""The ``uguaglianza`` command: a thin shell over the public API.

Exit codes: 0 success (valid), 1 invalid document or findings of error severity,
2 unreadable input or a usage error, 130 interrupted, 141 (128 + SIGPIPE, as a shell
reports a command killed by a closed pipe) when standard output is closed early, as in
``uguaglianza rules | head -1``: the command then stops quietly, without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from uguaglianza._gc import paused_gc
from uguaglianza.cli import (
    _analyse,
    _calendar,
    _convert,
    _diff,
    _graph,
    _merge,
    _report,
    _rules,
    _schema,
    _template,
    _upgrade,
    _validate,
)
from uguaglianza.cli._common import CommandError

__all__ = ["entry", "main"]

_COMMANDS = (
    _validate,
    _rules,
    _convert,
    _template,
    _upgrade,
    _schema,
    _graph,
    _analyse,
    _calendar,
    _report,
    _diff,
    _merge,
)

#: The exit code of a command whose standard output was closed: 128 + SIGPIPE (13).
EXIT_CLOSED_PIPE = 141


def _parser() -> argparse.ArgumentParser:
    from uguaglianza import __version__

    parser = argparse.ArgumentParser(
        prog="uguaglianza",
        description="Check, convert and analyse equality-plan documents (JSON or YAML).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    return code


def entry() -> NoReturn:
    """The ``uguaglianza`` program: :func:`main` on ``sys.argv``, then exit with its code.

    A run leaves its documents and graphs behind as garbage that only a full collection
    frees (networkx's graphs refer to themselves through their views), and the
    interpreter runs one at exit: several seconds at national size, to free memory the
    process returns anyway. Freezing what is left first keeps that collection short.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    try:
        with paused_gc():  # a command builds large acyclic structures, see uguaglianza._gc
            code: int = args.run(args)
    except CommandError as error:
        print(f"uguaglianza: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    return code if code is not None else 0


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    entry()
