"""State changes that happen once, however many times they are asked for at the same moment.

Two clicks on "Accept", two tabs, two app servers: each request read the object in the
same state and would make the same move (a second version, a second log line, a second
e-mail). move() makes the check and the change one `UPDATE … WHERE state = <what I read>`,
which the database runs one at a time, on PostgreSQL and on SQLite alike (no lock needed):

    if not move(sheet, to=new_state, refused=InvalidTransition(...)):
        return sheet  # the same move was made by a request running beside: nothing more to do
    record(...); notify(...)
"""


def move(obj, *, to, field="state", also=None, refused=None):
    """Move obj from the value of `field` it holds in memory to `to`, and write `also` with it.

    True: this call made the move (obj holds the new values). False: another request made
    this very move first (obj is refreshed); the caller does nothing more. When another
    request moved the object elsewhere meanwhile, raises `refused` (False if none given).
    """
    if getattr(obj, field) == to:
        return False  # already there: asking twice changes nothing
    changes = {field: to, **(also or {})}
    rows = type(obj)._base_manager.filter(pk=obj.pk, **{field: getattr(obj, field)})
    if rows.update(**changes):
        for name, value in changes.items():
            setattr(obj, name, value)
        return True
    obj.refresh_from_db()
    if getattr(obj, field) == to or refused is None:
        return False
    raise refused
