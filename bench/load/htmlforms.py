"""The fields of an HTML form as a browser submits them (for the locustfile and run.py)."""

import re
from html.parser import HTMLParser


class FormParser(HTMLParser):
    """The fields of the form that contains `marker` (a field name), as a browser submits them."""

    def __init__(self, marker):
        super().__init__()
        self.marker, self.forms, self.current, self.textarea, self.select = (
            marker,
            [],
            None,
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self.current)
        elif self.current is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current["fields"].append((a["name"], a.get("value", "on")))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select[1] is None:
                self.select[1] = value
            if "selected" in a:
                self.select[2] = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.current["fields"].append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, first, chosen = self.select
            self.current["fields"].append((name, chosen if chosen is not None else first or ""))
            self.select = None
        elif tag == "form":
            self.current = None

    def form(self):
        for form in self.forms:
            if any(name == self.marker for name, _value in form["fields"]):
                return form
        return None


def form_fields(html, marker):
    parser = FormParser(marker)
    parser.feed(html)
    return parser.form()


def csrf(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""
