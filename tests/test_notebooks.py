"""The notebooks run end to end on an export, are committed without outputs, and draw what they
say: each notebook keeps its figures in ``FIGURES``; after a run, a cell the test appends
describes them (axes, tick labels and positions, bars, lines, markers) and the tests check that
(issue 12: month labels under their bars, whole years on year axes, targets drawn apart)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from outputs_helpers import ROOT, sample_store, synthetic_store

from baodantoc.export.writer import export_store

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Plots each notebook must draw (an image output per plotting cell).
MIN_PLOTS = {"corpus_overview": 3, "facts_explorer": 2, "poverty_by_province": 1}

#: Appended to a notebook run: a JSON description of every figure in ``FIGURES``.
DESCRIBE = """
import json as _json
def _axis(ax):
    lines = [{"x": [float(v) for v in l.get_xdata()], "y": [float(v) for v in l.get_ydata()], "label": l.get_label()}
             for l in ax.get_lines()]
    markers = [{"gid": c.get_gid(), "offsets": [[float(a), float(b)] for a, b in c.get_offsets()]}
               for c in ax.collections]
    bars = [{"x": float(p.get_x() + p.get_width() / 2), "height": float(p.get_height()), "y": float(p.get_y())}
            for p in ax.patches]
    return {"xlim": [float(v) for v in ax.get_xlim()], "xticks": [float(v) for v in ax.get_xticks()],
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()], "lines": lines, "markers": markers,
            "bars": bars}
print("FIGURES=" + _json.dumps({name: [_axis(ax) for ax in fig.axes] for name, fig in FIGURES.items()}))
"""


def figures(nb: nbformat.NotebookNode) -> dict:
    """The description printed by :data:`DESCRIBE` (the last cell of a run)."""
    import json

    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("name") == "stdout")
    return json.loads(text.split("FIGURES=", 1)[1])


def run_notebook(path: Path, export_dir: Path, workdir: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(DESCRIBE))
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


def test_there_are_the_notebooks() -> None:
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
    check_figures(path.stem, figures(nb), synthetic_export)


def _integer_years(ax: dict) -> None:
    labels = [t for t in ax["xticklabels"] if t]
    assert labels and all(t.lstrip("\u2212-").isdigit() for t in labels), labels  # "2021", never "2012.5"
    for line in ax["lines"]:
        assert all(x == int(x) for x in line["x"]), line


def _targets_apart(ax: dict, targets: list[tuple[int, float]]) -> int:
    """No target is a point of a line (an observed series); returns how many are drawn as markers
    of their own (gid "targets")."""
    on_lines = {(round(x), round(y, 3)) for line in ax["lines"] for x, y in zip(line["x"], line["y"], strict=True)}
    drawn = {(round(x), round(y, 3)) for m in ax["markers"] if m["gid"] == "targets" for x, y in m["offsets"]}
    for year, value in targets:
        assert (year, round(value, 3)) not in on_lines, f"target {value}% for {year} drawn as observed"
    return len(drawn & {(y, round(v, 3)) for y, v in targets})


def check_figures(name: str, described: dict, export: Path) -> None:
    """What each notebook's figures must show, measured against the export itself."""
    import pandas as pd

    if name == "corpus_overview":
        (ax,) = described["per_period"]
        dates = pd.read_parquet(export / "articles.parquet")["published_at"].dropna().dt.tz_localize(None)
        months = (dates.max().to_period("M") - dates.min().to_period("M")).n + 1
        periods = months if months <= 36 else (dates.max().to_period("Q") - dates.min().to_period("Q")).n + 1
        centers = sorted({round(b["x"], 6) for b in ax["bars"]})
        assert centers == [float(i) for i in range(periods)]  # one slot per period, in order, none missing
        assert ax["xlim"][0] < 0 < periods - 1 < ax["xlim"][1] < periods  # the bars fill the axis
        assert set(ax["xticks"]) <= set(centers)  # every label sits under a bar
        fmt = r"^\d{4}-Q[1-4]$" if months > 36 else r"^\d{4}-\d{2}$"
        assert all(pd.Series(ax["xticklabels"]).str.match(fmt)), ax["xticklabels"][:5]
        n_articles = len(dates)
        assert round(sum(b["height"] for b in ax["bars"])) == n_articles  # every dated article counted once
    elif name == "facts_explorer":
        _integer_years(described["percent_by_province"][0])
        money = described["money_by_province"][0]
        assert all("." not in t for t in money["xticklabels"])  # "2021", not "2021.0"
    elif name == "poverty_by_province" and "poverty_trend" in described:
        _integer_years(described["poverty_trend"][0])


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
    nb = run_notebook(path, tmp_path / "export", tmp_path)  # small data may draw fewer plots: it must not fail
    described = figures(nb)
    check_figures(path.stem, described, tmp_path / "export")
    if path.stem in ("facts_explorer", "poverty_by_province"):
        targets = _sample_targets(tmp_path / "export")
        assert targets, "the sample site states targets (\"đến năm 2030 ...\"): the check would be empty"
        key = "percent_by_province" if path.stem == "facts_explorer" else "poverty_trend"
        drawn = 0
        for ax in described.get(key, []):
            drawn += _targets_apart(ax, targets)
            assert all(max(line["x"]) < 2030 for line in ax["lines"] if line["x"])  # no observed line reaches 2030
        if path.stem == "facts_explorer":
            assert drawn >= 1  # the sample's 2030 targets are on the chart, as targets


def _sample_targets(export: Path) -> list[tuple[int, float]]:
    """(year, value) of the percentages the extractor marked as targets."""
    import json

    import pandas as pd

    facts = pd.read_parquet(export / "facts.parquet")
    targets, observed = [], set()
    for _, f in facts[facts["kind"] == "percent"].iterrows():
        years = re.findall(r"\d{4}", str(f["period"] or ""))
        role = json.loads(f["attributes"] or "{}").get("role")
        if years and role == "target":
            targets.append((int(years[-1]), float(f["value"])))
        elif years and role is None:
            observed.add((int(years[-1]), round(float(f["value"]), 3)))
    # a target whose year and value some observed fact also has cannot be told apart on a chart
    return [(y, v) for y, v in targets if (y, round(v, 3)) not in observed]


def test_a_missing_export_says_what_to_run(tmp_path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="run `baodantoc export` first"):
        run_notebook(NOTEBOOKS[0], tmp_path / "nothing", tmp_path)
