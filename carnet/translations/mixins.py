"""Mixed into the models whose texts are translated (no imports: models import it)."""


class Localised:
    """obj.tr: attribute access that answers in the language localise() was given."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        values = self._obj.__dict__.get("_localised", {})
        if name in values:
            return values[name]
        return getattr(self._obj, name)


class Translatable:
    """`{{ era.tr.name }}` shows the name in the language carnet.translations.domain.localise()
    was given for this object (the reference text when it was not called, or not translated)."""

    @property
    def tr(self):
        return Localised(self)
