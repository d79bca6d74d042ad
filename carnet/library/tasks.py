"""Background work of the library, run by `carnet db_worker`."""

from django_tasks import task


@task()
def extract_document_text(document_id):
    from . import domain
    from .models import Document

    document = Document.objects.filter(pk=document_id).first()
    if document is None:  # deleted in the meantime
        return None
    return domain.extract_text(document)
