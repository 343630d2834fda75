"""Schema-driven fuzzing of the REST API with schemathesis, in process through Django's WSGI app.

Every operation in our own OpenAPI schema (/api/schema/) gets a bounded number
of generated requests. Each one is sent twice, with a reporter's token and an
editor's: never a 500, the response matches the schema where it documents one,
and the reporter never receives anything from another reporter's article.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from factcheck.wsgi import application
from tests.personas import make_personas
from tests.report_data import add_claim, add_evidence, ensure_scale, make_article

# Text that exists only in the other reporter's article: it must never reach the reporter.
SECRET_TITLE = "Zanzibar ledger inquiry 7f3q"
SECRET_CLAIM = "The harbour authority hid 913 million dinars."
EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def world(db):
    """Personas with tokens, one article for the reporter and one for another reporter."""
    people = make_personas()
    ensure_scale()
    mine = make_article(people.reporter, body="The mayor said 40 new buses arrived in May.", title="Buses")
    claim = add_claim(mine, "40 new buses arrived in May.")
    add_evidence(claim)
    theirs = make_article(people.other_reporter, body=f"Report. {SECRET_CLAIM}", title=SECRET_TITLE,
                          url="https://news.example.org/harbour")
    add_evidence(add_claim(theirs, SECRET_CLAIM), url="https://stats.example.org/harbour", title="Harbour")
    tokens = {name: Token.objects.create(user=getattr(people, name)).key for name in ("reporter", "editor")}
    return {"people": people, "tokens": tokens, "theirs": theirs}


@pytest.fixture
def in_process_wsgi():
    """The real WSGI handler inside a test transaction: as Django's test client does,
    keep it from closing the test's database connection at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, in_process_wsgi):
    return schemathesis.openapi.from_wsgi(
        "/api/schema/", in_process_wsgi, headers={"Authorization": f"Token {world['tokens']['editor']}"})


schema = schemathesis.pytest.from_fixture("api_schema")
CHECKS = [response_schema_conformance, content_type_conformance]


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_it_never_fails_and_never_leaks(case, world):
    for persona in ("editor", "reporter"):
        headers = {"Authorization": f"Token {world['tokens'][persona]}"}
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{persona}: {case.method} {case.formatted_path} -> " \
                                            f"{response.status_code}\n{response.text[:2000]}"
        if response.status_code < 400:
            case.validate_response(response, checks=CHECKS, headers=headers)
        if persona == "reporter":
            body = response.content.decode("utf-8", "replace")
            assert SECRET_TITLE not in body and SECRET_CLAIM not in body, \
                f"reporter saw another reporter's article via {case.method} {case.formatted_path}"


READABLE = ["/api/articles/{article}/", "/api/claims/{claim}/", "/api/claims/{claim}/evidence/",
            "/api/articles/{article}/report/json/", "/api/articles/{article}/report/csv/",
            "/api/claims/{claim}/report/markdown/", "/api/claims/{claim}/claimreview/"]


@pytest.mark.parametrize("template", READABLE)
def test_a_reporter_gets_404_for_another_reporters_article_everywhere(client, world, template):
    # The fuzzer rarely guesses the right ids; these are the ids that matter.
    theirs = world["theirs"]
    url = template.format(article=theirs.pk, claim=theirs.claims.get().pk)

    response = client.get(url, HTTP_AUTHORIZATION=f"Token {world['tokens']['reporter']}")

    assert response.status_code == 404
    assert SECRET_TITLE not in response.content.decode() and SECRET_CLAIM not in response.content.decode()
    assert "detail" in response.json()
