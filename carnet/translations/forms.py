from django import forms


def field_name(obj, text):
    return f"{obj.pk}:{text.field}"


class KindForm(forms.Form):
    """Every text of one kind for one language: a field per text, and beside each a hidden
    copy of the reference text shown, so that a translation saved after the reference changed
    is stored against what the translator read (and shows as outdated)."""

    def __init__(self, *args, items, translations, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        for obj, texts in items:
            rows = []
            for text in texts:
                name = field_name(obj, text)
                current = translations.get((str(obj.pk), text.field))
                widget = (
                    forms.Textarea(attrs={"rows": 4, "lang": language, "dir": "auto"})
                    if text.long
                    else forms.TextInput(attrs={"lang": language, "dir": "auto"})
                )
                self.fields[name] = forms.CharField(
                    label=text.label,
                    required=False,
                    initial=current.text if current else "",
                    widget=widget,
                    max_length=20000,
                )
                self.fields[f"source:{name}"] = forms.CharField(
                    required=False, strip=False, widget=forms.HiddenInput, initial=text.reference
                )
                rows.append((text, name))
            self.items.append((obj, rows))

    def bound_items(self, kind):
        """For the template: each object, its title and anchor, and its rows (the Text, its
        bound field, the bound hidden source field)."""
        return [
            {
                "obj": obj,
                "title": kind.title(obj),
                "anchor": kind.anchor(obj),
                "rows": [(text, self[name], self[f"source:{name}"]) for text, name in rows],
            }
            for obj, rows in self.items
        ]

    def values(self):
        values, sources = {}, {}
        for obj, rows in self.items:
            for text, name in rows:
                key = (str(obj.pk), text.field)
                if name not in self.data:
                    continue  # not sent (e.g. a text added since the page was shown): kept
                values[key] = self.cleaned_data.get(name, "")
                source = self.cleaned_data.get(f"source:{name}")
                if source is not None and f"source:{name}" in self.data:
                    sources[key] = source.replace("\r\n", "\n")
        return values, sources
