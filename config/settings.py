"""Settings for the Police and public health partnerships directory.

Everything that differs between a laptop and production comes from the environment (see README.md).
With nothing set you get a DEBUG site on SQLite that prints e-mail to the console.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "accounts",
    "themes",
    "partnerships",
    "evidence",
    "django.contrib.sitemaps",
    "opendata",
    "practice",
]
# Background jobs, e-mail alerts, review reminders, the contact relay and page feedback (issue 16).
INSTALLED_APPS += ["django_tasks_db", "jobs", "alerts", "reminders", "feedback", "contact_relay"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.middleware.api_boundary",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Too long a web address (414) or too big a body (413), refused before the body is read.
    "partnerships.request_limits.RequestLimitsMiddleware",
    # Anonymous visitors' public pages, whole, from the "pages" cache; compressed (page_cache.py).
    "partnerships.page_cache.AnonymousPageCacheMiddleware",
    "partnerships.page_cache.AnonymousGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on every page showing a person's own data.
    "partnerships.private_pages.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]
# Django's form templates, overridden once in templates/django/forms/ with GOV.UK markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Databases: SQLite with no set-up; PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    default_db = database_from_url(DATABASE_URL)
    default_db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
    default_db["CONN_HEALTH_CHECKS"] = True
else:
    default_db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        # One connection per worker thread, kept open (WAL lets readers and a writer coexist).
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
DATABASES = {"default": default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # the admin's sign-in
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "contribute:mine"

# Accounts (django-allauth): e-mail and password, e-mail verified before anyone can sign in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Police and public health partnerships: "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
# Counted in the cache (CACHES below), per IP address, per e-mail address ("key") or per user.
# A request over a limit gets templates/429.html with status 429. For login_failed the "key"
# is the e-mail address with the IP address, and login_failed_address counts the e-mail
# address alone (accounts/adapter.py): both are checked before any password is hashed.
ACCOUNT_RATE_LIMITS = {
    "signup": env_str("RATE_LIMIT_SIGNUP", "5/h/ip"),
    "login": env_str("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "login_failed_address": env_str("RATE_LIMIT_LOGIN_FAILED_ADDRESS", "100/h/key"),
    "reset_password": env_str("RATE_LIMIT_RESET_PASSWORD", "10/h/ip,3/h/key"),
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# New case studies (drafts and revisions) a contributor may start in an hour.
SUBMISSION_RATE_LIMIT_PER_HOUR = env_int("SUBMISSION_RATE_LIMIT_PER_HOUR", 5)

# The cache counts rate limits. It lives in the database so that every instance and worker
# shares one count (`manage.py createcachetable` creates its table; `make run` does).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}
# Whole pages for anonymous visitors (partnerships/page_cache.py): in each process's memory, or in
# Redis, shared by every worker and instance, when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0).
REDIS_URL = env_str("REDIS_URL")
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
if REDIS_URL:
    PAGE_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("PAGE_CACHE_KEY_PREFIX", "partnerships"),
        # An unreachable Redis costs a request half a second at most: the page is then rendered.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
else:
    PAGE_CACHE = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
CACHES["pages"] = PAGE_CACHE
# The finder's index is rebuilt in a background thread after a change, the previous one serving
# meanwhile (partnerships/facet_index.py).
FINDER_BACKGROUND_REBUILD = env_bool("FINDER_BACKGROUND_REBUILD", True)
# The full open-data downloads, prebuilt as files for what is published now (opendata/prebuilt.py):
# a directory the web processes read and the task worker and periodic jobs write.
OPEN_DATA_DIR = Path(env_str("OPEN_DATA_DIR", str(BASE_DIR / "var" / "open-data")))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads are never served from MEDIA_URL: a view checks who may see them and sends them as
# attachments. An evaluation report is a PDF of at most this many megabytes.
MAX_REPORT_MEGABYTES = env_int("MAX_REPORT_MEGABYTES", 10)
# Form fields other than files, held in memory (more is a 400). A request body over
# MAX_REQUEST_BYTES (by its Content-Length) is refused with a 413 before it is read, and a web
# address over MAX_URL_LENGTH characters with a 414 (partnerships/request_limits.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_REQUEST_BYTES = MAX_REPORT_MEGABYTES * 1024 * 1024 + DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_URL_LENGTH = env_int("MAX_URL_LENGTH", 8000)
# A form sent without a valid CSRF token: the GOV.UK page, offering to send it again.
CSRF_FAILURE_VIEW = "partnerships.views.errors.csrf_failure"
STORAGES = {
    # Uploaded evaluation reports: files under MEDIA_ROOT, or any Django storage backend.
    "default": {"BACKEND": env_str("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# E-mail (Django 6.1 mailers): printed to the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    default_mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": EMAIL_HOST,
            "port": env_int("EMAIL_PORT", 587),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
else:
    default_mailer = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": default_mailer}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "partnerships@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address the public pages (about, contact, accessibility, privacy) give for the editors.
EDITORS_EMAIL = env_str("EDITORS_EMAIL", DEFAULT_FROM_EMAIL)

# Anonymous browsing sets no cookies: a session only after sign-in, a CSRF cookie only on forms.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    # Rate limits count per client address: take it from the proxy's X-Forwarded-For.
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# Content Security Policy (Django's own). Inline scripts carry the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],  # no inline scripts: cached pages carry no per-response nonce
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's default configuration gives the "django" logger a console handler of its own (with
    # DEBUG on), which printed every line a second time: it uses the root's handler only.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Background tasks (django.tasks): queued in the database (django-tasks-db) and run by
# `manage.py db_worker`; `make run` starts one beside the development server. TASKS_BACKEND can
# name another backend, e.g. django.tasks.backends.immediate.ImmediateBackend to run them at once.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# E-mail alerts and the contact relay: how many requests an IP address (and one e-mail address or
# case study) may make in an hour. Counted in the cache (CACHES).
ALERT_RATE_LIMIT_PER_IP = env_int("ALERT_RATE_LIMIT_PER_IP", 10)
ALERT_RATE_LIMIT_PER_ADDRESS = env_int("ALERT_RATE_LIMIT_PER_ADDRESS", 3)
CONTACT_RATE_LIMIT_PER_IP = env_int("CONTACT_RATE_LIMIT_PER_IP", 5)
CONTACT_RATE_LIMIT_PER_CASE_STUDY = env_int("CONTACT_RATE_LIMIT_PER_CASE_STUDY", 10)
FEEDBACK_RATE_LIMIT_PER_IP = env_int("FEEDBACK_RATE_LIMIT_PER_IP", 30)

PAGE_SIZE = 20

# The open-data API (/api/v1/): requests a minute from one address before a 429, counted in the
# cache named here. The default, "api", is each worker process's memory: no database queries on
# every API request, but each worker counts on its own (name "default" to share the count).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_LIMIT_CACHE = env_str("API_RATE_LIMIT_CACHE", "api")
CACHES["api"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
