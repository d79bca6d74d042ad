"""Passwords are hashed with Argon2id at OWASP's parameters, and older hashes upgraded."""

from django.contrib.auth import authenticate
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.test import override_settings

from carnet import settings as production

from ..factories import UserFactory


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_new_passwords_use_argon2id_with_owasp_parameters():
    encoded = make_password("correct horse battery staple")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_a_hash_with_djangos_defaults_still_works_and_is_upgraded_at_login(db):
    old = Argon2PasswordHasher().encode("correct horse battery staple", "somesaltvalue1234")
    assert "m=102400,t=2,p=8" in old
    user = UserFactory(username="maria")
    user.password = old
    user.save(update_fields=["password"])
    assert authenticate(username="maria", password="correct horse battery staple") == user
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(username="maria", password="wrong") is None
