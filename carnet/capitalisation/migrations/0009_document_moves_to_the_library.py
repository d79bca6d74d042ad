"""The document library is its own app now (library 0001): the capitalisation forgets the
model; its table stays, and is the library's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("capitalisation", "0008_seed_interview_guide_and_move_expectations"),
        ("library", "0001_initial"),
        ("practices", "0004_documents_in_the_library"),
        ("timeline", "0003_documents_in_the_library"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Document")],
        ),
    ]
