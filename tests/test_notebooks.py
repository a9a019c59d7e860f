"""The notebooks an analyst starts from run from top to bottom on the sample store."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_to_start_from():
    assert [p.name for p in NOTEBOOKS] == ["01-motets-siffror.ipynb", "02-egen-analys.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_on_the_sample(path, monkeypatch):
    monkeypatch.setenv("REGSTATS_DATA_DIR", str(REPO / "data"))
    book = nbformat.read(path, as_version=4)
    NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    if path.stem.startswith("01"):
        assert "Bildens tal stämmer med lagret." in text and "exempeldata: True" in text
    else:
        assert "Kvinnor i Jämtlands län" in text and "Exempeldata: True" in text
