"""The `carnet` command: Django's management commands plus Carnet's own.

Configuration and database errors end with one clear line and a non-zero
exit, never a traceback.
"""

import os
import sys


def fail(message, code=2):
    sys.stderr.write(f"carnet: {message}\n")
    sys.exit(code)


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "carnet"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    if len(argv) > 1 and argv[1] == "worker":
        argv[1] = "db_worker"  # the task worker of django_tasks_db, under a shorter name
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is a developer's tool: debug on, secret key generated in var/.
        os.environ.setdefault("CARNET_DEBUG", "true")

    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - loads and validates the settings now
    except ImproperlyConfigured as exc:
        fail(f"configuration error: {exc}")

    from django.core.management import execute_from_command_line
    from django.db import DatabaseError, InterfaceError, OperationalError

    try:
        if len(argv) > 1 and argv[1] == "serve":
            import django

            django.setup()
            from carnet.serve import serve

            if problem := serve(argv[2:]):
                fail(problem)
        else:
            execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        fail(f"configuration error: {exc}")
    except (OperationalError, InterfaceError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail(f"cannot use the database (check DATABASE_URL): {first_line}")
    except DatabaseError as exc:
        fail(f"database error: {str(exc).strip().splitlines()[0]}")
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
