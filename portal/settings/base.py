"""Settings shared by every environment; the others import and adjust them."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "cms",
    "disclosure",
    "disclosure.trading",
    "consultation",
    "search",
    "themes",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "django.contrib.sitemaps",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# Whole-page caching for anonymous readers is off unless a number of seconds
# is given. The cache lives in files so that every worker process sees the
# clear that follows a publish, and a page never outlives an edit.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "PAGE_CACHE_LOCATION", str(BASE_DIR / "var" / "page-cache")
        ),
        "TIMEOUT": PAGE_CACHE_SECONDS or 300,
    },
}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
CACHE_MIDDLEWARE_KEY_PREFIX = "page"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.DatabaseOutageMiddleware",
]

if PAGE_CACHE_SECONDS:
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "南宁市政府网站集约化平台"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
# Reviewers approve without publish permission; the last approval publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.publish_approved_revision"
# Admin search: the database backend, plus substring matching for Chinese.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "txt", "csv", "zip",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Background work (search indexing) runs in process here, in dev and in tests;
# production queues it in the database for `manage.py db_worker`.
# TASKS_BACKEND=database selects the queue anywhere.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_settings(default):
    name = os.environ.get("TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND={name!r}: use one of {', '.join(TASK_BACKENDS)}"
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = task_settings("immediate")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        name: {"level": os.environ.get("LOG_LEVEL", "INFO")}
        for name in ("cms", "disclosure", "consultation", "search", "themes")
    },
}

WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.AltTextRequiredImageForm"

# Disclosure documents: what an attachment may be, and how large.
DISCLOSURE_ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "wps", "ofd"]
DISCLOSURE_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("DISCLOSURE_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
)
# A document marked as needing one gets its interpretation within this many
# working days of publication (三同步 with local slack).
DISCLOSURE_INTERPRETATION_WORKING_DAYS = 3

# Public intake (cms.intake): POSTs allowed per client as (count, seconds),
# counted in the database (cms.RateLimitCounter), and a captcha switch.
INTAKE_RATE_LIMITS = {
    "default": (5, 600),
    "comment": (5, 600),
    "message": (3, 600),
    "lookup": (10, 600),
    "rating": (5, 600),
}
# Request header holding the client address set by a trusted reverse proxy.
INTAKE_CLIENT_IP_HEADER = os.environ.get("INTAKE_CLIENT_IP_HEADER", "")
INTAKE_CAPTCHA = os.environ.get("INTAKE_CAPTCHA", "") == "1"
# Messages (consultation): reply deadline in working days, and how many days
# before the 3-month inspection limit the admin home starts warning.
MESSAGE_REPLY_WORKING_DAYS = 5
MESSAGE_ALERT_DAYS_BEFORE = 15

# Unified search (search/). "database" needs no server; "opensearch" and
# "elasticsearch" send queries to SEARCH_URL (OPENSEARCH_URL is read too) and
# fall back to the database when the engine is down.
PORTAL_SEARCH = {
    "BACKEND": os.environ.get("SEARCH_BACKEND", "database"),
    "URL": os.environ.get("SEARCH_URL") or os.environ.get("OPENSEARCH_URL", ""),
    "INDEX": os.environ.get("SEARCH_INDEX")
    or os.environ.get("OPENSEARCH_INDEX", "portal-search"),
    "REFRESH": False,
    # Colloquial words and the official words a search also finds; editors
    # add more as 搜索同义词 snippets.
    "SYNONYMS": {
        "社保": ["社会保险"],
        "医保": ["医疗保障", "医疗保险"],
        "公积金": ["住房公积金"],
        "低保": ["最低生活保障"],
        "网办": ["网上办理"],
    },
}
