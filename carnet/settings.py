"""Carnet's settings, read from the environment.

Every setting a deployment may change is an environment variable named
CARNET_* (plus DATABASE_URL). A bad value stops start-up with one line naming
the variable: see carnet.cli, which turns ImproperlyConfigured into that line.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {os.environ[name]!r}")


def env_int(name, default):
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url):
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:// or postgres://, not {url.split(':')[0]!r}"
        ) from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:// or postgres://, not {url.split(':')[0]!r}"
        )
    return config


def email_from_url(url):
    """console:// (default), smtp://user:password@host:port?tls=1, or locmem://."""
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"CARNET_EMAIL_URL must start with console://, smtp:// or locmem://, not {url!r}"
        )
    options = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme == "smtp":
        query = parse_qs(parts.query)
        options.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or 25,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=query.get("tls", ["0"])[0] in ("1", "true"),
            EMAIL_USE_SSL=query.get("ssl", ["0"])[0] in ("1", "true"),
        )
    return options


def machine_translation_from_env():
    """CARNET_MT_URL (empty: no machine translation), CARNET_MT_KIND, CARNET_MT_KEY,
    CARNET_MT_TIMEOUT; see carnet.lib.machine_translation."""
    from carnet.lib.machine_translation import DEEPL, KINDS, LIBRETRANSLATE, check_address

    url = env_str("CARNET_MT_URL").strip()
    kind = env_str("CARNET_MT_KIND").strip().lower() or LIBRETRANSLATE
    key = env_str("CARNET_MT_KEY").strip()
    timeout = env_int("CARNET_MT_TIMEOUT", 10)
    if kind not in KINDS:
        raise ImproperlyConfigured(f"CARNET_MT_KIND must be libretranslate or deepl, not {kind!r}")
    if url and check_address(url):
        raise ImproperlyConfigured(f"CARNET_MT_URL {check_address(url)}, not {url!r}")
    if url and kind == DEEPL and not key:
        raise ImproperlyConfigured("CARNET_MT_KEY is required with CARNET_MT_KIND=deepl")
    if not 1 <= timeout <= 120:
        raise ImproperlyConfigured(f"CARNET_MT_TIMEOUT must be between 1 and 120, not {timeout}")
    return {
        "CARNET_MT_URL": url,
        "CARNET_MT_KIND": kind,
        "CARNET_MT_KEY": key,
        "CARNET_MT_TIMEOUT": timeout,
    }


def cache_from_url(url):
    """(CACHES, SESSION_ENGINE): Redis when CARNET_REDIS_URL is set, else local memory.

    Without Redis the cache only speeds things up inside one process: nothing that must be
    shared between app servers lives in it (sessions and tasks are in the database).
    """
    if not url:
        return (
            {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            "django.contrib.sessions.backends.db",
        )
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("redis", "rediss", "unix")
        or not (parts.hostname or parts.path)
    ):
        raise ImproperlyConfigured(
            "CARNET_REDIS_URL must look like redis://HOST:6379/0 (or rediss://, unix://), "
            f"not {url!r}"
        )
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "carnet",
        }
    }
    # cached_db: read from Redis, written through to the database, so nobody is logged out
    # when Redis restarts empty.
    return caches, "django.contrib.sessions.backends.cached_db"


def media_storage_from_env():
    """The default storage: S3-compatible when CARNET_S3_BUCKET is set, else MEDIA_ROOT."""
    bucket = env_str("CARNET_S3_BUCKET").strip()
    s3_names = [
        "CARNET_S3_ENDPOINT_URL",
        "CARNET_S3_ACCESS_KEY",
        "CARNET_S3_SECRET_KEY",
        "CARNET_S3_REGION",
    ]
    if not bucket:
        for name in s3_names:
            if env_str(name).strip():
                raise ImproperlyConfigured(f"{name} is set but CARNET_S3_BUCKET is not")
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    endpoint = env_str("CARNET_S3_ENDPOINT_URL").strip()
    if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).hostname:
        raise ImproperlyConfigured(
            "CARNET_S3_ENDPOINT_URL must be the storage's http:// or https:// address "
            f"(e.g. https://s3.eu-west-3.amazonaws.com), not {endpoint!r}"
        )
    access_key = env_str("CARNET_S3_ACCESS_KEY").strip() or None
    secret_key = env_str("CARNET_S3_SECRET_KEY").strip() or None
    if bool(access_key) != bool(secret_key):
        missing = "CARNET_S3_SECRET_KEY" if access_key else "CARNET_S3_ACCESS_KEY"
        raise ImproperlyConfigured(f"{missing} is required with the other S3 key")
    if env_str("CARNET_MEDIA_ACCEL").strip():
        raise ImproperlyConfigured(
            "CARNET_MEDIA_ACCEL is for media on this machine's disk, not with CARNET_S3_BUCKET"
        )
    expire = env_int("CARNET_S3_SIGNED_URL_SECONDS", 120)
    if not 1 <= expire <= 604800:
        raise ImproperlyConfigured(
            f"CARNET_S3_SIGNED_URL_SECONDS must be between 1 and 604800, not {expire}"
        )
    return {
        # Addresses name Carnet's media view, which checks who asks before it redirects to a
        # signed address (carnet.media.storage).
        "BACKEND": "carnet.media.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": access_key,
            "secret_key": secret_key,
            "region_name": env_str("CARNET_S3_REGION").strip() or None,
            # Addresses on the endpoint's host (path style), which the CSP allows below.
            "addressing_style": "path",
            # Private objects, served through signed addresses that expire; never overwritten.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": expire,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }


def media_accel():
    """Who sends the bytes of a file the media view allowed: Django (empty), nginx
    (X-Accel-Redirect) or the web server's X-Sendfile."""
    value = env_str("CARNET_MEDIA_ACCEL").strip().lower()
    if value not in ("", "nginx", "sendfile"):
        raise ImproperlyConfigured(
            f"CARNET_MEDIA_ACCEL must be nginx, sendfile or empty, not {value!r}"
        )
    return value


VAR_DIR = Path(env_str("CARNET_VAR_DIR", str(BASE_DIR / "var")))
DEBUG = env_bool("CARNET_DEBUG", False)


def secret_key():
    key = env_str("CARNET_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "CARNET_SECRET_KEY is required when CARNET_DEBUG is off (a long random string)"
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("CARNET_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CARNET_CSRF_TRUSTED_ORIGINS", [])
# The site's public address, for links in e-mails sent outside a request.
BASE_URL = env_str("CARNET_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "carnet.accounts",
    "carnet.networks",
    "carnet.capitalisation",
    "carnet.library",
    "carnet.safeguarding",
    "carnet.timeline",
    "carnet.practices",
    "carnet.reports",
    "carnet.demo",
    "carnet.maintenance",
    "carnet.archive",
    "carnet.media",
    "carnet.notices",
    "carnet.answers",
    "carnet.vocabulary",
    "carnet.downloads",
    "carnet.translations",
    "carnet.commons",
    "carnet.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come precompressed from it and never reach this),
    # before everything that writes the body: compresses pages on the wire (BREACH-padded).
    "carnet.lib.compression.PageCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person sees Carnet in the language of their profile (carnet.accounts.language).
    "carnet.accounts.language.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "carnet.accounts.access.LoginRedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carnet.urls"
WSGI_APPLICATION = "carnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.media",
                "carnet.notices.context.unread_notices",
                "carnet.accounts.context_processors.waiting",
            ],
            # {% form_token %} in every creation form, next to {% csrf_token %}.
            "builtins": ["carnet.lib.formtokens", "carnet.lib.languages", "carnet.lib.steps"],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'carnet.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses logins while a username + address is locked out (django-axes).
    "carnet.accounts.backends.RateLimitBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "waiting"  # "Waiting for you"; a `next` still wins
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    # Argon2id with OWASP's parameters (carnet/accounts/hashers.py). It also reads hashes
    # made with Django's Argon2 defaults (the parameters are in the hash) and re-hashes
    # them at the next login, as it does PBKDF2 ones.
    "carnet.accounts.hashers.CarnetArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login rate limiting (django-axes): after AXES_FAILURE_LIMIT failed logins for one
# username from one address, that pair is locked out for the cool-off period.
AXES_FAILURE_LIMIT = env_int("CARNET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CARNET_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "carnet.accounts.views.locked_out"
AXES_VERBOSE = False
# Our own action log records logins; axes need not keep every address that logged in.
AXES_DISABLE_ACCESS_LOG = True
# How many reverse proxies (nginx, Caddy…) stand in front of Carnet: the lockout then
# reads the visitor's address from X-Forwarded-For (see carnet.accounts.backends).
CARNET_PROXY_COUNT = env_int("CARNET_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "carnet.accounts.backends.client_address"
# Invitations: how long a link stays valid.
CARNET_INVITATION_DAYS = env_int("CARNET_INVITATION_DAYS", 7)
# A one-click answer link (a report version sent for review) works once, this many days.
CARNET_ANSWER_LINK_DAYS = env_int("CARNET_ANSWER_LINK_DAYS", 14)
# Sign in by a link e-mailed to the person, beside the password (carnet.accounts.signin):
# on by default; the link works once, for 15 minutes; an address gets at most 3 in that time.
CARNET_EMAIL_LOGIN = env_bool("CARNET_EMAIL_LOGIN", True)
CARNET_EMAIL_LOGIN_MINUTES = 15
CARNET_EMAIL_LOGIN_PER_ADDRESS = 3
# Everyone signed in may create a network (off: superusers and whom they grant it).
CARNET_OPEN_SIGNUP = env_bool("CARNET_OPEN_SIGNUP", False)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

LANGUAGE_CODE = "en"
# The interface languages (each has a complete catalog in every app's locale/; docs/translations.md
# says which a native speaker has reviewed). Arabic is written right to left.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("sq", _("Albanian")),
    ("hy", _("Armenian")),
    ("bs", _("Bosnian")),
    ("sr-latn", _("Serbian (Latin)")),
    ("uk", _("Ukrainian")),
    ("ro", _("Romanian")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("CARNET_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # the site's own carnet.css and favicon
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("CARNET_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Stateless app servers: with CARNET_REDIS_URL, cache and sessions in Redis (see above).
CACHES, SESSION_ENGINE = cache_from_url(env_str("CARNET_REDIS_URL").strip())

# Uploads stop with a clear message when MEDIA_ROOT holds CARNET_MEDIA_QUOTA_MB (0: no
# quota) or the disk would keep less than CARNET_MEDIA_MIN_FREE_MB free (carnet.lib.diskspace).
MEDIA_QUOTA_MB = env_int("CARNET_MEDIA_QUOTA_MB", 0)
MEDIA_MIN_FREE_MB = env_int("CARNET_MEDIA_MIN_FREE_MB", 100)

# `carnet archive import` refuses an archive past these limits (zip bombs; see
# carnet.archive.importer): its whole content uncompressed, its data (archive.json, read in
# memory), the compression ratio of any member over 1 MiB, and its number of members.
ARCHIVE_MAX_MB = env_int("CARNET_ARCHIVE_MAX_MB", 20 * 1024)
ARCHIVE_MAX_DATA_MB = env_int("CARNET_ARCHIVE_MAX_DATA_MB", 512)
# Archives, static sites and backups made in the browser are kept this many days.
CARNET_DOWNLOADS_KEEP_DAYS = env_int("CARNET_DOWNLOADS_KEEP_DAYS", 7)
CARNET_DOWNLOADS_STALL_HOURS = env_int("CARNET_DOWNLOADS_STALL_HOURS", 2)
ARCHIVE_MAX_RATIO = env_int("CARNET_ARCHIVE_MAX_RATIO", 200)
ARCHIVE_MAX_MEMBERS = env_int("CARNET_ARCHIVE_MAX_MEMBERS", 100_000)

# Hostile files cost little (carnet.lib.zipguard, carnet.lib.uploads): a DOCX, ODT or XLSX
# (zips) is refused before parsing when it expands past this size or ratio; an image is
# refused before decoding when it has more pixels, or would take more memory decoded.
DOCUMENT_MAX_UNZIPPED_MB = env_int("CARNET_DOCUMENT_MAX_UNZIPPED_MB", 100)
DOCUMENT_MAX_RATIO = env_int("CARNET_DOCUMENT_MAX_RATIO", 100)
IMAGE_MAX_MEGAPIXELS = env_int("CARNET_IMAGE_MAX_MEGAPIXELS", 60)
IMAGE_MAX_DECODED_MB = env_int("CARNET_IMAGE_MAX_DECODED_MB", 128)

# Background work (report builds, imports, text extraction): rows in the database,
# run by `carnet worker` (any number of them, on any machine).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Links people give (a spreadsheet published as CSV) are fetched only from public addresses
# (carnet.lib.safefetch); the tests set this to reach their own local server. Never in
# production: there is no environment variable for it.
CARNET_FETCH_ALLOW_LOOPBACK = False

# Uploaded files are served by one view, after the rules of the object each belongs to
# (carnet.media). Their names carry a random part (carnet.lib.uploads.random_path).
MEDIA_ACCEL = media_accel()
MEDIA_ACCEL_LOCATION = "/protected-media/"  # nginx's internal location (see the README)
# How long browsers and proxies may keep a public file (published, with consent).
MEDIA_PUBLIC_MAX_AGE = env_int("CARNET_MEDIA_PUBLIC_MAX_AGE", 24 * 3600)

globals().update(email_from_url(env_str("CARNET_EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("CARNET_FROM_EMAIL", "carnet@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Machine-translation drafts (off without CARNET_MT_URL): the server calls the service.
globals().update(machine_translation_from_env())

# Security. HTTPS is assumed in production (behind a TLS proxy that sets X-Forwarded-Proto).
HTTPS = not DEBUG and env_bool("CARNET_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: nothing from another host, no inline script or style.
# Views built to be framed (embeds) relax frame-ancestors with csp's decorators.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'self'"],
    }
}
if "OPTIONS" in STORAGES["default"]:
    # Media on S3-compatible storage are the site's own files, served from the endpoint.
    _endpoint = urlsplit(STORAGES["default"]["OPTIONS"]["endpoint_url"])
    for _directive in ("img-src", "media-src", "frame-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(
            f"{_endpoint.scheme}://{_endpoint.netloc}"
        )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CARNET_LOG_LEVEL", "WARNING")},
}

# Kosovo has the user-assigned code XK, used by the EU and the World Bank.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}
