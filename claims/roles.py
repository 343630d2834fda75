"""The newsroom roles, kept as Django groups.

reporter: submits articles and sees their own.
editor: sees every article and works every claim.
chief_editor: an editor who may also assign and approve.
Superusers (admin) may do everything. A user in no group is an outsider: they
can log in but see nothing.
"""

REPORTER = "reporter"
EDITOR = "editor"
CHIEF_EDITOR = "chief_editor"
ALL_ROLES = (REPORTER, EDITOR, CHIEF_EDITOR)


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_factcheck_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._factcheck_roles = cached
    return cached


def is_reporter(user) -> bool:
    return user.is_superuser or REPORTER in roles_of(user)


def is_editor(user) -> bool:
    """Editors and chief editors both work claims."""
    return user.is_superuser or bool(roles_of(user) & {EDITOR, CHIEF_EDITOR})


def is_chief_editor(user) -> bool:
    return user.is_superuser or CHIEF_EDITOR in roles_of(user)


def can_submit(user) -> bool:
    return is_reporter(user) or is_editor(user)
