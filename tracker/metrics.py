"""Training arithmetic as small pure functions, in SI units (metres, seconds, kilograms).

No request, no database, no templates: the models' properties and the views call these, and
the tests check them with hand-computed numbers.
"""

import math

# Epley's formula overestimates badly beyond about ten repetitions.
EPLEY_MAX_REPS = 10
# When the guide's protein guideline is not loaded yet (fresh database).
FALLBACK_PROTEIN_G_PER_KG = 1.6


def pace_s_per_km(distance_m: float, duration_s: float) -> float | None:
    """Seconds per kilometre, or None without a distance or a duration."""
    if not distance_m or not duration_s or distance_m <= 0 or duration_s <= 0:
        return None
    return _finite_or_none(duration_s / (distance_m / 1000))


def speed_kmh(distance_m: float, duration_s: float) -> float | None:
    if not distance_m or not duration_s or distance_m <= 0 or duration_s <= 0:
        return None
    return _finite_or_none((distance_m / 1000) / (duration_s / 3600))


def _finite_or_none(value: float) -> float | None:
    """A rate from a value the bounds should have refused (a subnormal distance gives an
    infinite pace, NaN gives NaN) is shown as missing rather than breaking the page."""
    return value if math.isfinite(value) else None


def session_load(effort: int | None, duration_s: float) -> int | None:
    """Session RPE load (Foster): perceived effort 1-10 × minutes, rounded."""
    if effort is None or not duration_s:
        return None
    return round(effort * duration_s / 60)


def set_volume_kg(reps: int, weight_kg: float) -> float:
    """Reps × weight; body-weight sets (0 kg) add no volume."""
    return reps * weight_kg


def epley_e1rm_kg(weight_kg: float, reps: int) -> float | None:
    """Estimated one-rep max by Epley: weight × (1 + reps / 30).

    A single is its own one-rep max. None for body-weight sets and above EPLEY_MAX_REPS reps,
    where the estimate means little.
    """
    if weight_kg <= 0 or reps < 1 or reps > EPLEY_MAX_REPS:
        return None
    if reps == 1:
        return weight_kg
    return weight_kg * (1 + reps / 30)


def record_days(day_bests) -> list[list]:
    """The days whose best beat every earlier day's, as [ISO date, best], oldest first.

    `day_bests` is (date, best) in date order. The first day is included: there was nothing
    to beat, so it is no record, but it is the best to beat. A record has to beat the last
    by more than rounding (1e-9).
    """
    days, record = [], None
    for day, best in day_bests:
        if record is None or best > record + 1e-9:
            record = best
            days.append([day.isoformat(), best])
    return days


def best_before(record_days: list[list], day) -> float | None:
    """The best of all days before `day`, from `record_days` (None when none came before)."""
    best = None
    for iso_date, value in record_days:
        if iso_date >= day.isoformat():
            break
        best = value
    return best


def default_protein_g_per_kg(minimum: float | None, maximum: float | None) -> float:
    """The middle of the guideline's range, or the fallback when the range is incomplete."""
    if minimum is None or maximum is None:
        return FALLBACK_PROTEIN_G_PER_KG
    return round((minimum + maximum) / 2, 2)


def protein_target_g(g_per_kg: float, body_weight_kg: float | None) -> float | None:
    """A day's protein target: g/kg × the latest body weight; None without a body weight."""
    if body_weight_kg is None or body_weight_kg <= 0:
        return None
    return g_per_kg * body_weight_kg


# --------------------------------------------------------------------------------------------
# Progress: strength, training load, protein and measurements
# --------------------------------------------------------------------------------------------

# A secondary muscle is counted at half a set's volume, the usual "fractional sets" convention.
SECONDARY_MUSCLE_SHARE = 0.5
ACUTE_DAYS = 7
CHRONIC_DAYS = 28


def rolling_sums(values: list[float], window: int) -> list[float]:
    """Sum of the last `window` values at each position (fewer at the start), in O(n)."""
    sums, running = [], 0.0
    for index, value in enumerate(values):
        running += value
        if index >= window:
            running -= values[index - window]
        sums.append(running)
    return sums


def acwr_rolling(daily_loads: list[float]) -> list[float | None]:
    """Acute:chronic workload ratio per day, as the guide defines it: the last 7 days' load
    divided by the average weekly load of the last 28 days (which include those 7).

    None until 28 days of history exist, and on days with no chronic load.
    """
    acute = rolling_sums(daily_loads, ACUTE_DAYS)
    chronic = rolling_sums(daily_loads, CHRONIC_DAYS)
    ratios: list[float | None] = []
    for index, (acute_load, chronic_load) in enumerate(zip(acute, chronic, strict=True)):
        weekly_average = chronic_load * ACUTE_DAYS / CHRONIC_DAYS
        if index < CHRONIC_DAYS - 1 or weekly_average <= 0:
            ratios.append(None)
        else:
            ratios.append(acute_load / weekly_average)
    return ratios


def acwr_ewma(daily_loads: list[float]) -> list[float | None]:
    """Exponentially weighted acute:chronic ratio (Williams et al. 2017): each day's load is
    blended in with λ = 2 / (N + 1), N = 7 for acute and 28 for chronic; both start at zero.

    None until 28 days of history exist, and while the chronic average is zero.
    """
    acute_lambda = 2 / (ACUTE_DAYS + 1)
    chronic_lambda = 2 / (CHRONIC_DAYS + 1)
    acute = chronic = 0.0
    ratios: list[float | None] = []
    for index, load in enumerate(daily_loads):
        acute = load * acute_lambda + acute * (1 - acute_lambda)
        chronic = load * chronic_lambda + chronic * (1 - chronic_lambda)
        ratios.append(None if index < CHRONIC_DAYS - 1 or chronic <= 0 else acute / chronic)
    return ratios


# Fitness and fatigue: the load's exponentially weighted averages over these time constants
# (Banister's impulse-response model as the performance-management charts draw it).
FITNESS_DAYS = 42
FATIGUE_DAYS = 7


def fitness_fatigue_form(daily_loads: list[float]) -> tuple[list[float], list[float], list[float]]:
    """Fitness, fatigue and form for each day: fitness and fatigue start at zero and move a
    1/N share of the way to each day's load (N = 42 and 7 days); form is fitness − fatigue on
    the same day."""
    fitness_share, fatigue_share = 1 / FITNESS_DAYS, 1 / FATIGUE_DAYS
    fitness = fatigue = 0.0
    fitness_days, fatigue_days, form_days = [], [], []
    for load in daily_loads:
        fitness += (load - fitness) * fitness_share
        fatigue += (load - fatigue) * fatigue_share
        fitness_days.append(fitness)
        fatigue_days.append(fatigue)
        form_days.append(fitness - fatigue)
    return fitness_days, fatigue_days, form_days


def monotony_and_strain(week_loads: list[float]) -> tuple[float | None, float]:
    """Foster's monotony (the week's mean daily load ÷ its standard deviation, rest days as 0)
    and strain (the week's load × monotony) for seven daily loads. Monotony is None for a week
    without load, or with the same load every day (no spread to divide by)."""
    total = sum(week_loads)
    if not total:
        return None, 0.0
    mean = total / len(week_loads)
    spread = (sum((load - mean) ** 2 for load in week_loads) / len(week_loads)) ** 0.5
    if spread == 0:
        return None, 0.0
    monotony = mean / spread
    return monotony, total * monotony


def protein_g_per_kg_by_day(daily_totals, weights) -> list[tuple]:
    """(date, grams per kg) for each (date, grams) in `daily_totals`, dividing by the latest
    body weight on or before that day; None for days before the first weight.

    Both inputs are (date, value) pairs sorted by date; one pass over each.
    """
    result = []
    weight_index, latest_weight = 0, None
    for day, total_g in daily_totals:
        while weight_index < len(weights) and weights[weight_index][0] <= day:
            latest_weight = weights[weight_index][1]
            weight_index += 1
        result.append((day, total_g / latest_weight if latest_weight else None))
    return result


def left_right_difference_pct(left: float | None, right: float | None) -> float | None:
    """The gap between sides as a percentage of the bigger side (what the guideline means)."""
    if not left or not right or left <= 0 or right <= 0:
        return None
    return abs(left - right) / max(left, right) * 100


def rate_per_week(points) -> float | None:
    """Least-squares slope of (date, value) points, in units per week; None for fewer than two
    distinct days."""
    points = [(day, value) for day, value in points if value is not None]
    if len({day for day, _ in points}) < 2:
        return None
    first = min(day for day, _ in points)
    xs = [(day - first).days for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope_per_day = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope_per_day * 7


# What the guide's hard_running_share_pct guideline counts as hard running.
HARD_RUN_TYPES = frozenset({"sprints", "hills", "intervals", "tempo", "race"})


def hard_share_pct(seconds_by_run_type: dict[str, float]) -> float | None:
    """Share of running time spent in hard run types, in percent; None without running."""
    total = sum(seconds_by_run_type.values())
    if total <= 0:
        return None
    hard = sum(s for run_type, s in seconds_by_run_type.items() if run_type in HARD_RUN_TYPES)
    return 100 * hard / total
