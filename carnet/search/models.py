"""The network's search index: one row per searchable text of the network's content.

A row holds the words of one thing (a sheet, a learning, an interview's notes, a key
moment in one language…) as the search engine reads them (`words`: stems and folded
words, carnet.lib.textsearch) and as people read them (`title`, `text`, for the
passage shown). Rows are written when their object is saved or deleted
(carnet.search.index); the engine's own index over `words` is kept by the database
(SQLite FTS5 triggers, a PostgreSQL generated tsvector: carnet.search.engine).
Who may see a row is never stored here: it is asked of the object's own rules
(carnet.search.kinds) at every search.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Kind


class Entry(models.Model):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="search_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Which text of the object: "" for its main text, "notes" for an interview's notes,
    # a language code for a key moment's translation.
    part = models.CharField(max_length=20, blank=True)
    organisation = models.ForeignKey(
        "networks.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    words = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "part"], name="search_entry_unique"
            )
        ]
        indexes = [
            models.Index(fields=["network", "kind"], name="search_entry_network_kind"),
            # A kind's newest rows of a network first: the search's candidates (engine.py).
            models.Index(fields=["network", "kind", "-id"], name="search_entry_newest"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.part}".strip()
