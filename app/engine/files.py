"""Replacing a file whole: what every writer whose readers may look at any moment uses."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def replace_file(path: Path, data: str | bytes) -> None:
    """Write `path` whole or not at all: a temporary file beside it, flushed to disk, renamed
    over it. A reader sees the old content or the new one; a writer killed halfway leaves
    only a dot-file (".name.1a2b3c4d.tmp") beside it."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as file:  # not tempfile.mkstemp: its 0600 mode would stick
            file.write(data.encode("utf-8") if isinstance(data, str) else data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
