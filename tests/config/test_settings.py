"""Production settings: `check --deploy` passes, and cookies are locked down."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def _check_deploy(tmp_path, **env):
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("DOCKET_", "DJANGO_SETTINGS"))
    }
    environ.update(DOCKET_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "docket", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_check_deploy_passes_with_production_environment(tmp_path):
    result = _check_deploy(
        tmp_path,
        DOCKET_HTTPS="1",
        DOCKET_DEBUG="0",
        DOCKET_SECRET_KEY=secrets.token_urlsafe(64),
        DOCKET_ALLOWED_HOSTS="docket.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_https_or_with_a_weak_key(tmp_path):
    result = _check_deploy(tmp_path, DOCKET_HTTPS="0", DOCKET_SECRET_KEY="short")
    assert result.returncode != 0
    for code in ("security.W004", "security.W009", "security.W012", "security.W016"):
        assert code in result.stderr + result.stdout


def test_settings_keep_debug_off_and_cookies_out_of_scripts():
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
