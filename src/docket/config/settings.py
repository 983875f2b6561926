"""Django settings, read from DOCKET_* environment variables (see tunables.py).

Defaults are safe on a laptop: SQLite under ./docket-data, DEBUG off, bound to
127.0.0.1. Production differs by environment alone.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from docket.config import paths, tunables

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = paths.data_dir()

DEBUG = tunables.get_bool("DOCKET_DEBUG")
SECRET_KEY = paths.read_secret_key()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "No secret key: set DOCKET_SECRET_KEY or run `docket demo` to generate "
        f"{paths.secret_key_file()}."
    )

ALLOWED_HOSTS = [h.strip() for h in tunables.get("DOCKET_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "docket.core",
    "docket.accounts",
    "docket.vocab",
    "docket.cases",
    "docket.evidence",
    "docket.ingest",
    "docket.search",
    "docket.publish",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "docket.core.middleware.SecurityHeadersMiddleware",
    "docket.core.middleware.ApplicationErrorMiddleware",
    # Last, so it sees the resolved URL name: config/access.py decides who may open what.
    "docket.config.access.AccessMiddleware",
]

ROOT_URLCONF = "docket.config.urls"
WSGI_APPLICATION = "docket.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "docket.config.access.navigation",
            ],
        },
    },
]


def _database(url: str) -> dict:
    if not url:
        url = f"sqlite:///{DATA_DIR / 'docket.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers go on while one writer writes; IMMEDIATE avoids
            # "database is locked" upgrades inside transactions.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": _database(tunables.get("DOCKET_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Only test settings turn this on: lets `flush` empty the append-only audit log.
DOCKET_AUDIT_PURGE_ALLOWED = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:case_list"
LOGOUT_REDIRECT_URL = "/"

# Login throttling (django-axes): lock the user+address pair after repeated failures.
AXES_FAILURE_LIMIT = tunables.get_int("DOCKET_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = tunables.get_int("DOCKET_LOGIN_COOLOFF_MINUTES") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_LOCKOUT_CALLABLE = "docket.accounts.views.locked_out"

# Cookies and transport.
HTTPS = tunables.get_bool("DOCKET_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # __Host- cookies are HTTPS-only, host-only and path=/; browsers refuse them otherwise.
    SESSION_COOKIE_NAME = "__Host-docket-session"
    CSRF_COOKIE_NAME = "__Host-docket-csrf"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

MAX_UPLOAD_BYTES = tunables.get_int("DOCKET_MAX_UPLOAD_MB") * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app static folders: no collectstatic step needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "docket": {"handlers": ["console"], "level": tunables.get("DOCKET_LOG_LEVEL")},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
