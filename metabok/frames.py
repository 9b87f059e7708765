"""Parsed inputs kept on disk between chapter kernels: a data frame computed from input files is
stored as Parquet in _build/cache/frames, keyed on the files' content and the package code, so a
survey year or a public source is parsed once per build instead of once per chapter.

A stored frame is only ever an earlier result of the same computation on the same bytes; it is
written atomically, and a missing or unreadable one is simply computed again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from metabok import config

FRAMES_DIR = config.BUILD_DIR / "cache" / "frames"


@cache
def code_digest() -> str:
    """A hash of the package's source: changes whenever the code that computes anything does."""
    digest = hashlib.sha256()
    package = config.PROJECT_ROOT / "metabok"
    for source in config.package_modules():
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def frame_path(name: str, inputs: Iterable[Path]) -> Path:
    """Where the frame `name` computed from `inputs` (in their present content) is kept."""
    digest = hashlib.sha256(f"{name}\0{code_digest()}".encode())
    for path in inputs:
        digest.update(Path(path).name.encode() + b"\0")
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return FRAMES_DIR / f"{name}-{digest.hexdigest()[:24]}.parquet"


def store(path: Path, frame: pd.DataFrame) -> None:
    """Keep `frame` at `path`, atomically; a cache that cannot be written is skipped, never fatal."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(temporary)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def cached_frame(name: str, inputs: Iterable[Path], compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame `compute()` returns for these inputs, read from the cache when it was computed before.
    It is kept only when the inputs still hold the bytes it was keyed on: a file saved while it was
    parsed would otherwise leave the new content's frame under the old content's key."""
    inputs = list(inputs)
    path = frame_path(name, inputs)
    if path.is_file():
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):
            pass  # unreadable: computed again below
    frame = compute()
    if frame_path(name, inputs) == path:
        store(path, frame)
    return frame
