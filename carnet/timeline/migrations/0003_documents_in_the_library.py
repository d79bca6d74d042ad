"""A key moment's sources are documents of the library, which left the capitalisation app
(library 0001): the same table, so only Django's state changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("timeline", "0002_document_sources"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="milestone",
                    name="documents",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Documents of the library this moment rests on.",
                        related_name="milestones",
                        to="library.document",
                        verbose_name="sources",
                    ),
                ),
            ],
        ),
    ]
