from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from carnet.accounts.models import User
from carnet.networks.domain import create_network


class Command(BaseCommand):
    help = "Create networks, and grant the right to create them, from the host."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser(
            "create", help="Create an unpublished network with its first exercise."
        )
        create.add_argument("slug", help="The network's address, e.g. euromed.")
        create.add_argument("--name", required=True, help="The network's name.")
        create.add_argument(
            "--coordinator",
            required=True,
            help="Its coordinator's e-mail: a role when they have an account, else an invitation.",
        )
        create.add_argument("--description", default="")
        create.add_argument("--languages", default="en", help="Content languages, e.g. en, fr.")
        grant = commands.add_parser("grant", help="Let a person create networks in the browser.")
        grant.add_argument("email", help="The person's e-mail address.")

    def handle(self, *args, action, **options):
        if action == "grant":
            return self.grant(options["email"])
        try:
            network = create_network(
                name=options["name"],
                slug=options["slug"],
                description=options["description"],
                languages=options["languages"],
                coordinator_email=options["coordinator"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Created the network %(name)s at /%(slug)s/ (unpublished)")
            % {"name": network.name, "slug": network.slug}
        )

    def grant(self, email):
        users = list(User.objects.filter(email__iexact=email.strip())[:2])
        if len(users) != 1:
            message = (
                _("No account with the e-mail “%(email)s”")
                if not users
                else _("Several accounts have the e-mail “%(email)s”")
            )
            raise CommandError(message % {"email": email})
        users[0].user_permissions.add(
            Permission.objects.get(content_type__app_label="networks", codename="create_network")
        )
        self.stdout.write(_("%(user)s may now create networks") % {"user": users[0].get_username()})
