"""Password hashing: Argon2id with the parameters OWASP recommends for a web login.

Django's defaults (100 MiB of memory, 8 lanes, 2 passes) cost about 0.2 s of CPU and
100 MiB per login: on a small two-core server shared by a whole network, a handful of
people logging in at once queue behind each other, and fifty would need 5 GiB.
OWASP's Password Storage Cheat Sheet gives Argon2id with 19 MiB, 2 passes and 1 lane as
its first recommended configuration; that is what Carnet uses. Passwords hashed with other
parameters are re-hashed with these at their next login (Django's must_update).
See bench/hashers/run.py for the measured cost of each.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CarnetArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
