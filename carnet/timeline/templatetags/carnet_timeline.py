from django import template

from carnet.lib import markdown as md

register = template.Library()


@register.filter
def markdown(text):
    return md.render(text)
