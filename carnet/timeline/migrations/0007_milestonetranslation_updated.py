import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("timeline", "0006_timelinejs_fields")]

    operations = [
        migrations.AddField(
            model_name="milestonetranslation",
            name="updated",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
