"""What a chapter actually read: every file under data/ it opened, every folder under data/ it
listed, and the project's modules it imported, observed with an audit hook in the kernel.

One record serves both the build cache (a chapter is executed again exactly when something it read,
or its code, changed) and the page's provenance footer (the files the numbers were computed from).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from metabok import config

_FOLDER_EVENTS = ("os.listdir", "os.scandir")


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


def is_file(path: Path) -> bool:
    """`path.is_file()`, recorded: a chapter that looked for a file and did not find it runs again
    when the file appears (a stat is not an audit event, so it is recorded here)."""
    relative = _data_relative(path)
    if relative is not None:
        _observed.probes.add(relative)
    return Path(path).is_file()


def probe_digest(path: Path) -> str:
    return "file" if path.is_file() else "absent"


def data_files() -> list[Path]:
    """The data files read so far that still exist, sorted."""
    return sorted(p for p in (config.DATA_DIR / f for f in _observed.files) if p.is_file())


def file_digest(path: Path) -> str:
    """SHA-256 of a file's content, or 'absent'."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "absent"


def folder_digest(path: Path) -> str:
    """SHA-256 of a folder's sorted entry names (what a listing sees), or 'absent'."""
    try:
        names = sorted(os.listdir(path))
    except (FileNotFoundError, NotADirectoryError):
        return "absent"
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


def record() -> dict:
    """Everything read so far, each with the digest it has now."""
    data, root = config.DATA_DIR, config.PROJECT_ROOT
    return {
        "files": {f: file_digest(data / f) for f in sorted(_observed.files)},
        "folders": {f: folder_digest(data / f) for f in sorted(_observed.folders)},
        "probes": {f: probe_digest(data / f) for f in sorted(_observed.probes)},
        "code": {p.relative_to(root).as_posix(): file_digest(p) for p in code_files()},
    }


def save(target: str) -> None:
    """Write the record (the build's last, hidden cell calls this)."""
    Path(target).write_text(json.dumps(record(), indent=1, sort_keys=True), encoding="utf-8")


def unchanged(saved: dict, digests: dict[tuple[str, str], str] | None = None) -> bool:
    """True when every file, folder and module in a saved record still has its digest.
    `digests` memoises digests across chapters within one build."""
    digests = {} if digests is None else digests
    digest_of = {"files": file_digest, "folders": folder_digest, "probes": probe_digest, "code": file_digest}
    for section, digest in digest_of.items():
        root = config.PROJECT_ROOT if section == "code" else config.DATA_DIR
        for relative, expected in saved.get(section, {}).items():
            key = (section, relative)
            if key not in digests:
                digests[key] = digest(root / relative)
            if digests[key] != expected:
                return False
    return True
