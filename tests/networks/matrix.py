from ..matrix import PUBLIC, Route, network_kwargs

ROUTES = [
    Route("home", kwargs=None, get={"*": 200}),
    Route("networks:detail", kwargs=network_kwargs, get=PUBLIC),
]
