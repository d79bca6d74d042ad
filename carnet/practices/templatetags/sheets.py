from django import template

from carnet.lib.markdown import render

register = template.Library()


@register.filter
def markdown(text):
    return render(text)


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if mapping else ""
