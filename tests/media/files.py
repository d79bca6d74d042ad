"""Files saved the way uploads are, for the media tests and the permission matrix."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from carnet.lib.uploads import random_path, variant_name


def stored(folder, name, content=b"private bytes"):
    """A file saved the way uploads are: folder/<random>/name."""
    return default_storage.save(random_path(folder, name), ContentFile(content))


def stored_image(folder):
    """An image and its smaller copies, as carnet.lib.uploads.store_image leaves them."""
    name = stored(folder, "photo.jpg", b"\xff\xd8\xff image")
    for width in (480, 960):
        default_storage.save(variant_name(name, width), ContentFile(b"\xff\xd8\xff small"))
    return name
