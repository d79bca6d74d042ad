from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from carnet.networks.domain import create_network, grant_create_right


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
        try:
            user = grant_create_right(email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(_("%(user)s may now create networks") % {"user": user.get_username()})
