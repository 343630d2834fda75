"""Django's makemessages, also reading `L(...)` as a translatable string.

claims/workflow.py writes its action labels as `L("Approve and publish")`
(`L = gettext_lazy`, so the transition table stays one row a line). Django's
command has no --keyword option; overriding `xgettext_options` is its
documented way to add one.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=L"]
