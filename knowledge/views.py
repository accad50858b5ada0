from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from knowledge import stimulus
from knowledge.models import Article, Exercise, Guideline, Muscle, Source, Topic
from knowledge.search import SearchResults, search_guide

MAX_QUERY_LENGTH = 200


def visible_articles(user):
    """Published articles; staff also see drafts, so they can preview them."""
    if user.is_staff:
        return Article.objects.all()
    return Article.objects.published()


def guide_index(request):
    articles = visible_articles(request.user).only("title", "slug", "summary", "topic_id", "status")
    topics = Topic.objects.prefetch_related(Prefetch("articles", queryset=articles))
    return render(
        request,
        "knowledge/guide_index.html",
        {
            "topics": topics,
            "muscles": Muscle.objects.only("name", "slug"),
            "exercise_count": Exercise.objects.guide().count(),
        },
    )


def article_detail(request, slug):
    article = get_object_or_404(visible_articles(request.user).select_related("topic"), slug=slug)
    return render(
        request,
        "knowledge/article_detail.html",
        {
            "article": article,
            "sources": article.sources.all(),
            "muscles": article.muscles.all(),
            "exercises": article.exercises.guide(),
            "related": visible_articles(request.user).filter(pk__in=article.related.all()),
            # One query for every guideline: the placeholders in the text and the table below.
            "guideline_values": Guideline.objects.by_key(),
            "guidelines": article.guidelines.all(),
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    if query:
        results = search_guide(query, articles=visible_articles(request.user))
    return render(
        request,
        "knowledge/search.html",
        {
            "query": query,
            "results": results,
            "articles": results.articles,
            "muscles": results.muscles,
            "exercises": results.exercises,
        },
    )


def muscle_list(request):
    return render(request, "knowledge/muscle_list.html", {"muscles": Muscle.objects.all()})


def source_list(request):
    """The five articles the guide is written from, each with its standing, said once."""
    return render(
        request,
        "knowledge/source_list.html",
        {
            "sources": Source.objects.prefetch_related(
                Prefetch("articles", queryset=visible_articles(request.user).only("title", "slug"))
            )
        },
    )


def muscle_detail(request, slug):
    muscle = get_object_or_404(Muscle, slug=slug)
    exercises = Exercise.objects.guide()
    return render(
        request,
        "knowledge/muscle_detail.html",
        {
            "muscle": muscle,
            "primary_exercises": exercises.filter(primary_muscles=muscle),
            "secondary_exercises": exercises.filter(secondary_muscles=muscle),
            "articles": visible_articles(request.user).filter(muscles=muscle),
            "guideline_values": Guideline.objects.by_key(),
            "muscles": Muscle.objects.only("name", "slug"),
            # The leg ledger's weights, shown to everyone; the tracker's "your month" block
            # reads the same rows (one query between them).
            "stimulus_weights": muscle.stimulus_weights.select_related("article").order_by(
                stimulus.in_kind_order()
            ),
            "stimulus_scale": stimulus.SCALE_SENTENCE,
        },
    )


def exercise_list(request):
    exercises = Exercise.objects.guide().prefetch_related("primary_muscles")
    kinds = [
        (label, [e for e in exercises if e.kind == value]) for value, label in Exercise.Kind.choices
    ]
    return render(request, "knowledge/exercise_list.html", {"kinds": kinds})


def exercise_detail(request, slug):
    exercise = get_object_or_404(Exercise.objects.guide(), slug=slug)
    return render(
        request,
        "knowledge/exercise_detail.html",
        {
            "exercise": exercise,
            "primary_muscles": exercise.primary_muscles.all(),
            "secondary_muscles": exercise.secondary_muscles.all(),
            "articles": visible_articles(request.user).filter(exercises=exercise),
            "guideline_values": Guideline.objects.by_key(),
        },
    )
