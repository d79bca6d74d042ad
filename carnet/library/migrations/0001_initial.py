"""The document library moves out of the capitalisation app, without touching its data.

The model keeps its table (capitalisation_document, with its search index and triggers):
this migration only tells Django's state that the model is now library.Document, and
renames its content type (and the queued text extractions' task), so that evidence, the action log, flags and permissions that
point to documents keep pointing to them. Its companions: timeline 0003 and practices
0004 (their sources now point here), capitalisation 0009 (forgets the model).
"""

import django.db.models.deletion
import rules.contrib.models
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    moving = ContentType.objects.filter(app_label=old, model="document").first()
    if moving is None:  # a new database: the content type is made after migrating
        return
    # A row under the new name can only be an empty one, made after a migrate that knew the
    # new app and not yet this migration: nothing points to it but its default permissions.
    ContentType.objects.filter(app_label=new, model="document").delete()
    moving.app_label = new
    moving.save(update_fields=["app_label"])


def rename_task(apps, old, new):
    """Text extractions still queued name their task by its module: it moved too."""
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    task = "tasks.extract_document_text"
    DBTaskResult.objects.filter(task_path=f"carnet.{old}.{task}").update(
        task_path=f"carnet.{new}.{task}"
    )


def forwards(apps, schema_editor):
    rename_content_type(apps, "capitalisation", "library")
    rename_task(apps, "capitalisation", "library")


def backwards(apps, schema_editor):
    rename_content_type(apps, "library", "capitalisation")
    rename_task(apps, "library", "capitalisation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("capitalisation", "0008_seed_interview_guide_and_move_expectations"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0001_initial"),
        ("networks", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Document",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="title")),
                        ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("report", "Report"),
                                    ("minutes", "Minutes"),
                                    ("project", "Project document"),
                                    ("evaluation", "Evaluation"),
                                    ("other", "Other"),
                                ],
                                default="report",
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "tags",
                            models.CharField(
                                blank=True,
                                help_text="Comma-separated, e.g. advocacy, UN.",
                                max_length=300,
                                verbose_name="tags",
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                blank=True, max_length=300, upload_to="documents/", verbose_name="file"
                            ),
                        ),
                        ("file_kind", models.CharField(blank=True, max_length=10)),
                        ("text", models.TextField(blank=True, verbose_name="text")),
                        (
                            "extraction",
                            models.CharField(
                                choices=[
                                    ("pending", "Text extraction waiting"),
                                    ("done", "Text extracted"),
                                    ("empty", "No text found"),
                                    ("failed", "Text could not be extracted"),
                                ],
                                default="pending",
                                max_length=20,
                                verbose_name="text extraction",
                            ),
                        ),
                        ("extraction_error", models.CharField(blank=True, max_length=300)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="networks.network",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="documents",
                                to="networks.organisation",
                                verbose_name="organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "document",
                        "verbose_name_plural": "documents",
                        "db_table": "capitalisation_document",
                        "ordering": ["-date", "title", "id"],
                    },
                    bases=(rules.contrib.models.RulesModelMixin, models.Model),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
