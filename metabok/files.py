"""Writing the build's files so that a failure of the machine leaves nothing half-written.

A full disk (ENOSPC) or a file-size limit (EFBIG) can stop any write. `write_atomic` writes
to a temporary file beside the target and renames it into place, so a cache entry or stamp
is either whole or absent, never truncated and trusted by a later build. `os_error_text`
says in Swedish what could not be written, where and why.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from metabok.errors import display_path

_REASONS = {
    errno.ENOSPC: "disken är full",
    errno.EFBIG: "filen blev större än systemets gräns för filstorlek",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.EMFILE: "för många öppna filer",
}


def write_atomic(path: Path, content: bytes | str) -> None:
    """Write `content` to `path` in one step: whole, or not at all."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (no second copy of a large file), or a copy where a link
    cannot be made (another file system). Only for files of the build's own folders that are never
    written in place, only replaced whole or deleted: a link shares its content with every other
    name. (The published site is always a copy: a reader's tool may save into a file there.)"""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def os_error_text(error: OSError) -> str:
    """'Kunde inte skriva eller läsa _build/cache/…: disken är full (ENOSPC).'"""
    reason = _REASONS.get(error.errno) or error.strerror or type(error).__name__
    code = errno.errorcode.get(error.errno or 0)
    where = f" {display_path(error.filename)}" if error.filename else ""
    return f"Kunde inte skriva eller läsa{where}: {reason}{f' ({code})' if code else ''}."
