"""An imported run's page in a real browser, at phone and desktop width: the splits, the three
charts with data, the route and the heart-rate zones."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.samples import SAMPLES
from tracker.log.models import Run
from tracker.transfer.imports import import_files

TCX = SAMPLES / "tcx" / "run-12km-3laps-hr-pauses.tcx"
CHARTS_WITH_DATA = """() => {
  if (!window.Chart) return 0;
  return Object.values(Chart.instances).filter(
    (c) => c.canvas.id.startsWith("run-chart-")
      && c.data.datasets[0].data.some((p) => p.y !== null)).length;
}"""


@pytest.fixture
def imported_run(transactional_db):
    user = UserFactory(username="ines", password=PASSWORD)
    import_files(user=user, files=[(TCX.name, TCX.read_bytes())])
    return Run.objects.get()


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("ines")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Welcome back, ines.")).to_be_visible()


@pytest.mark.parametrize(("width", "height"), [(375, 812), (1280, 900)])
def test_the_run_page_shows_splits_charts_route_and_zones(
    page, live_server, imported_run, width, height
):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/log/runs/{imported_run.pk}/")

    splits = page.locator("#run-splits tbody tr")
    expect(splits).to_have_count(13)
    expect(page.locator("#run-laps tbody tr")).to_have_count(3)
    page.wait_for_function(f"({CHARTS_WITH_DATA})() === 3")
    for chart in ("pace", "hr", "elevation"):
        box = page.locator(f"#run-chart-{chart}").bounding_box()
        assert box["width"] > 0.8 * min(width, 1100) - 60
        assert box["height"] > 100
    route = page.locator("svg.run-route")
    expect(route.locator("polyline").first).to_be_visible()
    expect(route.locator("circle.route-start")).to_have_count(1)
    assert route.bounding_box()["width"] <= width
    expect(page.locator("#run-zones tbody tr")).to_have_count(5)
    # Nothing wider than the screen (the tables scroll inside their own box).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []  # no CSP violation or script error
