"""Guide search over articles, muscles and exercises, with stemming and a typo suggestion.

    results = search_guide("bigger calves", articles=Article.objects.published())
    results.articles, results.muscles, results.exercises, results.suggestion

Words are stemmed the same way everywhere ("squats" finds "Squat", "calves" finds "calf
raise"): each word of the query becomes a few forms (itself, its stem, an irregular plural's
singular), and a page matches a word when it contains any of its forms. Articles must match
every word; muscle and exercise pages are matched by their name, on any word that is not a
filler ("how", "bigger"), so "bigger calves" finds the Calves page and calf raises.

On PostgreSQL articles are also matched and ranked by full-text search (English stemming,
title over summary over body); elsewhere by where the words appear. When nothing matches, the
closest guide word to each unknown word (a trigram-style similarity, computed in Python over
the guide's few thousand distinct words on every database) is offered as "did you mean", and
its results are shown.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db import connections, models
from django.db.models import Case, IntegerField, Q, Value, When

from knowledge.models import Exercise, Muscle

MAX_TERMS = 10
# Words that say what kind of answer is wanted, not what it is about: they do not pick
# muscle or exercise pages by name (an article still has to contain them, stemmed).
FILLER = {
    "a", "an", "and", "are", "big", "bigger", "biggest", "can", "do", "does", "for", "get",
    "how", "i", "in", "is", "it", "make", "makes", "my", "of", "on", "or", "the", "to",
    "what", "when", "which", "why", "will", "with", "you", "your",
}  # fmt: skip
IRREGULAR = {"calves": "calf", "calf's": "calf", "feet": "foot", "halves": "half"}
SUFFIXES = ("ing", "ies", "es", "ed", "s")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A light English stemmer: enough for plurals and -ing/-ed on the guide's words."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in SUFFIXES:
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            continue  # "less", "bus", "this" are no plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            if suffix == "ies":
                return root + "y"
            if suffix == "es" and not root.endswith(("x", "z", "ch", "sh")):
                return root + "e"  # "raises" -> "raise", "lunges" -> "lunge"
            if suffix in ("ing", "ed") and len(root) > 3 and root[-1] == root[-2]:
                return root[:-1]  # "running" -> "run"
            return root
    return word


def forms(word: str) -> set[str]:
    """The forms a page may contain for `word`: itself and its stem."""
    return {word, stem(word)}


def _contains_any(fields: tuple[str, ...], variants: set[str]) -> Q:
    condition = Q()
    for name in fields:
        for variant in variants:
            condition |= Q(**{f"{name}__icontains": variant})
    return condition


@dataclass
class SearchResults:
    query: str
    articles: list = field(default_factory=list)
    muscles: list = field(default_factory=list)
    exercises: list = field(default_factory=list)
    suggestion: str = ""  # a corrected query, when the typed one found nothing

    @property
    def page_count(self) -> int:
        return len(self.muscles) + len(self.exercises)

    @property
    def found(self) -> bool:
        return bool(self.articles or self.muscles or self.exercises)


def search_articles(articles, query: str):
    """Articles matching every word of `query` (in any of its forms), title matches first."""
    terms = words(query)[:MAX_TERMS]
    if not terms:
        return articles.none()
    fields = ("title", "summary", "body")
    matches_all = Q()
    for term in terms:
        matches_all &= _contains_any(fields, forms(term))
    title_match = Case(When(title__icontains=query.strip(), then=Value(2)), default=Value(0))
    for term in terms:
        title_match = title_match + Case(
            When(_contains_any(("title",), forms(term)), then=Value(1)), default=Value(0)
        )
    queryset = articles.annotate(
        title_match=models.ExpressionWrapper(title_match, output_field=IntegerField())
    )
    if connections[articles.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search_query = SearchQuery(" ".join(terms), search_type="plain", config="english")
        queryset = queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
        return queryset.filter(matches_all | Q(document=search_query)).order_by(
            "-title_match", "-rank", "title"
        )
    summary_hits = sum(
        (
            Case(When(_contains_any(("summary",), forms(t)), then=Value(1)), default=Value(0))
            for t in terms
        ),
        Value(0),
    )
    queryset = queryset.annotate(
        rank=models.ExpressionWrapper(summary_hits, output_field=IntegerField())
    )
    return queryset.filter(matches_all).order_by("-title_match", "-rank", "title")


def _by_name(queryset, query: str) -> list:
    terms = [term for term in words(query)[:MAX_TERMS] if term not in FILLER]
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition |= _contains_any(("name",), forms(term))
    return list(queryset.filter(condition))


def vocabulary(articles) -> set[str]:
    """Every distinct word of the guide's titles, summaries and names, stems included (a few
    thousand: three small queries)."""
    found: set[str] = set()
    for text in (
        *articles.values_list("title", flat=True),
        *articles.values_list("summary", flat=True),
        *Muscle.objects.values_list("name", flat=True),
        *Exercise.objects.guide().values_list("name", flat=True),
    ):
        found.update(word for word in words(text) if len(word) >= 3)
    return found


def suggest(query: str, known: set[str]) -> str:
    """The query with each unknown word swapped for the closest known one, or ""."""
    changed = False
    corrected = []
    for word in words(query)[:MAX_TERMS]:
        if word in known or stem(word) in known or len(word) < 4:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        if close:
            corrected.append(close[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def search_guide(query: str, *, articles) -> SearchResults:
    """Articles (from `articles`, the reader's visible ones), muscles and exercises for
    `query`; a suggestion and its results when the query itself finds nothing."""
    results = _search(query, articles)
    if not results.found and query.strip():
        corrected = suggest(query, vocabulary(articles))
        if corrected:
            results = _search(corrected, articles)
            results.query = query
            results.suggestion = corrected
    return results


def _search(query: str, articles) -> SearchResults:
    return SearchResults(
        query=query,
        articles=list(search_articles(articles, query).select_related("topic")),
        muscles=_by_name(Muscle.objects.all(), query),
        exercises=_by_name(Exercise.objects.guide(), query),
    )
