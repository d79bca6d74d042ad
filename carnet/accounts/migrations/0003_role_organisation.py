"""A person's organisation moves onto their role in each network.

`User.organisation` was one organisation for every network a person has a role in. Each role
gets the organisation its person had, only where that organisation is (or was) a member of the
role's network; the next migration then drops `User.organisation`.
"""

import django.db.models.deletion
from django.db import migrations, models


def organisation_to_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    Membership = apps.get_model("networks", "Membership")
    members = set(Membership.objects.values_list("network_id", "organisation_id"))
    roles = Role.objects.filter(user__organisation__isnull=False).values_list(
        "pk", "network_id", "user__organisation_id"
    )
    for pk, network_id, organisation_id in roles.iterator():
        if (network_id, organisation_id) in members:
            Role.objects.filter(pk=pk).update(organisation_id=organisation_id)


def organisation_to_people(apps, schema_editor):
    """Backwards: a person gets the organisation of one of their roles (a partner editor's
    first), the best a single field can hold."""
    User = apps.get_model("accounts", "User")
    Role = apps.get_model("accounts", "Role")
    roles = Role.objects.filter(organisation__isnull=False).order_by(
        models.Case(models.When(kind="partner_editor", then=0), default=1), "pk"
    )
    done = set()
    for user_id, organisation_id in roles.values_list("user_id", "organisation_id"):
        if user_id not in done:
            User.objects.filter(pk=user_id).update(organisation_id=organisation_id)
            done.add(user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitations"),
        ("networks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation the person works for in this network.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="roles",
                to="networks.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(organisation_to_roles, organisation_to_people),
    ]
