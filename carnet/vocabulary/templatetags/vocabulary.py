"""Show a stored key as the network's word:

{{ learning.category|term_label:category_labels }}   (a labels() dict from the view)
{% term network "learning_category" learning.category %}   (one object: one query)
"""

from django import template
from django.utils.translation import get_language

from carnet.vocabulary import domain

register = template.Library()


@register.filter
def term_label(key, mapping):
    return domain.label_of(mapping or {}, key)


@register.filter
def term_labels(keys, mapping):
    return [domain.label_of(mapping or {}, key) for key in keys or ()]


@register.simple_tag
def term(network, kind, key):
    return domain.label_of(domain.labels(network, kind, language=get_language()), key)
