from django_tasks import task


@task()
def build_report_version(version_id):
    from .domain import run_build
    from .models import ReportVersion

    version = ReportVersion.objects.select_related("report__network").get(pk=version_id)
    run_build(version)
    return version.status
