"""An export folder replaced as a whole: readers see the old set of files or the new one, never a mix.

Why a folder and not file by file: the files of one export agree with each other (one snapshot of
the store), and a reader joining ``facts.csv`` to ``articles.csv`` needs both from the same run. A
run killed half-way (Ctrl-C, OOM, power) used to leave new facts beside old articles.

How: the new set is written into a fresh sibling folder ``.<name>.new-<pid>``; when it is complete
(its ``manifest.json`` is written last) the old folder is renamed away to ``.<name>.old-<pid>``, the
new one renamed into place, and the old one deleted. A kill between the two renames leaves both
siblings, which the next run puts right before it starts (:func:`recover`): a complete new set is
moved into place, else the old set is restored; leftovers of dead runs are deleted, so no temporary
folder outlives the next run. Folders of a run still alive (another process) are left alone.

Files of the old folder that this export does not write (other tables of a ``--tables`` subset,
the user's own notes) are carried into the new set as hard links (copies where links fail), so a
partial export keeps the rest of the set.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: Written last into a staged folder: its presence means the set is complete.
COMPLETE_MARKER = "manifest.json"
_STAGED = re.compile(r"^\.(?P<name>.+)\.(?P<kind>new|old)-(?P<pid>\d+)$")


class NotAnExportFolder(Exception):
    """The target holds files but no export (no manifest.json): we refuse to replace it."""


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers (a previous call in this process) are stale by now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _staged(target: Path) -> list[tuple[str, Path]]:
    """(kind, path) of the staged siblings of ``target`` left by runs that are no longer alive;
    "new" first, so a complete new set is put in place before the old one is judged."""
    if not target.parent.is_dir():
        return []
    found = []
    for path in target.parent.iterdir():
        m = _STAGED.match(path.name)
        if m and m["name"] == target.name and path.is_dir() and not _alive(int(m["pid"])):
            found.append((m["kind"], path))
    return sorted(found, key=lambda kp: (kp[0] != "new", kp[1].name))


def recover(target: Path) -> None:
    """Finish or undo the swap of a run that was killed, and delete what dead runs left behind."""
    for kind, path in _staged(target):
        if not target.exists() and (kind == "old" or (path / COMPLETE_MARKER).exists()):
            os.rename(path, target)  # killed between the two renames: the set it had is put back
        else:
            shutil.rmtree(path, ignore_errors=True)


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file, not a folder")
    if target.is_dir() and not (target / COMPLETE_MARKER).exists() and any(target.iterdir()):
        raise NotAnExportFolder(f"{target} holds files but no export (no {COMPLETE_MARKER}): export into a new or "
                                "empty folder, or an earlier export folder")


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def carry_over(target: Path, stage: Path, keep: Callable[[str], bool]) -> list[str]:
    """Bring the entries of the current ``target`` for which ``keep(name)`` holds into ``stage``
    (those the stage does not have yet); returns their names."""
    carried = []
    if not target.is_dir():
        return carried
    for entry in sorted(target.iterdir()):
        if (stage / entry.name).exists() or not keep(entry.name):
            continue
        if entry.is_dir():
            shutil.copytree(entry, stage / entry.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(stage / entry.name))
        carried.append(entry.name)
    return carried


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap(stage: Path, target: Path) -> None:
    for f in stage.iterdir():
        if f.is_file():
            with open(f, "rb") as handle:
                os.fsync(handle.fileno())
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
        os.rename(stage, target)
        _fsync_dir(target.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, target)
        _fsync_dir(target.parent)


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield a fresh empty folder to write the new set into; on a clean exit it replaces
    ``target`` whole (the caller writes :data:`COMPLETE_MARKER` last), on an error it is deleted
    and ``target`` stays as it was. Raises :class:`NotAnExportFolder` for a folder of other files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    _check_target(target)
    stage = target.with_name(f".{target.name}.new-{os.getpid()}")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
        if not (stage / COMPLETE_MARKER).exists():
            raise RuntimeError(f"export left {stage} without its {COMPLETE_MARKER}: not swapped in")
        _swap(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
