"""Walk every URL pattern as every persona, on own / other organisation / other network.

A URL without its Route in a tests/<app>/matrix.py fails here: a new view must
say who may use it. See tests/matrix.py for how routes are written, and
docs/permissions.md for the matrix in words.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from carnet.accounts.models import Action

from .matrix import PERSONAS, PUBLISHED_TARGETS, TARGETS

EXCLUDED_NAMESPACES = {"admin"}  # the admin: staff only, tested in tests/accounts/test_admin.py


def route_modules():
    for path in sorted(Path(__file__).parent.glob("*/matrix.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.matrix")


ROUTES = [route for module in route_modules() for route in module.ROUTES]


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            yield from url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern}>"
            )


def test_every_url_pattern_has_its_route_in_the_matrix():
    discovered = set(url_names())
    listed = {route.name for route in ROUTES}
    assert sorted(discovered - listed) == [], "URLs without a route in a tests/*/matrix.py"
    assert sorted(listed - discovered) == [], "routes in the matrix that no URL has"


def build_world(network, other_network, org_a, org_b, org_c, personas, oscar):
    """The objects every route is asked about: each app's `build` adds its triples."""
    world = {
        "network": {"a": network, "b": network, "c": other_network},
        "organisation": {"a": org_a, "b": org_b, "c": org_c},
        "oscar": oscar,
        **personas,
    }
    for module in route_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


@pytest.fixture
def world(network, other_network, org_a, org_b, org_c, personas, oscar):
    return build_world(network, other_network, org_a, org_b, org_c, personas, oscar)


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_permission_matrix(route, world):
    failures = []
    targets = TARGETS + [t for t in PUBLISHED_TARGETS if t in world[route.target]]
    for target in targets:
        obj = world[route.target][target]
        for persona in PERSONAS:
            for method in ("get", "post"):
                # Built for each request: a route may need a fresh object (e.g. to delete).
                url = reverse(route.name, kwargs=route.kwargs(obj) if route.kwargs else None)
                client = Client()
                if persona != "anonymous":
                    client.force_login(world[persona])
                before = row_counts() if method == "post" else None
                actions_before = Action.objects.count()
                response = getattr(client, method)(url)
                expected = route.expected(method, persona)[
                    (TARGETS + PUBLISHED_TARGETS).index(target)
                ]
                if response.status_code != expected:
                    failures.append(
                        f"{method.upper()} {url} as {persona}: {response.status_code}, "
                        f"expected {expected}"
                    )
                if method == "post" and response.status_code in (302, 403, 404, 405):
                    if expected in (403, 404, 405) and row_counts() != before:
                        failures.append(f"POST {url} as {persona} was refused but changed data")
                    if expected != 302 and Action.objects.count() != actions_before:
                        failures.append(f"POST {url} as {persona} was refused but logged")
    assert failures == []


def test_the_admin_is_for_staff_only(client, world):
    for persona in [p for p in PERSONAS if p != "anonymous"]:
        client.force_login(world[persona])
        response = client.get("/admin/")
        assert response.status_code == 302, persona
        assert response["Location"].startswith("/admin/login/")
