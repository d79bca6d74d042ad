import pytest
from django.core.exceptions import ImproperlyConfigured

from carnet.settings import cache_from_url, media_accel, media_storage_from_env

from ..test_settings import run_carnet

S3_ENV = {
    "CARNET_S3_BUCKET": "carnet-media",
    "CARNET_S3_ENDPOINT_URL": "https://s3.eu-west-3.example.org",
    "CARNET_S3_ACCESS_KEY": "AKEXAMPLE",
    "CARNET_S3_SECRET_KEY": "secret-example",
    "CARNET_S3_REGION": "eu-west-3",
}


def test_without_redis_sessions_are_in_the_database_and_the_cache_in_memory():
    caches, session_engine = cache_from_url("")
    assert caches == {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert session_engine == "django.contrib.sessions.backends.db"


def test_with_redis_cache_and_sessions_go_to_redis():
    caches, session_engine = cache_from_url("redis://cache.internal:6379/2")
    assert caches == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache.internal:6379/2",
            "KEY_PREFIX": "carnet",
        }
    }
    assert session_engine == "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize(
    "url", ["cache.internal:6379", "http://cache.internal/", "redis://", "redis://h:port/0"]
)
def test_bad_redis_urls_are_refused_naming_the_variable(url):
    with pytest.raises(ImproperlyConfigured) as refused:
        cache_from_url(url)
    assert str(refused.value) == (
        f"CARNET_REDIS_URL must look like redis://HOST:6379/0 (or rediss://, unix://), not {url!r}"
    )


def test_invalid_redis_url_stops_start_up_with_one_line(tmp_path):
    code, out, err = run_carnet(
        "serve", CARNET_SECRET_KEY="k" * 50, CARNET_VAR_DIR=str(tmp_path), CARNET_REDIS_URL="x"
    )
    assert (code, err) == (
        2,
        "carnet: configuration error: CARNET_REDIS_URL must look like redis://HOST:6379/0 "
        "(or rediss://, unix://), not 'x'\n",
    )


def test_without_a_bucket_media_stay_on_disk(monkeypatch):
    for name in S3_ENV:
        monkeypatch.delenv(name, raising=False)
    assert media_storage_from_env() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_puts_media_on_s3_compatible_storage(monkeypatch):
    monkeypatch.delenv("CARNET_S3_SIGNED_URL_SECONDS", raising=False)
    monkeypatch.delenv("CARNET_MEDIA_ACCEL", raising=False)
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    assert media_storage_from_env() == {
        "BACKEND": "carnet.media.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": "carnet-media",
            "endpoint_url": "https://s3.eu-west-3.example.org",
            "access_key": "AKEXAMPLE",
            "secret_key": "secret-example",
            "region_name": "eu-west-3",
            "addressing_style": "path",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 120,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"CARNET_S3_ENDPOINT_URL": "https://s3.example.org"},
            "CARNET_S3_ENDPOINT_URL is set but CARNET_S3_BUCKET is not",
        ),
        (
            {"CARNET_S3_BUCKET": "b"},
            "CARNET_S3_ENDPOINT_URL must be the storage's http:// or https:// address "
            "(e.g. https://s3.eu-west-3.amazonaws.com), not ''",
        ),
        (
            {"CARNET_S3_BUCKET": "b", "CARNET_S3_ENDPOINT_URL": "s3.example.org"},
            "CARNET_S3_ENDPOINT_URL must be the storage's http:// or https:// address "
            "(e.g. https://s3.eu-west-3.amazonaws.com), not 's3.example.org'",
        ),
        (
            {
                "CARNET_S3_BUCKET": "b",
                "CARNET_S3_ENDPOINT_URL": "https://s3.example.org",
                "CARNET_S3_ACCESS_KEY": "AK",
            },
            "CARNET_S3_SECRET_KEY is required with the other S3 key",
        ),
        (
            {**S3_ENV, "CARNET_S3_SIGNED_URL_SECONDS": "0"},
            "CARNET_S3_SIGNED_URL_SECONDS must be between 1 and 604800, not 0",
        ),
        (
            {**S3_ENV, "CARNET_MEDIA_ACCEL": "nginx"},
            "CARNET_MEDIA_ACCEL is for media on this machine's disk, not with CARNET_S3_BUCKET",
        ),
    ],
)
def test_incomplete_s3_settings_are_refused_naming_the_variable(monkeypatch, env, message):
    for name in [*S3_ENV, "CARNET_MEDIA_ACCEL", "CARNET_S3_SIGNED_URL_SECONDS"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        media_storage_from_env()
    assert str(refused.value) == message


def test_the_settings_produced_with_redis_and_s3(tmp_path):
    code, out, err = run_carnet(
        "shell",
        "-c",
        "from django.conf import settings;"
        "from django.core.files.storage import storages; s = storages['default'];"
        "from django.core.cache import caches; cache = caches['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name, s.default_acl,"
        " s.querystring_auth, s.file_overwrite);"
        "print(type(cache).__name__, settings.SESSION_ENGINE, repr(settings.MEDIA_ACCEL));"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        CARNET_SECRET_KEY="k" * 50,
        CARNET_VAR_DIR=str(tmp_path),
        CARNET_REDIS_URL="redis://127.0.0.1:6379/3",
        **S3_ENV,
    )
    assert code == 0, err
    assert out.strip().splitlines()[-3:] == [
        "S3MediaStorage carnet-media https://s3.eu-west-3.example.org eu-west-3 private True False",
        "RedisCache django.contrib.sessions.backends.cached_db ''",
        "[\"'self'\", 'data:', 'https://s3.eu-west-3.example.org']",
    ]


@pytest.mark.parametrize("value", ["nginx", "sendfile", ""])
def test_media_accel_names_who_sends_the_bytes(monkeypatch, value):
    monkeypatch.setenv("CARNET_MEDIA_ACCEL", value)
    assert media_accel() == value


def test_an_unknown_media_accel_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("CARNET_MEDIA_ACCEL", "apache")
    with pytest.raises(ImproperlyConfigured) as refused:
        media_accel()
    assert str(refused.value) == "CARNET_MEDIA_ACCEL must be nginx, sendfile or empty, not 'apache'"
