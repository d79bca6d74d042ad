"""Free names: a slug or a username not taken yet, by adding -2, -3… to the wanted one."""

import itertools


def first_free(wanted, is_taken, *, max_length=None):
    """`wanted` if is_taken(wanted) is false, else the first free `wanted-2`, `wanted-3`…,
    cut so that it fits in max_length."""
    if not is_taken(wanted):
        return wanted
    for number in itertools.count(2):
        suffix = f"-{number}"
        candidate = (wanted[: max_length - len(suffix)] if max_length else wanted) + suffix
        if not is_taken(candidate):
            return candidate
