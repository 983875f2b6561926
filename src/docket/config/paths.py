"""Data directory and secret key handling, shared by settings and the CLI."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from docket.config import tunables


def data_dir() -> Path:
    return Path(tunables.get("DOCKET_DATA_DIR")).expanduser().resolve()


def ensure_data_dir() -> Path:
    """Create the data directory with mode 700 (tightening it if it exists), and its empty
    `static` folder (STATIC_ROOT: pages are served from the apps' folders, but WhiteNoise
    warns when it is missing)."""
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    (path / "static").mkdir(mode=0o700, exist_ok=True)
    return path


def secret_key_file() -> Path:
    return data_dir() / "secret_key"


def ensure_secret_key() -> None:
    """Generate DATA_DIR/secret_key (mode 600) unless it exists already."""
    path = secret_key_file()
    if path.exists():
        return
    ensure_data_dir()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(50))


def read_secret_key() -> str:
    """Return the secret key from the environment or the data directory, or ''."""
    key = tunables.get("DOCKET_SECRET_KEY")
    if key:
        return key
    path = secret_key_file()
    return path.read_text().strip() if path.exists() else ""
