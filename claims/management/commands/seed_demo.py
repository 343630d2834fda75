"""Create the demo accounts and articles that `make run` shows.

The articles are written for this project (claims/demo/); they are not
copied from any outlet. Running it twice changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from claims import roles, services
from claims.models import Article

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"

# (username, password, role, first name) — demo only; printed for the user.
DEMO_USERS = [
    ("reporter", "reporter-demo", roles.REPORTER, "Rana"),
    ("editor", "editor-demo", roles.EDITOR, "Omar"),
    ("editor2", "editor2-demo", roles.EDITOR, "Lina"),
    ("chief", "chief-demo", roles.CHIEF_EDITOR, "Karim"),
    ("admin", "admin-demo", None, "Admin"),
]

DEMO_ARTICLES = [
    ("ar_article.txt", "ar", "الشرق اليوم"),
    ("en_article.txt", "en", "Riverside Herald"),
]


class Command(BaseCommand):
    help = "Create demo accounts (reporter, two editors, a chief editor, an admin) and two demo articles."

    def handle(self, *args, **options):
        users = self._create_users()
        reporter = users["reporter"]
        for filename, language, outlet in DEMO_ARTICLES:
            text = (DEMO_DIR / filename).read_text(encoding="utf-8")
            title, _, body = text.partition("\n\n")
            if Article.objects.filter(title=title.strip(), submitted_by=reporter).exists():
                continue
            with transaction.atomic():
                article = services.submit_article_text(
                    by=reporter, title=title.strip(), body=body.strip() + "\n", outlet=outlet, language=language
                )
            # Extract now so the demo is ready before the worker starts; the
            # queued task then finds the article finished and does nothing.
            services.extract_claims(article_id=article.pk)
        self.stdout.write(self.style.SUCCESS("Demo logins (user / password):"))
        for username, password, role, _name in DEMO_USERS:
            self.stdout.write(f"  {username:<9} / {password:<14} {role or 'admin (superuser)'}")

    def _create_users(self):
        User = get_user_model()
        users = {}
        for username, password, role, first_name in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first_name, "email": f"{username}@example.org"}
            )
            if created:
                user.set_password(password)
                if role is None:
                    user.is_staff = user.is_superuser = True
                user.save()
                if role:
                    user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users
