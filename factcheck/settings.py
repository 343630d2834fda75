"""One settings file for every environment, driven by environment variables.

With no environment at all it runs on SQLite and a filesystem message broker,
so `make run` needs no server. DATABASE_URL and REDIS_URL switch to PostgreSQL
and Redis; DJANGO_DEBUG=false switches on the production hardening that
`manage.py check --deploy` looks for.
"""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap as xstatic_bootstrap
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DJANGO_DEBUG is false.")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claims.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker processes share one SQLite file. WAL lets
    # readers go on while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN, where the busy timeout waits for it (a deferred transaction that
    # upgrades to writing fails at once with "database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": envint("SQLITE_TIMEOUT_SECONDS", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "claims" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
# Front-end assets come from PyPI packages (no CDN): Bootstrap 5 with its RTL
# stylesheet from XStatic-Bootstrap; htmx from django-htmx's own static files.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic_bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

# --- Security: on by default in production (DJANGO_DEBUG=false) ---
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# --- Celery: a filesystem broker by default, Redis when REDIS_URL is set ---
REDIS_URL = os.environ.get("REDIS_URL", "")
BROKER_DIR = Path(os.environ.get("BROKER_DIR") or BASE_DIR / "var" / "broker")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)}
else:
    CELERY_BROKER_URL = "filesystem://localhost/"
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
# Progress and results live in database rows, not in a result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "claims.tasks.ingest_article": {"queue": "fetch"},
    "claims.tasks.add_source_by_hand": {"queue": "fetch"},
    "claims.tasks.extract_claims_for_article": {"queue": "default"},
}
CELERY_WORKER_QUEUES = "default,fetch,gather,export"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Outbound HTTP (claims/fetch.py is the only door) ---
FETCH_MAX_BYTES = envint("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_DEADLINE_SECONDS = envint("FETCH_DEADLINE_SECONDS", 20)
FETCH_MAX_REDIRECTS = envint("FETCH_MAX_REDIRECTS", 5)
FETCH_USER_AGENT = os.environ.get(
    "FETCH_USER_AGENT", "FactcheckWorkbench/1.0 (+https://example.org/factcheck; newsroom fact-checking)"
)

# --- Articles ---
ARTICLE_MAX_CHARS = envint("ARTICLE_MAX_CHARS", 200_000)
# A page that could not be reached is retried with exponential backoff from
# this delay (2 s, 4 s, 8 s), unless the server said when (Retry-After).
INTAKE_RETRY_DELAY_SECONDS = envint("INTAKE_RETRY_DELAY_SECONDS", 2)
# An intake job whose row has not moved for this long is sent again by beat.
INTAKE_STALE_MINUTES = envint("INTAKE_STALE_MINUTES", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# === Reports, REST API and webhooks (issue 6) ================================
# The newsroom named as ClaimReview's author, and the public address of this
# site: ClaimReview's `url` is the per-claim report page under SITE_URL.
NEWSROOM_NAME = os.environ.get("NEWSROOM_NAME", "Newsroom Fact Check")
NEWSROOM_URL = os.environ.get("NEWSROOM_URL", "https://factcheck.example.org/")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else NEWSROOM_URL)
INSTALLED_APPS += ["rest_framework", "rest_framework.authtoken", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    # Tokens for programs; the session lets a logged-in editor use the docs page.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "claims.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check workbench API",
    "DESCRIPTION": "Submit articles, follow their claims through review, and fetch verification reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's assets come from drf-spectacular-sidecar: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {"StanceEnum": "claims.models.Stance"},
}
# API_MAX_BODY_BYTES (413 above it) is set with the other body limits below (issue 11).
LOGGING.setdefault("loggers", {})["weasyprint.progress"] = {"level": "WARNING"}
# Export files (MEDIA_ROOT/exports/) are deleted this long after they are made.
EXPORT_TTL_HOURS = envint("EXPORT_TTL_HOURS", 24)
CELERY_TASK_ROUTES.update({
    "claims.tasks.export_claims_csv": {"queue": "export"},
    "claims.tasks.delete_expired_exports": {"queue": "export"},
})
# Webhooks (claims/webhooks.py): POSTs through the safe fetcher on their own
# queue, so a slow receiver never holds up exports; transient failures retried
# after 15 s, 30 s, 60 s ... up to WEBHOOK_MAX_ATTEMPTS attempts in all.
WEBHOOK_TIMEOUT_SECONDS = envint("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_RETRY_DELAY_SECONDS = float(os.environ.get("WEBHOOK_RETRY_DELAY_SECONDS", "15"))
CELERY_TASK_ROUTES["claims.tasks.deliver_webhook"] = {"queue": "webhooks"}
CELERY_WORKER_QUEUES += ",webhooks"
# === end of issue 6 settings ==================================================

# --- Source gathering (issue 4): providers, keys and endpoints, all from the environment ---
# Providers asked by default (claims/sources/): archive, wikipedia, wikidata,
# factcheck, claimreview, verdicts, searxng, gdelt, feeds, cited. Keyless, self-hosted or offline ones by default.
SOURCES_ENABLED = envlist("SOURCES_ENABLED", "archive,verdicts,wikipedia,wikidata,feeds,cited")
SOURCES_USER_AGENT = os.environ.get("SOURCES_USER_AGENT", FETCH_USER_AGENT)
SOURCES_DEADLINE_SECONDS = envint("SOURCES_DEADLINE_SECONDS", 10)
SOURCES_MAX_BYTES = envint("SOURCES_MAX_BYTES", 2 * 1024 * 1024)
WIKIPEDIA_API_URL = os.environ.get("WIKIPEDIA_API_URL", "https://{lang}.wikipedia.org/w/api.php")
WIKIDATA_API_URL = os.environ.get("WIKIDATA_API_URL", "https://www.wikidata.org/w/api.php")
GOOGLE_FACTCHECK_API_KEY = os.environ.get("GOOGLE_FACTCHECK_API_KEY", "")
GOOGLE_FACTCHECK_URL = os.environ.get(
    "GOOGLE_FACTCHECK_URL", "https://factchecktools.googleapis.com/v1alpha1/claims:search"
)
SEARXNG_URL = os.environ.get("SEARXNG_URL", "")
# A downloaded ClaimReview feed (JSON) searched for earlier fact-checks, offline.
CLAIMREVIEW_FEED_PATH = os.environ.get("CLAIMREVIEW_FEED_PATH", "")
GDELT_URL = os.environ.get("GDELT_URL", "https://api.gdeltproject.org/api/v2/doc/doc")
GDELT_MIN_INTERVAL_SECONDS = float(os.environ.get("GDELT_MIN_INTERVAL_SECONDS", "5"))
WAYBACK_AVAILABLE_URL = os.environ.get("WAYBACK_AVAILABLE_URL", "https://archive.org/wayback/available")
# Candidate pages fetched and archived per claim, and the pause between two
# fetches from one host (per-domain rate limit, across workers when Redis is used).
GATHER_ARCHIVE_PER_CLAIM = envint("GATHER_ARCHIVE_PER_CLAIM", 3)
GATHER_DOMAIN_INTERVAL_SECONDS = float(os.environ.get("GATHER_DOMAIN_INTERVAL_SECONDS", "1"))
GATHER_STALE_MINUTES = envint("GATHER_STALE_MINUTES", 10)
CELERY_TASK_ROUTES.update({
    "claims.tasks.gather_for_article": {"queue": "gather"},
    "claims.tasks.gather_for_claim": {"queue": "gather"},
    "claims.tasks.retry_stale_gathering": {"queue": "gather"},
})
# --- end of source gathering settings ---

# === Caps, throttles and recovery (issue 11) =================================
# One submission may not flood the database: intake keeps at most this many
# claims per article (the most check-worthy, and the article page says so).
MAX_CLAIMS_PER_ARTICLE = envint("MAX_CLAIMS_PER_ARTICLE", 300)
# Every list is paginated: the article page's claim list, the report page and
# every API list (?limit= is capped at API_MAX_PAGE_SIZE).
CLAIMS_PAGE_SIZE = envint("CLAIMS_PAGE_SIZE", 100)
API_MAX_PAGE_SIZE = envint("API_MAX_PAGE_SIZE", 200)
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "claims.pagination.CappedLimitOffsetPagination"
# Request bodies: an article of ARTICLE_MAX_CHARS characters fits as JSON even
# with every character written as a \uXXXX escape (6 bytes), and as a form with
# every character percent-encoded UTF-8 (up to 9 bytes); Django's own limit is
# the larger of the two, and anything above it is answered 413 before it is
# read (claims.middleware.RequestBodyLimitMiddleware: JSON for the API, the
# form with a message for the submit page).
API_MAX_BODY_BYTES = envint("API_MAX_BODY_BYTES", 6 * ARTICLE_MAX_CHARS + 64 * 1024)
FORM_MAX_BODY_BYTES = envint("FORM_MAX_BODY_BYTES", 9 * ARTICLE_MAX_CHARS + 64 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(API_MAX_BODY_BYTES, FORM_MAX_BODY_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
                  "claims.middleware.RequestBodyLimitMiddleware")
# === end of issue 11 settings =================================================
