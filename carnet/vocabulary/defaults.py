"""The lists a network's vocabulary starts from.

NEUTRAL: for every new network, whatever its field (the coordinator adjusts them).
LEGACY: the lists Carnet had hard-coded for anti-trafficking networks; the networks that
existed before the vocabulary became data (and the demo's euromed) keep them.

Keys are what items store and never change; labels are English here, stored in the
network's first content language when the network is seeded.
"""

from django.utils.translation import gettext_noop as _

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

# Frozen copies of the enums Carnet had before (practices Theme, capitalisation
# LearningCategory, networks ReasonCategory): the same keys and English labels.
LEGACY = {
    TermKind.THEME: [
        ("identification", _("Identification of victims")),
        ("prevention", _("Prevention")),
        ("support", _("Support to victims")),
        ("advocacy", _("Advocacy")),
        ("capacity", _("Capacity building")),
        ("coordination", _("Coordination")),
        ("decision", _("Decision-making")),
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
        ("result_knowledge", _("Results: knowledge transfer")),
        ("result_activities", _("Results: new activities")),
        ("result_links", _("Results: new links")),
        ("result_advocacy", _("Results: advocacy")),
        ("result_joint_projects", _("Results: joint projects")),
        ("advice_developing", _("Advice: developing a network")),
        ("advice_links", _("Advice: links between members")),
        ("advice_activities", _("Advice: activities")),
        ("method", _("The method itself")),
    ],
    TermKind.REASON_CATEGORY: [
        ("shared_diagnosis", _("A shared diagnosis of the situation")),
        ("strengthen_knowledge", _("Wanting to strengthen knowledge")),
        ("share_experience", _("Wanting to share experience")),
        ("join_midway", _("Possible to join mid-way")),
        ("growing_needs", _("Growing needs")),
        ("knowledge", _("More knowledge")),
        ("national_visibility", _("National visibility")),
        ("cooperation_authorities", _("Cooperation with authorities")),
        ("international_bodies", _("Regional and international bodies")),
        ("other_ngos", _("Cooperation with other NGOs")),
        ("no_funding", _("No national project for lack of funding")),
        ("other_priorities", _("Other national priorities")),
        ("implementation_difficulties", _("Difficulties running the project in the country")),
        ("other", _("Other")),
    ],
    # Moment tags were free text: the migration and the demo make terms of those in use.
    TermKind.MOMENT_TAG: [],
}
