"""The wheel is complete: pyproject's explicit package list and package-data cover the source tree.

crawler/ and extract/ install as baodantoc.crawler and baodantoc.extract through an explicit list
of packages (setuptools' discovery would install them as top-level ``crawler`` and ``extract``).
An explicit list goes stale silently: a new subpackage, or a new data file (a gazetteer, a model,
a sample page) that no package-data pattern matches, is simply left out of the wheel and fails
only on a user's machine. These tests read pyproject.toml and the folders, so they fail first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
PACKAGES: list[str] = SETUPTOOLS["packages"]
PACKAGE_DIR: dict[str, str] = SETUPTOOLS.get("package-dir", {})
PACKAGE_DATA: dict[str, list[str]] = SETUPTOOLS.get("package-data", {})
#: The source folders whose contents are installed.
SOURCE_ROOTS = ("baodantoc", "crawler", "extract")


def _folder(package: str) -> Path:
    """Where a package's files live: the longest package-dir mapping that prefixes it, else its dotted path."""
    for prefix in sorted(PACKAGE_DIR, key=len, reverse=True):
        if package == prefix or package.startswith(prefix + "."):
            return ROOT / PACKAGE_DIR[prefix] / Path(*package[len(prefix):].lstrip(".").split("."))
    return ROOT / Path(*package.split("."))


def _package(folder: Path) -> str:
    """The dotted name a source folder installs as."""
    rel = folder.relative_to(ROOT)
    for prefix, target in PACKAGE_DIR.items():
        if rel == Path(target) or Path(target) in rel.parents:
            rest = rel.relative_to(target).parts
            return ".".join((prefix, *rest))
    return ".".join(rel.parts)


def _source_files() -> list[Path]:
    return [p for root in SOURCE_ROOTS for p in (ROOT / root).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]


def test_every_package_folder_is_listed() -> None:
    folders = {p.parent for p in _source_files() if p.name == "__init__.py"}
    missing = sorted(_package(f) for f in folders if _package(f) not in PACKAGES)
    assert not missing, f"pyproject.toml [tool.setuptools] packages lacks {missing}: the wheel would leave them out"


def test_every_listed_package_is_a_folder_with_an_init() -> None:
    stale = [p for p in PACKAGES if not (_folder(p) / "__init__.py").is_file()]
    assert not stale, f"listed packages without a folder and __init__.py: {stale}"


def test_every_folder_with_python_modules_is_a_package() -> None:
    """A module in a folder without __init__.py would not be shipped at all."""
    orphans = sorted({str(p.parent.relative_to(ROOT)) for p in _source_files()
                      if p.suffix == ".py" and not (p.parent / "__init__.py").is_file()})
    assert not orphans, f"folders with modules but no __init__.py: {orphans}"


def test_crawler_and_extract_install_under_the_baodantoc_namespace() -> None:
    assert not [p for p in PACKAGES if p.split(".")[0] != "baodantoc"], "a top-level package other than baodantoc"
    assert _folder("baodantoc.crawler") == ROOT / "crawler" and _folder("baodantoc.extract.facts") == ROOT / "extract" / "facts"


def test_every_data_file_is_matched_by_package_data() -> None:
    shipped: set[Path] = set()
    for package, patterns in PACKAGE_DATA.items():
        assert package in PACKAGES, f"package-data for {package}, which is not a listed package"
        for pattern in patterns:
            shipped |= {p for p in _folder(package).glob(pattern) if p.is_file()}
    data = {p for p in _source_files() if p.suffix != ".py"}
    left_out = sorted(str(p.relative_to(ROOT)) for p in data - shipped)
    assert not left_out, f"data files no package-data pattern in pyproject.toml matches (left out of the wheel): {left_out}"
