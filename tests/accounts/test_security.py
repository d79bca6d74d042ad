import os
import secrets
import subprocess
import sys


def test_pages_carry_a_strict_content_security_policy(client, network):
    response = client.get("/euromed/")
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_pages_may_not_be_framed_and_are_not_sniffed(client, network):
    response = client.get("/euromed/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_login_form_has_a_csrf_token(client, db):
    assert 'name="csrfmiddlewaretoken"' in client.get("/accounts/login/").content.decode()


def test_posts_without_csrf_token_are_refused(db, ana):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ana", "password": "x"})
    assert response.status_code == 403


def test_deploy_check_with_production_settings_reports_no_issues(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARNET_", "DATABASE_URL"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by tests/settings.py for browser tests
    env.update(
        CARNET_SECRET_KEY=secrets.token_urlsafe(60),
        CARNET_ALLOWED_HOSTS="carnet.example.org",
        CARNET_VAR_DIR=str(tmp_path),
        CARNET_EMAIL_URL="smtp://carnet:pw@mail.example.org:587?tls=1",
    )
    result = subprocess.run(
        [sys.executable, "-m", "carnet.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    ), result.stderr


def test_the_sites_own_stylesheet_is_served_from_the_same_host(client, network):
    html = client.get("/euromed/").content.decode()
    assert '<link rel="stylesheet" href="/static/carnet/carnet.css">' in html
    response = client.get("/static/carnet/carnet.css")
    assert response.status_code == 200
    assert b":root{" in b"".join(response.streaming_content)
