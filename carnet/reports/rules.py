import rules

from carnet.accounts.rules import (
    can_manage,
    can_organise,
    can_read_internal,
    is_own_organisation,
    is_partner_editor,
    is_published,
    is_superuser,
    network_is_published,
)

can_view_report = can_read_internal
can_edit_report = can_organise
can_publish_report = can_manage
can_view_version = is_published | can_read_internal
# A version's PDF and DOCX: public once published in a published network; members before.
can_view_version_file = (is_published & network_is_published) | can_read_internal


@rules.predicate
def version_was_sent(user, version):
    return version.rounds.exists()


# A partner editor answers a review round for their own organisation.
can_answer_round = can_organise | is_partner_editor | is_superuser
can_view_feedback = can_read_internal
can_decide_for_organisation = (is_partner_editor & is_own_organisation) | is_superuser
# Recording an organisation's answer: its editors, or the organisers on its behalf (an answer
# it gave them another way: by phone, at a meeting). The move rule of DECISIONS (enums.py).
can_record_decision = can_decide_for_organisation | can_organise
rules.add_perm("reports.record_decision", can_record_decision)
