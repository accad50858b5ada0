"""The guide's line drawings: a stick figure for each exercise and the phases of the stride.

Drawn for this project as inline SVG from joint coordinates (a 120 × 120 box, the floor at
y = 110, the figure facing right), so each drawing is a few lines of data and carries its own text
alternative. Colours come from classes in static/css/guide.css: the site's CSP forbids inline
styles. The leg-muscle diagram is a template, templates/knowledge/_leg_muscles_svg.html, because
each muscle in it is a link.

Length (about 460 lines): mostly drawing data, a few lines of joint coordinates per
exercise, not logic.
"""

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

Point = tuple[float, float]


@dataclass(frozen=True)
class Pose:
    """One stick figure: polylines for the limbs and torso, a head, and props drawn in grey."""

    description: str
    head: Point
    lines: list[list[Point]]
    props: list[list[Point]] = field(default_factory=list)
    # Drawn in the highlight colour: the leg doing the work, a band, a direction arrow.
    accents: list[list[Point]] = field(default_factory=list)


def _standing(x: float = 60) -> dict:
    return {
        "head": (x, 18),
        "lines": [
            [(x - 2, 108), (x - 2, 85), (x, 62)],
            [(x + 2, 108), (x + 2, 85), (x, 62)],
            [(x, 62), (x, 28)],
            [(x - 8, 58), (x - 6, 44), (x, 31), (x + 6, 44), (x + 8, 58)],
        ],
    }


EXERCISE_POSES: dict[str, Pose] = {
    "squat": Pose(
        "A figure at the bottom of a squat, seen from the side: thighs about level with the floor, "
        "knees over the toes, back straight and arms held forward.",
        (66, 34),
        [
            [(76, 110), (64, 108), (70, 76), (44, 76)],
            [(44, 76), (58, 44)],
            [(58, 44), (74, 50), (88, 48)],
        ],
    ),
    "bulgarian-split-squat": Pose(
        "A figure in a split squat: front foot flat on the floor with the knee bent, rear foot "
        "resting on a bench behind, body upright.",
        (56, 26),
        [
            [(74, 110), (66, 108), (70, 84), (54, 72)],
            [(54, 72), (40, 92), (22, 86), (18, 80)],
            [(54, 72), (56, 36)],
            [(56, 36), (52, 54), (52, 68)],
        ],
        props=[[(6, 82), (30, 82)], [(10, 82), (10, 110)], [(26, 82), (26, 110)]],
        accents=[[(74, 110), (66, 108), (70, 84), (54, 72)]],
    ),
    "walking-lunge": Pose(
        "A figure mid-lunge, stepping forward: front knee bent above the ankle, back knee just "
        "above the floor, arrow showing the walk forward.",
        (58, 28),
        [
            [(82, 110), (74, 108), (78, 86), (58, 74)],
            [(58, 74), (44, 100), (30, 108), (26, 110)],
            [(58, 74), (58, 38)],
            [(58, 38), (54, 56), (56, 70)],
        ],
        accents=[[(86, 20), (108, 20)], [(102, 15), (108, 20), (102, 25)]],
    ),
    "step-up": Pose(
        "A figure stepping up onto a box: one foot on the box with the knee bent, the other "
        "foot leaving the floor.",
        (56, 16),
        [
            [(78, 80), (70, 80), (72, 60), (56, 52)],
            [(56, 52), (50, 76), (46, 100), (50, 104)],
            [(56, 52), (56, 26)],
            [(56, 26), (50, 40), (50, 52)],
        ],
        props=[[(62, 80), (100, 80), (100, 110)], [(62, 80), (62, 110)]],
        accents=[[(78, 80), (70, 80), (72, 60), (56, 52)]],
    ),
    "leg-press": Pose(
        "A figure seated in a leg press machine, back against the pad, pushing the foot plate "
        "away with both feet.",
        (28, 46),
        [
            [(40, 86), (68, 70), (86, 52)],
            [(40, 86), (32, 56)],
            [(32, 60), (44, 76), (48, 84)],
        ],
        props=[[(18, 40), (34, 94), (50, 94)], [(84, 36), (100, 64)]],
    ),
    "deadlift": Pose(
        "A figure lifting a barbell from the floor: hips back, back flat, arms straight, "
        "the bar close to the shins.",
        (82, 40),
        [
            [(70, 110), (60, 108), (66, 86), (46, 68)],
            [(46, 68), (76, 48)],
            [(76, 48), (70, 76), (68, 98)],
        ],
        props=[[(50, 98), (88, 98)]],
    ),
    "romanian-deadlift": Pose(
        "A figure in a Romanian deadlift: knees slightly bent, hips pushed back, back flat and "
        "tilted forward, the bar hanging at the shins.",
        (86, 42),
        [
            [(58, 110), (50, 108), (52, 84), (44, 62)],
            [(44, 62), (78, 48)],
            [(78, 48), (74, 70), (70, 86)],
        ],
        props=[[(56, 86), (86, 86)]],
    ),
    "calf-raise": Pose(
        "A figure standing on the edge of a step, rising onto the balls of the feet with the "
        "heels lifted, arrow pointing up.",
        (56, 12),
        [
            [(64, 90), (56, 84), (56, 62), (56, 40)],
            [(56, 40), (56, 20)],
            [(56, 22), (50, 36), (52, 48)],
        ],
        props=[[(60, 92), (96, 92), (96, 110)]],
        accents=[[(84, 70), (84, 50)], [(79, 56), (84, 50), (89, 56)]],
    ),
    "tibialis-raise": Pose(
        "A figure leaning back against a wall with heels on the floor, lifting the toes towards "
        "the shins, arrow showing the toes coming up.",
        (30, 18),
        [
            [(62, 100), (54, 108), (42, 84), (34, 62)],
            [(34, 62), (31, 28)],
            [(31, 30), (36, 46), (38, 58)],
        ],
        props=[[(22, 4), (22, 110)]],
        accents=[[(72, 104), (72, 90)], [(67, 96), (72, 90), (77, 96)]],
    ),
    "glute-bridge": Pose(
        "A figure lying on the back with knees bent and feet flat, lifting the hips so the "
        "body forms a straight line from shoulders to knees.",
        (14, 100),
        [
            [(86, 110), (80, 108), (74, 80), (48, 84)],
            [(48, 84), (22, 102)],
            [(24, 104), (40, 108), (52, 108)],
        ],
        accents=[[(48, 70), (48, 56)], [(43, 62), (48, 56), (53, 62)]],
    ),
    "hamstring-curl": Pose(
        "A figure lying face down, bending one knee to bring the heel towards the buttocks, "
        "arrow showing the curl.",
        (12, 96),
        [
            [(20, 102), (56, 100), (84, 102)],
            [(56, 100), (84, 100), (82, 72)],
            [(22, 102), (14, 108), (8, 108)],
        ],
        props=[[(4, 108), (110, 108)]],
        accents=[[(100, 88), (96, 76), (88, 70)]],
    ),
    "nordic-hamstring-curl": Pose(
        "A figure kneeling with the heels held down, lowering the straight body forward slowly "
        "from the knees, hands ready to catch the fall.",
        (86, 48),
        [
            [(22, 106), (44, 108), (78, 56)],
            [(70, 64), (78, 78), (86, 86)],
        ],
        props=[[(14, 100), (30, 100)]],
        accents=[[(104, 52), (108, 70), (102, 84)]],
    ),
    "box-jump": Pose(
        "A figure landing softly on top of a box from a two-footed jump: knees bent, arms "
        "swinging forward.",
        (70, 14),
        [
            [(82, 72), (74, 70), (80, 52), (60, 44)],
            [(60, 44), (66, 20)],
            [(66, 22), (80, 30), (90, 26)],
        ],
        props=[[(50, 72), (100, 72), (100, 110)], [(50, 72), (50, 110)]],
        accents=[[(10, 104), (20, 70), (40, 60)]],
    ),
    "hill-sprint": Pose(
        "A figure sprinting up a slope: body leaning into the hill, one knee driving high, the "
        "other leg pushing off, arms pumping.",
        (78, 22),
        [
            [(56, 92), (62, 76), (70, 56)],
            [(70, 56), (90, 50), (88, 70)],
            [(70, 56), (76, 30)],
            [(76, 32), (66, 44), (62, 34)],
            [(76, 32), (90, 40), (96, 30)],
        ],
        props=[[(0, 110), (120, 74)]],
    ),
    "lateral-band-walk": Pose(
        "A figure seen from the front in a half squat, stepping sideways with a band around "
        "both legs above the knees, arrow pointing sideways.",
        (60, 26),
        [
            [(38, 110), (44, 84), (60, 68)],
            [(82, 110), (76, 84), (60, 68)],
            [(60, 68), (60, 34)],
            [(48, 64), (52, 48), (60, 38), (68, 48), (72, 64)],
        ],
        accents=[[(46, 80), (74, 80)], [(92, 40), (112, 40)], [(106, 35), (112, 40), (106, 45)]],
    ),
    "single-leg-balance-drill": Pose(
        "A figure standing on one leg with the other knee lifted, arms loosely out to the "
        "sides for balance.",
        (60, 18),
        [
            [(64, 110), (58, 108), (60, 86), (60, 62)],
            [(60, 62), (76, 70), (72, 90)],
            [(60, 62), (60, 28)],
            [(40, 48), (50, 40), (60, 32), (70, 40), (80, 48)],
        ],
        accents=[[(64, 110), (58, 108), (60, 86), (60, 62)]],
    ),
    "banded-knee-drive": Pose(
        "A figure standing tall and driving one knee up to hip height against a band looped "
        "around the foot, as in the running stride.",
        (56, 18),
        [
            [(60, 110), (54, 108), (56, 86), (56, 62)],
            [(56, 62), (80, 62), (80, 86)],
            [(56, 62), (56, 28)],
            [(56, 32), (46, 44), (44, 56)],
            [(56, 32), (66, 40), (72, 30)],
        ],
        props=[[(20, 100), (20, 110)]],
        accents=[[(20, 104), (80, 86)]],
    ),
    "banded-eversion": Pose(
        "A figure sitting with one leg straight, a band around the outside of the foot, "
        "turning the sole of the foot outward against the band.",
        (24, 52),
        [
            [(28, 96), (90, 98), (94, 86)],
            [(28, 96), (26, 62)],
            [(26, 64), (40, 80), (54, 90)],
        ],
        props=[[(4, 110), (116, 110)]],
        accents=[[(94, 90), (112, 100)]],
    ),
    "cycling": Pose(
        "A figure riding a bike, seen from the side: seated, hands on the bars, one knee up "
        "and one leg near the bottom of the pedal stroke.",
        (70, 26),
        [
            [(48, 58), (64, 72), (60, 92)],
            [(48, 58), (56, 84), (64, 104)],
            [(48, 58), (66, 34)],
            [(66, 36), (80, 54)],
        ],
        props=[
            [(48, 60), (62, 96), (84, 56), (48, 60)],
            [(20, 96), (36, 82), (50, 96), (36, 110), (20, 96)],
            [(84, 96), (100, 82), (114, 96), (100, 110), (84, 96)],
        ],
    ),
    "swimming": Pose(
        "A figure swimming front crawl, lying flat along the water line: one arm reaching "
        "forward, the legs kicking behind.",
        (90, 64),
        [
            [(14, 70), (34, 66), (60, 66)],
            [(18, 60), (36, 62), (60, 66)],
            [(60, 66), (84, 64)],
            [(84, 64), (104, 60), (116, 62)],
            [(80, 66), (72, 78), (60, 80)],
        ],
        props=[[(0, 58), (120, 58)]],
    ),
}

# The running stride, left to right; the leg in contact with the ground is highlighted.
STRIDE_PHASES: list[tuple[str, str, Pose]] = [
    (
        "Landing",
        "foot meets the ground just ahead of the hips",
        Pose(
            "Landing: the front foot touches down just ahead of the body with the knee slightly "
            "bent; the rear leg is leaving the ground.",
            (58, 16),
            [
                [(56, 58), (42, 80), (28, 92)],
                [(56, 58), (56, 24)],
                [(56, 28), (46, 40), (48, 50)],
                [(56, 28), (66, 38), (70, 30)],
            ],
            accents=[[(56, 58), (70, 82), (78, 108), (84, 108)]],
        ),
    ),
    (
        "Mid-stance",
        "body passes over the foot; quads and calves take the load",
        Pose(
            "Mid-stance: the body is directly over the supporting foot, the knee bent a little "
            "more, the other leg folding underneath.",
            (60, 18),
            [
                [(60, 60), (50, 80), (44, 70)],
                [(60, 60), (60, 26)],
                [(60, 30), (52, 44), (58, 52)],
                [(60, 30), (66, 42), (62, 50)],
            ],
            accents=[[(60, 60), (64, 84), (60, 108), (68, 108)]],
        ),
    ),
    (
        "Push-off",
        "hip, knee and ankle straighten; calves and glutes drive",
        Pose(
            "Push-off: the rear leg straightens behind the body and the toes push away from the "
            "ground, the front knee swinging forward.",
            (66, 16),
            [
                [(58, 58), (76, 70), (72, 90)],
                [(58, 58), (64, 24)],
                [(64, 28), (52, 38), (50, 48)],
                [(64, 28), (74, 36), (80, 28)],
            ],
            accents=[[(58, 58), (48, 82), (38, 104), (44, 108)]],
        ),
    ),
    (
        "Swing",
        "foot leaves the ground; hip flexors pull the thigh through, hamstrings slow the shin",
        Pose(
            "Swing: both feet are off the ground; the rear heel folds up behind and the front "
            "thigh swings forward, ready to land.",
            (60, 12),
            [
                [(58, 54), (40, 66), (32, 54)],
                [(58, 54), (60, 20)],
                [(60, 24), (50, 34), (50, 44)],
                [(60, 24), (70, 32), (74, 24)],
            ],
            accents=[[(58, 54), (76, 68), (80, 92)]],
        ),
    ),
]


def _points(points: list[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _pose_shapes(pose: Pose, dx: float = 0) -> SafeString:
    """The SVG shapes of one pose, shifted `dx` to the right."""

    def shifted(lines):
        return [[(x + dx, y) for x, y in line] for line in lines]

    return format_html(
        "{}{}{}{}",
        format_html_join(
            "", '<polyline class="figure-prop" points="{}"/>', ((_points(p),) for p in pose.props)
        ),
        format_html_join(
            "",
            '<polyline class="figure-line" points="{}"/>',
            ((_points(p),) for p in shifted(pose.lines)),
        ),
        format_html_join(
            "",
            '<polyline class="figure-accent" points="{}"/>',
            ((_points(p),) for p in shifted(pose.accents)),
        ),
        format_html(
            '<circle class="figure-head" cx="{}" cy="{}" r="7"/>', pose.head[0] + dx, pose.head[1]
        ),
    )


def exercise_figure(slug: str, name: str) -> SafeString:
    """The exercise's drawing with its text alternative, or "" for one not drawn yet."""
    pose = EXERCISE_POSES.get(slug)
    if pose is None:
        return mark_safe("")
    return format_html(
        '<figure class="guide-figure exercise-figure">'
        '<svg viewBox="0 0 120 120" role="img" aria-labelledby="figure-{slug}-title '
        'figure-{slug}-desc" class="figure-svg">'
        '<title id="figure-{slug}-title">{name}: line drawing</title>'
        '<desc id="figure-{slug}-desc">{description}</desc>'
        '<line class="figure-floor" x1="0" y1="110" x2="120" y2="110"/>{shapes}</svg>'
        "<figcaption>{description}</figcaption></figure>",
        slug=slug,
        name=name,
        description=pose.description,
        shapes=_pose_shapes(pose),
    )


def stride_figure() -> SafeString:
    """The four phases of the running stride, side by side, with a caption per phase."""
    panels = format_html_join(
        "",
        '<g class="stride-phase"><text class="figure-label" x="{}" y="132">{}</text>{}</g>',
        (
            (index * 120 + 60, label, _pose_shapes(pose, dx=index * 120))
            for index, (label, _, pose) in enumerate(STRIDE_PHASES)
        ),
    )
    description = " ".join(pose.description for _, _, pose in STRIDE_PHASES)
    captions = format_html_join(
        "", "<li><strong>{}:</strong> {}.</li>", ((label, what) for label, what, _ in STRIDE_PHASES)
    )
    return format_html(
        '<figure class="guide-figure stride-figure">'
        '<svg viewBox="0 0 480 140" role="img" aria-labelledby="stride-title stride-desc" '
        'class="figure-svg">'
        '<title id="stride-title">The four phases of the running stride</title>'
        '<desc id="stride-desc">{description}</desc>'
        '<line class="figure-floor" x1="0" y1="110" x2="480" y2="110"/>{panels}</svg>'
        "<figcaption>The stride, left to right (the highlighted leg is the one doing the "
        "work):<ol>{captions}</ol></figcaption></figure>",
        description=description,
        panels=panels,
        captions=captions,
    )


FIGURE = re.compile(r"<p>\{\{\s*figure:(?P<name>[a-z0-9-]+)\s*\}\}</p>")


def expand_figures(html: str, current_muscle: str = "") -> str:
    """Replace a paragraph holding only `{{ figure:name }}` with that drawing.

    Figures: `stride-phases` and `leg-muscles`. An unknown name is left visible for the editor.
    """

    def replace(match: re.Match) -> str:
        name = match["name"]
        if name == "stride-phases":
            return stride_figure()
        if name == "leg-muscles":
            return render_to_string(
                "knowledge/_leg_muscles_svg.html", {"current_muscle": current_muscle}
            )
        return match[0]

    return FIGURE.sub(replace, html)
