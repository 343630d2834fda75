"""The people every test is about.

reporter / other_reporter: submit articles, see their own.
editor / editor2: work every claim; editor2 is the "second editor".
chief: the chief editor who assigns and approves.
outsider: can log in, belongs to no newsroom role, must see nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from claims import roles

PASSWORD = "correct-horse-battery-staple"


@dataclass
class Personas:
    reporter: object
    other_reporter: object
    editor: object
    editor2: object
    chief: object
    outsider: object
    admin: object


def make_personas() -> Personas:
    User = get_user_model()

    def user(username, role=None, **extra):
        u = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org", **extra)
        if role:
            # get_or_create: transactional tests flush the groups the data
            # migration made.
            u.groups.add(Group.objects.get_or_create(name=role)[0])
        return u

    return Personas(
        reporter=user("reporter", roles.REPORTER),
        other_reporter=user("other_reporter", roles.REPORTER),
        editor=user("editor", roles.EDITOR),
        editor2=user("editor2", roles.EDITOR),
        chief=user("chief", roles.CHIEF_EDITOR),
        outsider=user("outsider"),
        admin=user("admin", is_staff=True, is_superuser=True),
    )


class PersonaTestCase(TestCase):
    """Base case: the personas above as attributes (self.reporter, ...)."""

    @classmethod
    def setUpTestData(cls):
        people = make_personas()
        for name, value in vars(people).items():
            setattr(cls, name, value)

    def login(self, user):
        self.client.force_login(user)
