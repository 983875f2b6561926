"""`docket demo` in a fresh data directory, as `make run` uses it (a real subprocess)."""

import os
import sqlite3
import stat
import subprocess
import sys


def demo(data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKET_")}
    env |= {"DOCKET_DATA_DIR": str(data_dir), "DOCKET_LOG_LEVEL": "WARNING"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "docket", "demo"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def test_demo_prepares_data_dir_once(tmp_path):
    data = tmp_path / "docket-data"
    first = demo(data)
    assert "Demo data loaded: 2 cases, 5 persons." in first.stdout
    [line] = [x for x in first.stdout.splitlines() if "with password: " in x]
    password = line.split("with password: ")[1]
    assert len(password) >= 20
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600
    db = sqlite3.connect(data / "docket.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    stored = db.execute("SELECT password FROM accounts_user WHERE username='admin'").fetchone()[0]
    assert stored.startswith("argon2") and password not in stored
    counts = db.execute(
        "SELECT (SELECT count(*) FROM cases_claim), (SELECT count(*) FROM core_auditevent)"
    ).fetchone()
    assert password not in first.stderr
    audit = " ".join(r[0] or "" for r in db.execute("SELECT after FROM core_auditevent"))
    assert password not in audit
    db.close()

    second = demo(data)
    assert "nothing added" in second.stdout
    assert "password: " not in second.stdout
    db = sqlite3.connect(data / "docket.sqlite3")
    again = db.execute(
        "SELECT (SELECT count(*) FROM cases_claim), (SELECT count(*) FROM core_auditevent)"
    ).fetchone()
    assert again == counts


def test_cases_list_before_setup_fails_clearly(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKET_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env |= {"DOCKET_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "docket", "cases", "list"]
    no_key = subprocess.run(command, env=env, capture_output=True, text=True)
    assert no_key.returncode == 1 and "No secret key" in no_key.stderr
    env["DOCKET_SECRET_KEY"] = "test-key"
    no_db = subprocess.run(command, env=env, capture_output=True, text=True)
    assert no_db.returncode == 1 and "run `docket demo`" in no_db.stderr
