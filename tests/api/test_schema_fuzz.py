"""Property-based: payloads generated from the OpenAPI schema never make the API fail (5xx).

Each write endpoint's request schema becomes a Hypothesis strategy: mostly values of the types
the schema names (with dates and numbers far outside the bounds), sometimes values of the wrong
type. A 400 is fine; a 500 is a bug.
"""

import datetime

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tracker.factories import RunFactory, StrengthSessionFactory, StrengthSetFactory
from tracker.log.models import LegMeasurement, ProteinEntry

FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def strategy(schema: dict, components: dict, depth: int = 0) -> st.SearchStrategy:
    if "$ref" in schema:
        return strategy(components[schema["$ref"].rsplit("/", 1)[1]], components, depth)
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            return st.one_of([strategy(s, components, depth) for s in schema[key]])
    typed = _typed(schema, components, depth)
    if schema.get("nullable"):
        typed = st.one_of(st.none(), typed)
    # Mostly the right type, so whole payloads are often valid and reach the database.
    return st.one_of(*[typed] * 8, JUNK)


def _typed(schema: dict, components: dict, depth: int) -> st.SearchStrategy:
    if "enum" in schema:
        return st.sampled_from([v for v in schema["enum"] if v is not None] or [""])
    kind = schema.get("type")
    if kind == "integer":
        return st.one_of(
            st.integers(min_value=1, max_value=10),
            st.integers(min_value=-5, max_value=5000),
            st.integers(min_value=-(2**63), max_value=2**63),
        )
    if kind == "number":
        return st.one_of(
            st.floats(min_value=30, max_value=100),
            st.floats(min_value=-10, max_value=200_000),
            st.floats(allow_nan=False, allow_infinity=False),
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        if schema.get("format") == "date":
            return st.one_of(
                st.dates(datetime.date(2020, 1, 1), datetime.date(2025, 12, 31)),
                st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
            ).map(datetime.date.isoformat)
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(datetime.UTC)).map(datetime.datetime.isoformat)
        return st.text(max_size=schema.get("maxLength", 200))
    if kind == "array":
        if depth > 2:
            return st.just([])
        return st.lists(strategy(schema.get("items", {}), components, depth + 1), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: strategy(v, components, depth + 1) for k, v in properties.items() if k in required},
            optional={
                k: strategy(v, components, depth + 1)
                for k, v in properties.items()
                if k not in required
            },
        )
    return JUNK


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get(
            "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
        )
    return response.json()


def body_strategy(schema: dict, path: str, method: str) -> st.SearchStrategy:
    content = schema["paths"][path][method]["requestBody"]["content"]["application/json"]
    return strategy(content["schema"], schema["components"]["schemas"])


@pytest.fixture
def existing(runner, squat):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, exercise=squat)
    return {
        "runs": RunFactory(user=runner).pk,
        "strength-sessions": session.pk,
        "measurements": LegMeasurement.objects.create(
            user=runner, date=datetime.date(2025, 1, 1), weight_kg=70
        ).pk,
        "protein": ProteinEntry.objects.create(
            user=runner, date=datetime.date(2025, 1, 1), protein_g=20
        ).pk,
    }


@pytest.mark.parametrize("endpoint", ["runs", "strength-sessions", "measurements", "protein"])
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_no_generated_payload_makes_a_write_endpoint_fail(
    as_runner, schema, existing, endpoint, method
):
    if method == "post":
        path, url = f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/"
    else:
        path, url = f"/api/v1/{endpoint}/{{id}}/", f"/api/v1/{endpoint}/{existing[endpoint]}/"

    @FUZZ
    @given(body=st.one_of(body_strategy(schema, path, method), JUNK))
    def check(body):
        cache.clear()  # no throttling in the middle of the run
        response = getattr(as_runner, method)(url, body, format="json")
        assert response.status_code < 500, (body, response.content[:500])

    check()


@pytest.mark.parametrize("endpoint", ["runs", "strength-sessions", "measurements", "protein"])
def test_no_generated_query_makes_a_list_fail(as_runner, existing, endpoint):
    value = st.one_of(
        st.text(max_size=20),
        st.dates().map(datetime.date.isoformat),
        st.integers().map(str),
    )

    @FUZZ
    @given(
        query=st.fixed_dictionaries(
            {},
            optional={"date_after": value, "date_before": value, "page": value, "page_size": value},
        )
    )
    def check(query):
        cache.clear()
        response = as_runner.get(f"/api/v1/{endpoint}/", query)
        assert response.status_code < 500, (query, response.content[:500])

    check()
