"""A persona test case whose client speaks to the API with tokens."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.personas import PersonaTestCase


class APITestCase(PersonaTestCase):
    client_class = APIClient

    def as_user(self, user):
        """Authenticate the client with `user`'s API token (no session)."""
        token, _ = Token.objects.get_or_create(user=user)
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return self.client
