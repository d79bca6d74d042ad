"""The lists a network's vocabulary starts from.

NEUTRAL: for every new network, whatever its field (the coordinator adjusts them).
LEGACY: the lists Carnet had hard-coded for anti-trafficking networks; the networks that
existed before the vocabulary became data (and the demo's euromed) keep them.

Keys are what items store and never change; labels are English here (NEUTRAL's marked for
translation, LEGACY's the enums' lazy labels), stored in the network's first content
language when the network is seeded.
"""

from django.utils.translation import gettext_noop as _

from carnet.capitalisation.enums import LearningCategory
from carnet.networks.enums import ReasonCategory
from carnet.practices.enums import Theme

from .enums import TermKind

NEUTRAL = {
    TermKind.THEME: [
        ("prevention", _("Prevention")),
        ("support", _("Support to people")),
        ("advocacy", _("Advocacy")),
        ("partnerships", _("Partnerships")),
        ("training", _("Training")),
        ("research", _("Research")),
        ("communication", _("Communication")),
        ("sustainability", _("Sustainability")),
    ],
    TermKind.LEARNING_CATEGORY: [
        ("join", _("Why join")),
        ("stay", _("Why stay")),
        ("leave", _("Why leave")),
        ("coordination", _("Coordination")),
        ("decision_making", _("Decision-making")),
        ("communication", _("Communication")),
        ("results", _("Results")),
        ("advice", _("Advice")),
        ("method", _("The method itself")),
    ],
    TermKind.REASON_CATEGORY: [
        ("shared_goals", _("Shared goals")),
        ("learning", _("Learning from others")),
        ("visibility", _("Visibility")),
        ("cooperation", _("Cooperation")),
        ("resources", _("Resources")),
        ("priorities", _("Other priorities")),
        ("other", _("Other")),
    ],
    TermKind.MOMENT_TAG: [
        ("meeting", _("Meeting")),
        ("training", _("Training")),
        ("publication", _("Publication")),
        ("event", _("Event")),
        ("milestone", _("Milestone")),
    ],
}

# The lists Carnet had hard-coded before (practices Theme, capitalisation LearningCategory,
# networks ReasonCategory): their keys are what older items and archives store, so those
# enums keep them unchanged. Moment tags were free text: the migration and the demo make
# terms of those in use.
LEGACY = {
    TermKind.THEME: Theme.choices,
    TermKind.LEARNING_CATEGORY: LearningCategory.choices,
    TermKind.REASON_CATEGORY: ReasonCategory.choices,
    TermKind.MOMENT_TAG: [],
}
