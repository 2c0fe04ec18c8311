"""Schemathesis over every operation of the OpenAPI document, against the live app (SQLite or PostgreSQL):
no 5xx, every response as described (status code, content type, schema). Counts are printed for the log."""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
CALLS = {"cases": 0}


def _description() -> dict:
    """The generated description, read without a request; each case then runs against the test's own app."""
    from app import create_app

    spec_app = create_app({"TESTING": True, "SETTINGS": {"database_url": "sqlite://", "secret_key": "spec"}})
    with spec_app.app_context():
        return spec_app.extensions["wengao_rest_api"].spec.to_dict()


schema = schemathesis.openapi.from_dict(_description())


@pytest.fixture
def token(make_token, demo, county_report):
    return make_token(demo.county_a, "read,write,records")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_described(case, token, app):
    CALLS["cases"] += 1
    case.call_and_validate(app=app, headers=token, checks=CHECKS)


def teardown_module(_module):
    print(f"\nschemathesis: {CALLS['cases']} cases, {len(CHECKS)} checks each")
