"""A sheet's sources are documents of the library, which left the capitalisation app
(library 0001): the same table, so only Django's state changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("practices", "0003_review_note_and_rejection_reason"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="sheet",
                    name="documents",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Documents of the library this sheet rests on.",
                        related_name="sheets",
                        to="library.document",
                        verbose_name="sources",
                    ),
                ),
            ],
        ),
    ]
