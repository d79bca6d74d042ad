from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "carnet.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self):
        from carnet.media.registry import register

        from . import rules as library_rules
        from . import search
        from .models import Document

        post_migrate.connect(search.install, sender=self, dispatch_uid="library_search")
        # Library documents are the members'.
        register(Document, "file", readable=library_rules.can_read_file)
