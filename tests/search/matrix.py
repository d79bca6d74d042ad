"""Who may use the network's search: whoever may see the network (each result is then
checked against its own page's rule, see tests/search/test_permissions.py)."""

from ..matrix import PUBLIC, Route, network_kwargs

ROUTES = [Route("search:search", kwargs=network_kwargs, get=PUBLIC)]
