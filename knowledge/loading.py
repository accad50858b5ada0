"""Load the guide from the Markdown files in knowledge/content/ into the database.

Each file has YAML front matter and a Markdown body (knowledge/content/README.md gives the
format). Loading is idempotent and all-or-nothing: every file is read and every reference checked
before anything is written. A row an admin has edited since the last load is kept, unless forced.
"""

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from knowledge.models import (
    Article,
    Exercise,
    Guideline,
    Muscle,
    Routine,
    RoutineExercise,
    Source,
    StimulusWeight,
    Topic,
)
from knowledge.placeholders import NUMBER_FIELDS, placeholders_in

CONTENT_DIR = Path(__file__).resolve().parent / "content"


class ContentError(Exception):
    """The content files are inconsistent; the message lists every problem found."""


@dataclass
class Entry:
    path: Path
    slug: str
    fields: dict
    relations: dict[str, list[str]] = field(default_factory=dict)
    content_hash: str = ""


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)  # ("articles", "created") -> n
    kept: list[str] = field(default_factory=list)  # "articles/slug" left alone after admin edits

    def total(self, outcome: str) -> int:
        return sum(n for (_, result), n in self.counts.items() if result == outcome)


# kind -> (model, front-matter fields copied as they are, the field the body goes to)
SIMPLE_FIELDS = {
    "sources": (
        Source,
        ["title", "publisher", "author", "standing", "file_name", "url", "reviewed"],
        "description",
    ),
    "topics": (Topic, ["title", "order"], "intro"),
    "muscles": (
        Muscle,
        ["name", "order", "location", "function", "stride_phase", "running_load"],
        "body",
    ),
    "exercises": (Exercise, ["name", "kind", "equipment", "why"], "body"),
    "routines": (Routine, ["name", "summary"], "body"),
    "articles": (Article, ["title", "order", "summary", "status"], "body"),
    "guidelines": (
        Guideline,
        ["name", "minimum", "maximum", "value", "unit", "citation", "evidence_grade", "rationale"],
        "description",
    ),
}
REQUIRED = {
    "sources": ["title", "file_name"],
    "topics": ["title"],
    "muscles": ["name", "location", "function", "stride_phase", "running_load"],
    "exercises": ["name", "kind", "primary_muscles"],
    "routines": ["name", "exercises"],
    "articles": ["title", "topic", "summary", "sources"],
    "guidelines": ["name", "unit", "article"],
}
# kind -> {relation field: kind it points to}; many-to-many unless named in FOREIGN_KEYS
RELATIONS = {
    "exercises": {"primary_muscles": "muscles", "secondary_muscles": "muscles"},
    "articles": {
        "topic": "topics",
        "sources": "sources",
        "muscles": "muscles",
        "exercises": "exercises",
        "related": "articles",
    },
    "guidelines": {"article": "articles"},
}
FOREIGN_KEYS = {"topic", "article"}
LOAD_ORDER = ["sources", "topics", "muscles", "exercises", "routines", "articles", "guidelines"]
# Models whose guide rows have no owner (runners' own rows share the table).
OWNED = {"exercises", "routines"}
# The muscles' `stimulus:` items load as rows of their own once the articles they cite exist;
# the report counts them under this kind, after the files' kinds.
STIMULUS = "stimulus"
REPORT_ORDER = [*LOAD_ORDER, STIMULUS]
STIMULUS_FIELDS = ["weight", "article", "evidence_grade", "citation", "rationale"]


def read_content(content_dir: Path = CONTENT_DIR) -> dict[str, list[Entry]]:
    """Parse and check every file; raise ContentError listing all problems."""
    problems: list[str] = []
    entries: dict[str, list[Entry]] = {kind: [] for kind in LOAD_ORDER}
    for kind in LOAD_ORDER:
        _, simple, body_field = SIMPLE_FIELDS[kind]
        for path in sorted((content_dir / kind).glob("*.md")):
            raw = path.read_bytes()
            try:
                post = frontmatter.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, yaml.YAMLError) as error:
                problems.append(f"{kind}/{path.name}: cannot be read ({error}).")
                continue
            meta = dict(post.metadata)
            missing = [name for name in REQUIRED[kind] if meta.get(name) in (None, "", [])]
            if missing:
                problems.append(f"{kind}/{path.name}: missing {', '.join(missing)}.")
                continue
            fields = {
                name: meta[name] for name in simple if name in meta and meta[name] is not None
            }
            for name in (
                "url",
                "publisher",
                "author",
                "standing",
                "equipment",
                "why",
                "citation",
                "rationale",
            ):
                if name in simple and fields.get(name) is None:
                    fields[name] = ""
            if isinstance(fields.get("reviewed"), str):
                try:
                    fields["reviewed"] = datetime.date.fromisoformat(fields["reviewed"])
                except ValueError:
                    problems.append(f"{kind}/{path.name}: reviewed is not a date.")
            fields[body_field] = post.content.strip()
            if kind == "routines":
                items, item_problems = _routine_items(meta.get("exercises"))
                problems += [f"{kind}/{path.name}: {problem}" for problem in item_problems]
                # Not a model field: _load_entry writes these as RoutineExercise rows.
                fields["_items"] = items
            if kind == "muscles":
                weights, weight_problems = _stimulus_items(meta.get("stimulus"))
                problems += [f"{kind}/{path.name}: {problem}" for problem in weight_problems]
                # Not a model field: _load_stimulus writes these as StimulusWeight rows.
                fields["_stimulus"] = weights
            relations = {}
            for name in RELATIONS.get(kind, {}):
                value = meta.get(name) or []
                relations[name] = [value] if isinstance(value, str) else [str(v) for v in value]
            entries[kind].append(
                Entry(path, path.stem, fields, relations, hashlib.sha256(raw).hexdigest())
            )

    slugs = {kind: {e.slug for e in found} for kind, found in entries.items()}
    for entry in entries["routines"]:
        for item in entry.fields["_items"]:
            if item["exercise"] not in slugs["exercises"]:
                problems.append(
                    f"routines/{entry.path.name}: exercises names “{item['exercise']}”, "
                    "which is not in exercises/."
                )
    for entry in entries["muscles"]:
        for item in entry.fields["_stimulus"]:
            if item["article"] not in slugs["articles"]:
                problems.append(
                    f"muscles/{entry.path.name}: stimulus {item['kind']} names article "
                    f"“{item['article']}”, which is not in articles/."
                )
    for kind, found in entries.items():
        for entry in found:
            for name, targets in entry.relations.items():
                target_kind = RELATIONS[kind][name]
                for target in targets:
                    if target not in slugs[target_kind]:
                        problems.append(
                            f"{kind}/{entry.path.name}: {name} names “{target}”, "
                            f"which is not in {target_kind}/."
                        )
    problems += _placeholder_problems(entries)
    if problems:
        raise ContentError("\n".join(problems))
    return entries


def _routine_items(raw) -> tuple[list[dict], list[str]]:
    """A routine's `exercises:` list: `{exercise: slug, sets: 3, reps: 8, reps_in_reserve: 2}`."""
    if not isinstance(raw, list):
        return [], ["exercises must be a list."]
    items, problems = [], []
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not item.get("exercise"):
            problems.append(f"exercise {position} needs an `exercise:` slug.")
            continue
        try:
            sets, reps = int(item.get("sets", 3)), int(item.get("reps", 8))
            reserve = item.get("reps_in_reserve")
            reserve = None if reserve is None else int(reserve)
        except (TypeError, ValueError):
            problems.append(f"exercise {position}: sets, reps and reps_in_reserve are numbers.")
            continue
        if not (1 <= sets <= 10 and 1 <= reps <= 100 and (reserve is None or 0 <= reserve <= 10)):
            problems.append(f"exercise {position}: 1–10 sets, 1–100 reps, 0–10 in reserve.")
            continue
        items.append(
            {"exercise": str(item["exercise"]), "sets": sets, "reps": reps, "reserve": reserve}
        )
    return items, problems


def _stimulus_items(raw) -> tuple[list[dict], list[str]]:
    """A muscle's `stimulus:` list: `{kind, weight, article, evidence_grade, citation,
    rationale}` per kind of training (knowledge/content/README.md), each kind at most once."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], ["stimulus must be a list."]
    items, problems, seen = [], [], set()
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or item.get("kind") not in StimulusWeight.Kind.values:
            kinds = ", ".join(StimulusWeight.Kind.values)
            problems.append(f"stimulus {position} needs a `kind:`, one of {kinds}.")
            continue
        if item["kind"] in seen:
            problems.append(f"stimulus {position}: {item['kind']} is given twice.")
            continue
        seen.add(item["kind"])
        if not isinstance(item.get("weight"), int | float) or isinstance(item["weight"], bool):
            problems.append(f"stimulus {position} ({item['kind']}): weight must be a number.")
            continue
        if not item.get("article"):
            problems.append(f"stimulus {position} ({item['kind']}): needs an `article:` slug.")
            continue
        items.append(
            {
                "kind": item["kind"],
                "weight": float(item["weight"]),
                "article": str(item["article"]),
                "evidence_grade": str(item.get("evidence_grade") or "rule_of_thumb"),
                "citation": str(item.get("citation") or ""),
                "rationale": str(item.get("rationale") or "").strip(),
            }
        )
    return items, problems


def _placeholder_problems(entries: dict[str, list[Entry]]) -> list[str]:
    """Every `{{ guideline:key.part }}` must name a guideline in guidelines/ that has that part."""
    guidelines = {entry.slug: entry.fields for entry in entries["guidelines"]}
    problems = []
    for kind, found in entries.items():
        for entry in found:
            text = "\n".join(str(v) for v in entry.fields.values() if isinstance(v, str))
            for key, part in placeholders_in(text):
                fields = guidelines.get(key)
                if fields is None:
                    problems.append(
                        f"{kind}/{entry.path.name}: names guideline “{key}”, "
                        "which is not in guidelines/."
                    )
                    continue
                needed = [NUMBER_FIELDS[part]] if part in NUMBER_FIELDS else []
                if part == "range":
                    needed = ["minimum", "maximum"]
                if any(fields.get(name) is None for name in needed):
                    problems.append(f"{kind}/{entry.path.name}: guideline “{key}” has no {part}.")
    return problems


def load_guidance(content_dir: Path = CONTENT_DIR, *, force: bool = False) -> LoadReport:
    entries = read_content(content_dir)
    report = LoadReport()
    with transaction.atomic():
        loaded: dict[str, dict[str, object]] = {kind: {} for kind in LOAD_ORDER}
        for kind in LOAD_ORDER:
            for entry in entries[kind]:
                loaded[kind][entry.slug] = _load_entry(kind, entry, loaded, force, report)
        # Related articles point at each other, so they are linked once every article exists.
        for entry in entries["articles"]:
            article = loaded["articles"][entry.slug]
            if getattr(article, "_written", False):
                article.related.set(
                    [loaded["articles"][slug] for slug in entry.relations["related"]]
                )
        for entry in entries["muscles"]:
            for item in entry.fields["_stimulus"]:
                _load_stimulus(loaded["muscles"][entry.slug], entry, item, loaded, force, report)
    return report


def _load_stimulus(muscle, entry: Entry, item: dict, loaded, force: bool, report: LoadReport):
    """One (muscle, kind) weight, kept like any other row when an admin edited it since: each
    has its own hash, so editing the muscle's text and editing one weight do not collide."""
    content_hash = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()
    weight = StimulusWeight.objects.filter(muscle=muscle, kind=item["kind"]).first()
    if weight is None:
        outcome, weight = "created", StimulusWeight(muscle=muscle, kind=item["kind"])
    elif weight.content_hash == content_hash and not (force and weight.edited_since_load):
        report.counts[(STIMULUS, "unchanged")] += 1
        return
    elif weight.edited_since_load and not force:
        report.counts[(STIMULUS, "kept")] += 1
        report.kept.append(f"{STIMULUS}/{muscle.slug}/{item['kind']}")
        return
    else:
        outcome = "updated"
    for name in STIMULUS_FIELDS:
        value = item[name]
        setattr(weight, name, loaded["articles"][value] if name == "article" else value)
    try:
        weight.full_clean()
    except ValidationError as error:
        raise ContentError(
            f"muscles/{entry.path.name}: stimulus {item['kind']}: {error.message_dict}"
        ) from None
    weight.save()
    StimulusWeight.objects.filter(pk=weight.pk).update(
        loaded_at=weight.updated_at, content_hash=content_hash
    )
    report.counts[(STIMULUS, outcome)] += 1


def _load_entry(kind, entry: Entry, loaded, force: bool, report: LoadReport):
    model = SIMPLE_FIELDS[kind][0]
    lookup = {"key": entry.slug} if kind == "guidelines" else {"slug": entry.slug}
    if kind in OWNED:
        lookup["owner__isnull"] = True
    obj = model.objects.filter(**lookup).first()

    if obj is None:
        outcome = "created"
        obj = model(
            **{k.replace("__isnull", ""): v for k, v in lookup.items() if k != "owner__isnull"}
        )
    elif obj.content_hash == entry.content_hash and not (force and obj.edited_since_load):
        report.counts[(kind, "unchanged")] += 1
        return obj
    elif obj.edited_since_load and not force:
        report.counts[(kind, "kept")] += 1
        report.kept.append(f"{kind}/{entry.slug}")
        return obj
    else:
        outcome = "updated"

    for name, value in entry.fields.items():
        if not name.startswith("_"):
            setattr(obj, name, value)
    for name, targets in entry.relations.items():
        if name in FOREIGN_KEYS:
            setattr(obj, name, loaded[RELATIONS[kind][name]][targets[0]])
    try:
        obj.full_clean(exclude=[name for name in entry.relations if name not in FOREIGN_KEYS])
    except ValidationError as error:
        raise ContentError(f"{kind}/{entry.path.name}: {error.message_dict}") from None
    obj.save()
    for name, targets in entry.relations.items():
        if name not in FOREIGN_KEYS and name != "related":
            getattr(obj, name).set([loaded[RELATIONS[kind][name]][slug] for slug in targets])
    if kind == "routines":
        obj.items.all().delete()
        RoutineExercise.objects.bulk_create(
            RoutineExercise(
                routine=obj,
                exercise=loaded["exercises"][item["exercise"]],
                order=position,
                sets=item["sets"],
                reps=item["reps"],
                reps_in_reserve=item["reserve"],
            )
            for position, item in enumerate(entry.fields["_items"])
        )
    # Saving bumped updated_at; remembering it marks the row as "as loaded".
    model.objects.filter(pk=obj.pk).update(
        loaded_at=obj.updated_at, content_hash=entry.content_hash
    )
    obj._written = True
    report.counts[(kind, outcome)] += 1
    return obj
