"""The notebooks run end to end on an export, draw their plots, and are committed without outputs."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from outputs_helpers import ROOT, sample_store, synthetic_store

from baodantoc.export.writer import export_store

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Plots each notebook must draw (an image output per plotting cell).
MIN_PLOTS = {"corpus_overview": 3, "facts_explorer": 2}


def run_notebook(path: Path, export_dir: Path, workdir: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env = {"BAODANTOC_EXPORT": str(export_dir), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits the environment
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def plots(nb: nbformat.NotebookNode) -> int:
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))


@pytest.fixture(scope="module")
def synthetic_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nb")
    store = synthetic_store(folder / "store.sqlite", articles=300)
    export_store(store, folder / "export", formats=["parquet"], progress=False)
    return folder / "export"


def test_there_are_two_notebooks() -> None:
    assert {p.stem for p in NOTEBOOKS} >= set(MIN_PLOTS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_on_a_synthetic_export(path: Path, synthetic_export: Path, tmp_path: Path) -> None:
    nb = run_notebook(path, synthetic_export, tmp_path)
    assert plots(nb) >= MIN_PLOTS.get(path.stem, 1)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_on_an_empty_export(path: Path, tmp_path: Path) -> None:
    from baodantoc.store import connect

    connect(tmp_path / "empty.sqlite").close()
    export_store(tmp_path / "empty.sqlite", tmp_path / "export", formats=["parquet"], progress=False)
    run_notebook(path, tmp_path / "export", tmp_path)  # says "no ... yet" instead of failing


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_on_the_sample_site_export(path: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    store = sample_store(request)
    export_store(store, tmp_path / "export", formats=["parquet"], progress=False)
    run_notebook(path, tmp_path / "export", tmp_path)  # small data may draw fewer plots: it must not fail


def test_a_missing_export_says_what_to_run(tmp_path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="run `baodantoc export` first"):
        run_notebook(NOTEBOOKS[0], tmp_path / "nothing", tmp_path)
