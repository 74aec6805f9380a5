"""CEC Portal settings, read from the environment (see README "Settings").

Secure by default: without ``DJANGO_DEBUG=1`` the site runs with production settings and
refuses to start without a real ``DJANGO_SECRET_KEY``.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cec_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# The shared reference data (NOC 2021, Express Entry rounds) lives beside the project.
SHARED_DIR = Path(env_str("CEC_SHARED_DIR", str(BASE_DIR.parent / "shared")))

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    SECRET_KEY = "dev-only-insecure-key-not-for-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin site asks staff for their second factor (cec_portal.admin_site).
    "cec_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # Bootstrap 5's CSS/JS as static files (django-bootstrap-static)
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    # Its catalogue names the countries in French (it ships no models or templates we use).
    "django_countries",
    "health_check",
    "accounts",
    "eligibility",
    "profiles",
    "cases",
    "consultants",
]

MIDDLEWARE = [
    # First: every log line of the request, and every task it queues, carry its request id.
    "cec_portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "cec_portal.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Sessions from before the portal's sign-in backend are given it (accounts.backends).
    "accounts.middleware.SessionBackendMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.AccountLanguageMiddleware",
    "cec_portal.middleware.NoStoreWhenSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cec_portal.urls"
WSGI_APPLICATION = "cec_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is a SQLite file; DATABASE_URL=postgres://… switches to PostgreSQL
# (psycopg 3). Every request runs in one transaction so a failed write leaves nothing half-done.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we can use: {exc}") from exc
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "profiles.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
# Axes sees every login (portal and admin) first and refuses a locked-out one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalBackend",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded documents live outside the web root and are only served through views that
# check ownership; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(env_str("CEC_MEDIA_ROOT", str(BASE_DIR / "private_media")))
# Stored documents are readable by the service's own user only (files 0600, folders 0700).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# With CEC_S3_BUCKET set, documents go to that S3-compatible bucket instead (django-storages):
# private objects, no public or signed URL is ever handed out — downloads are streamed through
# the portal's own views, which check who asks. Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (read by boto3), or the machine's role.
S3_BUCKET = env_str("CEC_S3_BUCKET")
DOCUMENT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("CEC_S3_ENDPOINT_URL"),
            "region_name": env_str("CEC_S3_REGION"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DOCUMENT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("CEC_STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from the app's and packages' static folders when no collectstatic has run
# (development and tests); production runs collectstatic and serves the compressed copies.
WHITENOISE_USE_FINDERS = not env_bool("CEC_STATIC_MANIFEST", default=not DEBUG)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Shared state. The embedded default keeps the cache in the process and sessions in the
# database; with REDIS_URL set both live in Redis, shared by every app server.
REDIS_URL = env_str("REDIS_URL")
# Pages kept as rendered (profiles/kept.py) in a cache of their own: point it at a Redis with
# its own memory limit and LRU eviction, so that they can never push the sessions out.
KEPT_CACHE_URL = env_str("KEPT_CACHE_URL", REDIS_URL)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "kept": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kept"},
}
if REDIS_URL:
    CACHES["default"] = {
        # Django's, with one Redis client per connection pool (cec_portal/cache.py).
        "BACKEND": "cec_portal.cache.ReusedClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "cec",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
if KEPT_CACHE_URL:
    CACHES["kept"] = {
        "BACKEND": "cec_portal.cache.ReusedClientRedisCache",
        "LOCATION": KEPT_CACHE_URL,
        "KEY_PREFIX": "cec-kept",
    }

# Background work (cec_portal.celery). Redis is the broker by default: the cache and sessions
# need it anyway, so a deployment runs one service fewer; every task is idempotent, so Redis'
# at-least-once delivery (a task whose worker died is given again) is all we need.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_URL is None:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged once done, so a worker lost mid-task leaves it to another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
_REMINDERS_EVERY = env_int("CEC_REMINDERS_EVERY_SECONDS", 0)
CELERY_BEAT_SCHEDULE = {
    "reminders-daily": {
        "task": "cases.tasks.send_reminders",
        "schedule": _REMINDERS_EVERY or crontab(hour=6, minute=0),
    },
    "reevaluate-nightly": {
        "task": "profiles.tasks.reevaluate_all",
        "schedule": crontab(hour=2, minute=30),
        "kwargs": {"reason": "nightly"},
    },
    # A deployment that changes the rules engine re-evaluates everyone within minutes.
    "reevaluate-when-rules-change": {
        "task": "profiles.tasks.reevaluate_if_rules_changed",
        "schedule": 600.0,
    },
}

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "CEC Portal <no-reply@localhost>")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
# For django.core.mail.backends.filebased.EmailBackend (each message a file in this folder).
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))

# Security headers and cookies. In production everything is behind HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# The language chosen with the switcher (see README, "Languages"); no script reads it.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Pages send the CSRF token in the body's hx-headers, rendered by the server: no script needs
# to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# The balancer's health probes come over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from our own origin, no inline script or
# style, no eval (htmx is configured by a meta tag in base.html never to evaluate strings).
# Images may also be data: URIs: Bootstrap draws its form icons with them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features no page of ours uses (cec_portal.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# Failed logins (django-axes): after AXES_FAILURE_LIMIT failures for one account, or from one
# address, within the cool-off, that account or address is locked for the cool-off. A
# successful password reset unlocks the account (accounts.services).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_from_request"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False

# Sign-up and password-reset requests, per address and per email (accounts.ratelimit).
CEC_RATE_LIMITS = {
    "sign_up": (10, timedelta(hours=1)),
    # Each check evaluates; people try a few answers, so more than sign-ups, still bounded.
    "quick_check": (30, timedelta(hours=1)),
    "password_reset": (10, timedelta(hours=1)),
    "password_reset_email": (3, timedelta(hours=1)),
}

# A second factor (django-otp, TOTP with backup codes) for consultants, NOC editors and
# superusers, and for applicants who turn it on. Staff sessions end at browser close and after
# CEC_STAFF_SESSION_HOURS whatever the activity.
OTP_TOTP_ISSUER = "CEC Portal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
CEC_STAFF_SESSION_HOURS = 8
CEC_BACKUP_CODES = 10

# How email leaves the request: after the transaction commits, in a thread (accounts.mail);
# tests send at once. A task queue can take its place by naming another function.
# With a broker, the default runner queues a task (accounts.tasks): a worker sends, retrying on
# failure, and the job's key, stored when it is sent, keeps a retry from sending it twice.
CEC_MAIL_RUNNER = env_str(
    "CEC_MAIL_RUNNER",
    "accounts.mail.in_thread" if CELERY_TASK_ALWAYS_EAGER else "accounts.tasks.on_worker",
)
# The portal's address as people reach it: links in emails sent with no request at hand
# (reminders from cron, notifications) start with it.
CEC_SITE_URL = env_str("CEC_SITE_URL", "http://localhost:8000")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# One JSON object per line (cec_portal.logs), each with the request id of the request — or of
# the request that queued the task — it belongs to. DJANGO_LOG_FORMAT=text for a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cec_portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "cec_portal.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_str("DJANGO_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    # Lockouts and other security events are logged at WARNING by the "security" logger.
    "loggers": {"security": {"level": "INFO"}},
}

# Set only where a test must see which app server answered (the scale-out test): each response
# then names it in an X-Served-By header. Never set in production.
CEC_SERVER_NAME = env_str("CEC_SERVER_NAME")

# Errors go to Sentry when SENTRY_DSN is set (web and workers; no personal data is sent).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
