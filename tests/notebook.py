"""Run the worked notebook as a reader would, and compare or refresh its saved outputs.

``python -m tests.notebook`` runs ``examples/scenario-comune.ipynb`` in a fresh Python
kernel and saves it with its new outputs, and its copy in ``docs/`` that the site shows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).parents[1]
NOTEBOOK = ROOT / "examples" / "scenario-comune.ipynb"
#: The copy the site shows (mkdocs reads pages from docs/ only).
SITE_COPY = ROOT / "docs" / "scenario-comune.ipynb"
#: Outputs compared with the saved ones: text and HTML, not pictures' pixels.
COMPARED = ("text/plain", "text/html")


def run(path: Path = NOTEBOOK) -> Any:
    """The notebook at *path*, executed from the project's root in a new kernel."""
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    return notebook


def texts(notebook: Any) -> list[list[str]]:
    """What each code cell printed and showed, as text, cell by cell."""
    shown: list[list[str]] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            if output.output_type == "stream":
                outputs.append(f"{output.name}: {output.text}")
            elif output.output_type in ("execute_result", "display_data"):
                outputs.extend(
                    f"{kind}: {output.data[kind]}" for kind in COMPARED if kind in output.data
                )
                outputs.extend(kind for kind in sorted(output.data) if kind.startswith("image/"))
            else:
                outputs.append(f"{output.output_type}: {output.get('ename')}")
        shown.append(outputs)
    return shown


if __name__ == "__main__":
    executed = run()
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
    nbformat.write(executed, NOTEBOOK)
    SITE_COPY.write_bytes(NOTEBOOK.read_bytes())
    print(f"saved {NOTEBOOK.relative_to(ROOT)} and its copy in docs/ with fresh outputs")
