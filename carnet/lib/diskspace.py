"""Room for uploads: a quota for MEDIA_ROOT and a floor of free disk space.

Call `check_room_for(size)` before storing an upload of `size` bytes. It raises
`NoRoomForUpload` (a ValidationError with a clear message) when storing it would take
MEDIA_ROOT past CARNET_MEDIA_QUOTA_MB (0: no quota) or leave less than
CARNET_MEDIA_MIN_FREE_MB free on its disk. Media on S3-compatible storage are not checked.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024


class NoRoomForUpload(ValidationError):
    pass


def used_bytes(root):
    """Bytes taken by the files under root (0 when it does not exist yet)."""
    total = 0
    for folder, _folders, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except FileNotFoundError:  # removed while we walked
                continue
    return total


def existing_parent(path):
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_room_for(size, *, root=None, quota_mb=None, min_free_mb=None):
    """Raise NoRoomForUpload unless a file of `size` bytes fits; the keyword arguments
    default to MEDIA_ROOT, MEDIA_QUOTA_MB and MEDIA_MIN_FREE_MB."""
    if root is None:
        if not isinstance(storages["default"], FileSystemStorage):
            return
        root = settings.MEDIA_ROOT
    quota = (settings.MEDIA_QUOTA_MB if quota_mb is None else quota_mb) * MB
    floor = (settings.MEDIA_MIN_FREE_MB if min_free_mb is None else min_free_mb) * MB
    if quota > 0:
        left = max(quota - used_bytes(root), 0)
        if size > left:
            raise NoRoomForUpload(
                _(
                    "There is no room for this file (%(size)s): the space for files on this "
                    "site (%(quota)s) has %(left)s left. Remove files you no longer need, or "
                    "ask the site's administrator for more space."
                )
                % {
                    "size": filesizeformat(size),
                    "quota": filesizeformat(quota),
                    "left": filesizeformat(left),
                },
                code="quota",
            )
    free = shutil.disk_usage(existing_parent(root)).free
    if free - size < floor:
        raise NoRoomForUpload(
            _(
                "The server's disk is almost full, so this file (%(size)s) cannot be stored. "
                "Please tell the site's administrator."
            )
            % {"size": filesizeformat(size)},
            code="disk_full",
        )
