"""The outlook on /progress/ follows the range picker and says which days it read."""

import datetime

from django.urls import reverse

from tests.tracker.factories import RunFactory
from tracker.log.models import get_profile

URL = reverse("tracker:progress")


def test_the_outlook_reads_the_range_the_charts_show(signed_in, runner, guide):
    today = get_profile(runner).today()
    # Hard running 10 weeks ago, easy running in the last 4 weeks.
    for back in (66, 67, 68):
        RunFactory(user=runner, date=today - datetime.timedelta(days=back), run_type="intervals")
    for back in (3, 5, 7):
        RunFactory(user=runner, date=today - datetime.timedelta(days=back), run_type="easy")

    short = signed_in.get(URL, {"range": "4w"}).context["outlook"]
    long = signed_in.get(URL, {"range": "12w"}).context["outlook"]

    intensity = {o: next(f for f in o.factors if f.name == "Intensity") for o in (short, long)}
    assert intensity[short].text.startswith("Only 0 % of your running was hard")
    # 12 weeks: 3 × 3,000 s hard of 6 × 3,000 s run.
    assert intensity[long].text.startswith("50 % of your running was hard")
    assert short.period.startswith("the last 4 weeks (")
    assert long.period.startswith("the last 12 weeks (")
    page = signed_in.get(URL, {"range": "12w"}).content.decode()
    assert "Reads the last 12 weeks (" in page
