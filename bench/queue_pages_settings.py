"""Settings for bench/queue_pages.py: production settings (DJANGO_DEBUG=false)
served over plain HTTP on loopback.

There is no TLS proxy in front of the bench's gunicorn, so the cookies cannot
be Secure and nothing may redirect to https; and the pages are measured
without their static files, so no collected manifest is needed. Everything
else (templates, middleware, sessions in the database) is what production runs.
"""

from factcheck.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
