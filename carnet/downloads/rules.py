"""Who asks for a download, and who takes its file.

A network's archive and static site: its coordinators (and superusers). A backup of the
instance: staff. A file is taken by whoever asked for it, by the network's coordinators
(for a backup, by staff), until it expires; never by anyone else, never publicly.
"""

import rules
from django.utils import timezone

from carnet.accounts.rules import is_coordinator, is_superuser

is_staff = rules.is_staff

# Asked of a network.
can_request_network_download = is_coordinator | is_superuser
rules.add_perm("downloads.request_network_download", can_request_network_download)
# Asked of nothing: the whole instance.
rules.add_perm("downloads.request_backup", is_staff)


@rules.predicate
def is_requester(user, download):
    return user.is_authenticated and download.requested_by_id == user.pk


@rules.predicate
def is_backup(user, download):
    return download.network_id is None


@rules.predicate
def is_kept(user, download):
    return download.expires > timezone.now()


@rules.predicate
def is_ready(user, download):
    return download.state == "done" and bool(download.file)


# A download's `network` is its network (None for a backup): is_coordinator reads it.
can_view_download = is_kept & (
    is_requester | (is_backup & is_staff) | (~is_backup & can_request_network_download)
)
can_take_file = is_ready & can_view_download
