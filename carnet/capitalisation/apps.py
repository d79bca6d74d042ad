from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CapitalisationConfig(AppConfig):
    name = "carnet.capitalisation"
    label = "capitalisation"
    verbose_name = _("Capitalisation")

    def ready(self):
        from . import evidence, search

        post_migrate.connect(search.install, sender=self, dispatch_uid="capitalisation_search")
        evidence.register_defaults()
