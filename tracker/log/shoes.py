"""Which shoes a run was in, and how worn each pair is: defaults per run type and surface,
Strava's gear names matched on import, and the 80 % / 100 % warnings for the log, the insights
and the shoes page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q

from tracker.log.models import Run, Shoe

# A pair this far into its life gets a warning; at RETIRE_SHARE it is due to be retired.
WORN_SHARE = 0.8
RETIRE_SHARE = 1.0
# The guide's article on injuries, which explains why worn shoes matter.
INJURIES_ARTICLE = "running-injuries"


def default_shoe(run: Run, shoes) -> Shoe | None:
    """The runner's default pair for this run: for its run type first, else for its surface.

    ``shoes`` are the runner's active shoes (one query, shared by many runs); a pair first run
    in after the run's date is not a candidate.
    """
    candidates = [
        shoe
        for shoe in shoes
        if shoe.started_on is None or run.date is None or shoe.started_on <= run.date
    ]
    for shoe in candidates:
        if shoe.default_for_run_type and shoe.default_for_run_type == run.run_type:
            return shoe
    for shoe in candidates:
        if shoe.default_for_surface and shoe.default_for_surface == run.surface:
            return shoe
    return None


def matching_gear(name: str, shoes) -> Shoe | None:
    """The pair a file's gear name (Strava's "Activity Gear", "Brand Model") stands for: by
    name, or by brand and name together, ignoring case and spaces at the ends."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for shoe in shoes:
        if wanted in {shoe.name.casefold(), f"{shoe.brand} {shoe.name}".strip().casefold()}:
            return shoe
    return None


def assign_on_import(user, runs: list[Run], gear_names: dict | None = None) -> list[Run]:
    """Give saved imported runs without a shoe their pair: the gear named in the file (
    ``gear_names``: run -> name) where it matches one, else the default. Two queries at most;
    returns the runs that got one."""
    gear_names = gear_names or {}
    pending = [run for run in runs if run.shoe_id is None]
    if not pending:
        return []
    shoes = list(Shoe.objects.for_user(user).active())
    if not shoes:
        return []
    changed = []
    for run in pending:
        shoe = matching_gear(gear_names.get(run, ""), shoes) or default_shoe(run, shoes)
        if shoe is not None:
            run.shoe = shoe
            changed.append(run)
    if changed:
        Run.objects.bulk_update(changed, ["shoe"])
    return changed


@dataclass(frozen=True)
class ShoeWear:
    shoe_id: int
    name: str
    distance_m: float
    retire_at_m: float

    @property
    def share(self) -> float:
        return self.distance_m / self.retire_at_m if self.retire_at_m else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)

    @property
    def bar_percent(self) -> int:
        """The life bar's width: full at the retirement distance."""
        return min(100, self.percent)

    @property
    def level(self) -> str:
        """ "retire" at 100 %, "worn" at 80 %, else "ok"."""
        if self.share >= RETIRE_SHARE:
            return "retire"
        return "worn" if self.share >= WORN_SHARE else "ok"

    @property
    def css_class(self) -> str:
        return {"retire": "danger", "worn": "warning", "ok": "success"}[self.level]


def wear_of(shoe: Shoe) -> ShoeWear:
    """For a Shoe from `with_distance()`."""
    return ShoeWear(shoe.pk, str(shoe), shoe.distance_m, shoe.retire_at_m)


def worn_shoes(user) -> list[ShoeWear]:
    """The runner's active pairs at 80 % of their life or more, most worn first (one query)."""
    shoes = Shoe.objects.for_user(user).active().with_distance()
    found = [wear_of(shoe) for shoe in shoes.filter(distance_m__gte=WORN_SHARE * F("retire_at_m"))]
    return sorted(found, key=lambda wear: wear.share, reverse=True)


def shoe_warnings_context(user) -> dict:
    """For the log timeline's template (tracker/_shoe_warnings.html): {"shoe_warnings": [...]}."""
    return {"shoe_warnings": worn_shoes(user)}


def offer_runners_shoes(form) -> None:
    """The run form's shoe choice: the runner's active pairs, and the run's own even when it
    has been retired since (one query, when the form is drawn or checked)."""
    field = form.fields["shoe"]
    current = form.instance.shoe_id
    field.queryset = Shoe.objects.filter(user_id=form.profile.user_id).filter(
        Q(retired=False) | Q(pk=current)
    )
    if form.instance.pk is None:
        field.empty_label = "Your default for the run type or surface"
        field.help_text = "Left empty, the run gets your default pair for its type or surface."
    else:
        field.empty_label = "None"


def fill_in_default(form) -> None:
    """A new run left without shoes gets the runner's default for its type or surface."""
    run = form.instance
    if run.pk is not None or form.cleaned_data.get("shoe") is not None:
        return
    run.run_type = form.cleaned_data.get("run_type") or run.run_type
    run.surface = form.cleaned_data.get("surface") or run.surface
    run.date = form.cleaned_data.get("date") or run.date
    active = Shoe.objects.filter(user_id=form.profile.user_id, retired=False)
    form.cleaned_data["shoe"] = default_shoe(run, list(active))
