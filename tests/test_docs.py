"""Every code block of the documentation runs, page by page, as a reader would run it.

Each page's ``python`` blocks and the ``uguaglianza`` commands of its ``sh`` and ``console``
blocks run in order, in a fresh folder holding a copy of ``examples/``; Python blocks of a
page share their variables, and a block with a title (```` ```yaml title="plan.yaml" ````)
is written to that file when its turn comes. A ``console`` block shows commands after
``$`` followed by their output, which must be exactly what the command prints. A block
that must not run follows a line ``<!-- not run: REASON -->``.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

from uguaglianza.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
RUN = ("python", "sh", "console")
SKIP = re.compile(r"<!-- not run: (?P<reason>[^>]*\S[^>]*) -->")
FENCE = re.compile(r'^(?P<indent> *)```(?P<lang>[\w-]*)(?: +title="(?P<title>[^"/]+)")?\s*$')
#: The public namespaces the API reference must cover.
NAMESPACES = (
    "uguaglianza",
    "uguaglianza.model",
    "uguaglianza.rules",
    "uguaglianza.graph",
    "uguaglianza.io",
    "uguaglianza.dates",
    "uguaglianza.codelists",
)


@attrs.frozen
class Block:
    page: Path
    line: int
    lang: str
    text: str
    skip: str | None
    title: str | None = None

    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of *page*, with the reason not to run them, if any."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent = opening["indent"]
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != f"{indent}```":
            end += 1
        assert end < len(lines), f"{page}:{index + 1}: the code block is never closed"
        body = "\n".join(line.removeprefix(indent) for line in lines[index + 1 : end])
        previous = lines[index - 1].strip() if index else ""
        marker = SKIP.fullmatch(previous)
        skip = marker["reason"] if marker else None
        found.append(Block(page, index + 1, opening["lang"], body + "\n", skip, opening["title"]))
        index = end + 1
    return found


def commands(block: Block) -> list[tuple[list[str], str | None]]:
    """Each command of a shell block, with the output a console block shows for it."""
    result: list[tuple[list[str], str | None]] = []
    text = block.text.replace("\\\n", " ")
    if block.lang == "sh":
        for line in text.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                result.append((words, None))
        return result
    output: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("$ "):
            output = []
            result.append((shlex.split(line[2:], comments=True), ""))
        else:
            assert output is not None, f"{block.where()}: output before any `$ ` command"
            words, shown = result[-1]
            result[-1] = (words, f"{shown}{line}\n")
    return result


def run_command(words: list[str], block: Block, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run ``uguaglianza ...`` in this process; its standard output and error, in that order.

    ``< FILE`` at the end feeds the file to standard input, ``> FILE`` writes the output.
    """
    where = block.where()
    assert words[0] == "uguaglianza", (
        f"{where}: the docs tests run only `uguaglianza` commands, not {words[0]!r}; "
        "add `<!-- not run: REASON -->` before the block if it must not run"
    )
    target = None
    if ">" in words:
        at = words.index(">")
        assert len(words) == at + 2, f"{where}: only `> FILE` at the end is supported"
        words, target = words[:at], words[at + 1]
    source = b""
    if "<" in words:
        at = words.index("<")
        assert len(words) == at + 2, f"{where}: only `< FILE` at the end is supported"
        words, source = words[:at], Path(words[at + 1]).read_bytes()
    out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source), "utf-8"))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code = main(words[1:])
    finally:
        monkeypatch.undo()
    out.flush()
    err.flush()
    stdout = out.buffer.getvalue()  # type: ignore[attr-defined]
    stderr = err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    if target is not None:
        Path(target).write_bytes(stdout)
        stdout = b""
    allowed = (0, 1) if block.lang == "console" else (0,)
    assert code in allowed, f"{where}: `{shlex.join(words)}` exited {code}: {stderr}"
    return stdout.decode("utf-8") + stderr


def runnable(page: Path) -> list[Block]:
    """The blocks of *page* to run or to write, in order."""
    return [
        block
        for block in blocks(page)
        if block.skip is None and (block.lang in RUN or block.title is not None)
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(DOCS)))
def test_every_code_block_of_the_page_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in runnable(page):
        if block.title is not None:
            (tmp_path / block.title).write_text(block.text, encoding="utf-8")
            continue
        if block.lang == "python":
            exec(compile(block.text, block.where(), "exec"), namespace)
            continue
        for words, shown in commands(block):
            with monkeypatch.context() as patch:
                printed = run_command(words, block, patch)
            if shown is not None:
                assert printed == shown, (
                    f"{block.where()}: `{shlex.join(words)}` printed:\n{printed}"
                )


def test_the_pages_have_code_and_few_blocks_are_not_run() -> None:
    every = [block for page in PAGES for block in blocks(page)]
    assert sum(block.lang in RUN and block.skip is None for block in every) >= 20
    skipped = [block.where() for block in every if block.skip is not None]
    assert len(skipped) <= 3, skipped
    unlabelled = [block.where() for block in every if not block.lang]
    assert not unlabelled, "give every code block a language (text for diagrams)"


def test_the_skip_marker_needs_a_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- not run: needs the network -->\n```sh\npip install x\n```\n"
        "<!-- not run: -->\n```sh\nuguaglianza rules\n```\n",
        encoding="utf-8",
    )
    first, second = blocks(page)
    assert first.skip == "needs the network" and second.skip is None


def test_a_console_block_pairs_commands_with_their_output() -> None:
    block = Block(DOCS, 1, "console", "$ uguaglianza a \\\n  b\none\ntwo\n$ uguaglianza c\n", None)
    assert commands(block) == [
        (["uguaglianza", "a", "b"], "one\ntwo\n"),
        (["uguaglianza", "c"], ""),
    ]


def _config() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return data


def _nav_pages(entries: Any) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in _nav_pages(entry)]
    return [page for value in entries.values() for page in _nav_pages(value)]


def test_the_site_lists_every_page_once() -> None:
    pages = _nav_pages(_config()["nav"])
    notebooks = sorted(DOCS.rglob("*.ipynb"))  # shown by mkdocs-jupyter
    assert sorted(pages) == sorted(str(page.relative_to(DOCS)) for page in [*PAGES, *notebooks])
    assert len(pages) == len(set(pages))


def test_relative_links_stay_in_the_site() -> None:
    # mkdocs --strict fails on a link to a file outside docs/; say so before the build does.
    outside = [
        f"{page.relative_to(ROOT)}: {target}"
        for page in PAGES
        for target in re.findall(r"\]\(([^)#\s]+)", page.read_text(encoding="utf-8"))
        if "://" not in target
        and not target.startswith("mailto:")
        and not (page.parent / target).resolve().is_relative_to(DOCS)
    ]
    assert not outside, "link to the repository's address instead: " + ", ".join(outside)


def test_the_api_reference_covers_the_public_namespaces() -> None:
    documented = {
        match
        for page in (DOCS / "reference").glob("*.md")
        for match in re.findall(r"^::: ([\w.]+)$", page.read_text(encoding="utf-8"), re.M)
    }
    assert set(NAMESPACES) <= documented


def test_the_site_builds_without_the_network() -> None:
    config = _config()
    assert config["theme"]["font"] is False, "the theme would load fonts from the network"
    handler = config["plugins"][1]["mkdocstrings"]["handlers"]["python"]
    assert "inventories" not in handler and "import" not in handler
