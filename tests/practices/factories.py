from carnet.practices import domain

TEXT = {
    "summary": "Caritas trained 120 social workers to identify victims of trafficking.",
    "context": "Few professionals knew the signs of trafficking in our country.",
    "activities": "- Trainings in five cities\n- A guide for social workers",
    "impact": "The network gave us knowledge and visibility with the authorities.",
    "advice": "Start from the needs and motivation of the base.",
}


def make_sheet(*, network, organisation, by, title="Identifying victims together", **kwargs):
    """A sheet made the way the application makes it (with its first version)."""
    content = kwargs.pop("content", dict(TEXT))
    return domain.create_sheet(
        network=network, organisation=organisation, by=by, title=title, content=content, **kwargs
    )
