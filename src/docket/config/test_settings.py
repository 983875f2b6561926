"""Settings for the test suite: SQLite by default, PostgreSQL when
DOCKET_TEST_DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("DOCKET_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DOCKET_DATA_DIR", tempfile.mkdtemp(prefix="docket-test-"))

from docket.config.settings import *  # noqa: F403
from docket.config.settings import _database

DATABASES = {"default": _database(os.environ.get("DOCKET_TEST_DATABASE_URL", ""))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0
AXES_ENABLED = True
# No collectstatic in tests: WhiteNoise serves from the app folders (and would
# warn on every request about a missing STATIC_ROOT).
STATIC_ROOT = None
DOCKET_AUDIT_PURGE_ALLOWED = True
