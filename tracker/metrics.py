"""Training arithmetic as small pure functions, in SI units (metres, seconds, kilograms).

No request, no database, no templates: the models' properties and the views call these, and
the tests check them with hand-computed numbers.
"""

# Epley's formula overestimates badly beyond about ten repetitions.
EPLEY_MAX_REPS = 10
# When the guide's protein guideline is not loaded yet (fresh database).
FALLBACK_PROTEIN_G_PER_KG = 1.6


def pace_s_per_km(distance_m: float, duration_s: float) -> float | None:
    """Seconds per kilometre, or None without a distance or a duration."""
    if not distance_m or not duration_s or distance_m <= 0 or duration_s <= 0:
        return None
    return duration_s / (distance_m / 1000)


def speed_kmh(distance_m: float, duration_s: float) -> float | None:
    if not distance_m or not duration_s or distance_m <= 0 or duration_s <= 0:
        return None
    return (distance_m / 1000) / (duration_s / 3600)


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
