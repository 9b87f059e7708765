"""What a chapter actually read: every file under data/ it opened, every folder under data/ it
listed, and the project's modules it imported, observed with an audit hook in the kernel.

One record serves both the build cache (a chapter is executed again exactly when something it read,
or its code, changed) and the page's provenance footer (the files the numbers were computed from).

The digests in a build's records come from one snapshot of data/ and the package, taken before the
first chapter runs (metabok/build/pipeline.py). A file changed while a chapter runs, after the
snapshot, then differs from the record, and the next build runs the chapter again (a digest taken
when the kernel ends would name the new content beside numbers computed from the old).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from metabok import config

_FOLDER_EVENTS = ("os.listdir", "os.scandir")
ABSENT = "absent"


@dataclass
class Observed:
    """Paths relative to the data folder (files, folders) and to the project (code)."""

    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)
    probes: set[str] = field(default_factory=set)


_observed = Observed()
_started = False


def _data_relative(raw: object) -> str | None:
    """`raw` (an audit event's path argument) relative to the data folder, or None outside it."""
    if isinstance(raw, int):  # a file descriptor
        return None
    try:
        path = Path(os.fsdecode(raw) if raw is not None else ".")
        resolved = path.resolve() if path.is_absolute() else (Path.cwd() / path).resolve()
    except (TypeError, ValueError, OSError):
        return None
    data = config.DATA_DIR
    return resolved.relative_to(data).as_posix() if resolved.is_relative_to(data) else None


def _hook(event: str, args: tuple) -> None:
    if event == "open":
        path, mode = args[0], args[1]
        if isinstance(mode, str) and any(flag in mode for flag in "wax+"):
            return
        if isinstance(mode, int) and mode & (os.O_WRONLY | os.O_RDWR):
            return
        relative = _data_relative(path)
        if relative is not None:
            _observed.files.add(relative)
    elif event in _FOLDER_EVENTS:
        relative = _data_relative(args[0])
        if relative is not None:
            _observed.folders.add(relative)


def start() -> None:
    """Observe from now on (idempotent; an audit hook cannot be removed, so it stays for the process)."""
    global _started
    if not _started:
        sys.addaudithook(_hook)
        _started = True


def forget() -> None:
    """Start a new record (the next chapter in a reused kernel); the hook stays."""
    global _observed
    _observed = Observed()


def is_file(path: Path) -> bool:
    """`path.is_file()`, recorded: a chapter that looked for a file and did not find it runs again
    when the file appears (a stat is not an audit event, so it is recorded here)."""
    relative = _data_relative(path)
    if relative is not None:
        _observed.probes.add(relative)
    return Path(path).is_file()


def probe_digest(path: Path) -> str:
    return "file" if path.is_file() else ABSENT


def data_files() -> list[Path]:
    """The data files read so far that still exist, sorted."""
    return sorted(p for p in (config.DATA_DIR / f for f in _observed.files) if p.is_file())


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content, or 'absent'."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ABSENT


def folder_digest(path: Path) -> str:
    """SHA-256 of a folder's sorted entry names (what a listing sees), or 'absent'."""
    try:
        names = sorted(os.listdir(path))
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    return hashlib.sha256("\0".join(names).encode()).hexdigest()


def code_files() -> list[Path]:
    """The package's Python modules loaded in this process."""
    package = config.PROJECT_ROOT / "metabok"
    found = set()
    for module in list(sys.modules.values()):
        origin = getattr(module, "__file__", None)
        if origin and origin.endswith(".py") and Path(origin).resolve().is_relative_to(package):
            found.add(Path(origin).resolve())
    return sorted(found)


def snapshot() -> dict[str, dict[str, str]]:
    """Every file and folder under data/ and every module of the package, each with its digest now."""
    data, root = config.DATA_DIR, config.PROJECT_ROOT
    files, folders = {}, {}
    for folder, _, names in os.walk(data):
        here = Path(folder)
        folders[here.relative_to(data).as_posix()] = folder_digest(here)
        for name in names:
            if (here / name).is_file():  # not a pipe or a socket, which a read would wait on
                # Unreadable: left out; a chapter that reads it fails with its own message, others need not.
                with contextlib.suppress(OSError):
                    files[(here / name).relative_to(data).as_posix()] = file_digest(here / name)
    code = {p.relative_to(root).as_posix(): file_digest(p) for p in config.package_modules()}
    return {"files": files, "folders": folders, "code": code}


def _digest(section: str, relative: str, taken: dict | None) -> str:
    """The digest of one recorded input: as it was in the snapshot `taken` (absent if not in it), or
    as it is now."""
    if taken is not None:
        if section == "probes":
            return "file" if relative in taken["files"] else ABSENT
        return taken[section].get(relative, ABSENT)
    root = config.PROJECT_ROOT if section == "code" else config.DATA_DIR
    digest = {"files": file_digest, "folders": folder_digest, "probes": probe_digest, "code": file_digest}
    return digest[section](root / relative)


def record(taken: dict | None = None) -> dict:
    """Everything read so far, each with its digest in the snapshot `taken`, or now."""
    code = [p.relative_to(config.PROJECT_ROOT).as_posix() for p in code_files()]
    read = {"files": _observed.files, "folders": _observed.folders, "probes": _observed.probes, "code": code}
    return {section: {r: _digest(section, r, taken) for r in sorted(read[section])} for section in read}


def save(target: str, snapshot_file: str | None = None) -> None:
    """Write the record, with the digests of the build's snapshot (the build's last, hidden cell)."""
    taken = json.loads(Path(snapshot_file).read_text(encoding="utf-8")) if snapshot_file else None
    Path(target).write_text(json.dumps(record(taken), indent=1, sort_keys=True), encoding="utf-8")


def unchanged(saved: dict, taken: dict | None = None) -> bool:
    """True when every file, folder and module in a saved record still has its digest, in the
    snapshot `taken` or now."""
    return all(
        _digest(section, relative, taken) == expected
        for section in ("files", "folders", "probes", "code")
        for relative, expected in saved.get(section, {}).items()
    )
