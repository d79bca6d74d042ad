import factory

from carnet.library.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    text = "Annual report of the network."
    extraction = "done"
    file_kind = "txt"
