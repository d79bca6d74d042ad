from carnet.accounts.rules import (  # noqa: F401 - re-exported for the models' Meta
    can_manage,
    can_read_internal,
    is_member,
    is_published,
    is_superuser,
)

can_view_network = is_published | is_member | is_superuser
