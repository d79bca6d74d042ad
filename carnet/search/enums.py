from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What the network's search finds, in the order its results are grouped."""

    SHEET = "sheet", _("Good-practice sheets")
    LEARNING = "learning", _("Learnings")
    MOMENT = "moment", _("Key moments")
    INTERVIEW = "interview", _("Interviews")
    DOCUMENT = "document", _("Documents")
    SESSION = "session", _("Workshop sessions")
    CHAPTER = "chapter", _("Report chapters")
    COMMENT = "comment", _("Comments on sheets")
