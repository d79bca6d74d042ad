"""Shared fixtures: the personas of DESIGN.md and the world they live in.

Network "euromed" has organisations A (Ana's) and B (Bora's); Claire coordinates,
Farid facilitates, Vera views. Network "other" is somebody else's network, with
its own organisation C and coordinator Oscar. Nina has roles in both: a viewer in euromed,
the partner editor of organisation A (a member of both networks) in the other.
"""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from carnet.accounts.enums import RoleKind
from carnet.lib import catalogs
from carnet.networks.enums import MembershipRole

from .factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)
from .mt_service import service  # noqa: F401 - a translation service on 127.0.0.1, a fixture

# Property tests (tests/*/test_*fuzz.py) run against a real database: no deadline, and the
# database fixtures are function-scoped on purpose.
hypothesis_settings.register_profile(
    "carnet",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("carnet")


def pytest_configure(config):
    catalogs.compile()  # the French pages need the compiled catalogs


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


# The one test of what the demo holds that CI also runs on PostgreSQL: it loads the demo
# twice there (the others read what the same loader wrote, on SQLite).
DEMO_ON_EVERY_ENGINE = "tests/demo/test_loader.py"
# Tests that take minutes: they start first, so that the parallel workers share the rest
# (at the end of the run, one of them would wait for the other).
LONG = ("tests/test_every_page_on_a_phone.py",)


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium (it asks for Playwright's `page`) is a browser test,
    marked or not: CI runs them on SQLite only (`.ci/run`). A test that cannot reach the
    database (pytest-django refuses it without one of DATABASE_FIXTURES or the django_db mark)
    is marked `nodb`: its result does not depend on the engine, so CI's PostgreSQL run skips it.
    A test of what the demo holds (tests/demo/, a *_demo.py such as test_demo.py) is marked `demo`:
    CI's PostgreSQL run skips those too, but for DEMO_ON_EVERY_ENGINE."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        path = item.nodeid.split("::")[0]
        if "page" in fixtures:
            item.add_marker(pytest.mark.browser)
        if not fixtures & DATABASE_FIXTURES and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.nodb)
        demo = path.startswith("tests/demo/") or path.endswith("_demo.py")  # test_demo.py too
        if demo and path != DEMO_ON_EVERY_ENGINE:
            item.add_marker(pytest.mark.demo)
    items.sort(key=lambda item: not item.nodeid.startswith(LONG))  # a stable sort


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages are cached, e.g. the public timeline)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: Django's LocaleMiddleware leaves the language of the last
    request active in the thread (a French page would make the next test's e-mails French)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def network(db):
    return NetworkFactory(slug="euromed", name="Euro-Mediterranean network")


@pytest.fixture
def org_a(network):
    org = OrganisationFactory(name="Caritas Albania", country="AL")
    MembershipFactory(network=network, organisation=org, joined_on=datetime.date(2011, 3, 1))
    return org


@pytest.fixture
def org_b(network):
    org = OrganisationFactory(name="Caritas Armenia", country="AM", city="Gyumri")
    MembershipFactory(
        network=network,
        organisation=org,
        joined_on=datetime.date(2012, 6, 1),
        left_on=datetime.date(2016, 12, 31),
        role=MembershipRole.MEMBER,
    )
    return org


@pytest.fixture
def other_network(db):
    return NetworkFactory(slug="other", name="Another network", is_published=False)


@pytest.fixture
def org_c(other_network):
    org = OrganisationFactory(name="Caritas Elsewhere", country="FR")
    MembershipFactory(network=other_network, organisation=org)
    return org


def _persona(username, network, kind, organisation=None):
    """A person with a role in network; organisation: the one they work for there."""
    user = UserFactory(username=username, display_name=username.title())
    RoleFactory(user=user, network=network, kind=kind, organisation=organisation)
    return user


@pytest.fixture
def claire(network):
    return _persona("claire", network, RoleKind.COORDINATOR)


@pytest.fixture
def farid(network):
    return _persona("farid", network, RoleKind.FACILITATOR)


@pytest.fixture
def ana(network, org_a):
    return _persona("ana", network, RoleKind.PARTNER_EDITOR, org_a)


@pytest.fixture
def bora(network, org_b):
    return _persona("bora", network, RoleKind.PARTNER_EDITOR, org_b)


@pytest.fixture
def vera(network):
    return _persona("vera", network, RoleKind.VIEWER)


@pytest.fixture
def oscar(other_network, org_c):
    return _persona("oscar", other_network, RoleKind.COORDINATOR, org_c)


@pytest.fixture
def nina(network, other_network, org_a):
    """Two networks, two organisations: a viewer in euromed (none there), and in the other
    network the partner editor of organisation A, a member there too. What she may do for A
    in the other network must never count in euromed."""
    MembershipFactory(network=other_network, organisation=org_a)
    user = _persona("nina", network, RoleKind.VIEWER)
    RoleFactory(user=user, network=other_network, kind=RoleKind.PARTNER_EDITOR, organisation=org_a)
    return user


@pytest.fixture
def personas(claire, farid, ana, bora, vera, nina):
    return {
        "claire": claire,
        "farid": farid,
        "ana": ana,
        "bora": bora,
        "vera": vera,
        "nina": nina,
    }


# Browser tests: Debian's Chromium, never a downloaded browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


# Accessibility audits: axe-core from npm, installed next to this file on first use
# (node_modules is not committed).
AXE_VERSION = "4.14.1"
AXE_DIR = Path(__file__).parent / "node_modules" / "axe-core"


@pytest.fixture(scope="session")
def axe_source():
    script = AXE_DIR / "axe.min.js"
    if not script.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is needed to install axe-core for the accessibility audit")
        subprocess.run(
            ["npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
             "--prefix", str(Path(__file__).parent), f"axe-core@{AXE_VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )  # fmt: skip
    return script.read_text()


@pytest.fixture
def axe_violations(axe_source):
    """axe_violations(page): the WCAG 2.2 AA violations on the page, as (rule, targets)."""

    def run(page):
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
        )
        return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]

    return run
