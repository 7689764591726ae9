import random
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from undersigned.accounts.models import Branch, Membership, Organisation, Region, Role
from undersigned.ledger import sequencer
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature
from undersigned.motions import demo as demo_motion

ORGANISER_EMAIL = "organiser@example.org"
ORGANISER_PASSWORD = "demo-organiser-2026"  # noqa: S105 - a published demo login

STRUCTURE = {
    ("north-east", "North East"): [
        ("ne-tyneside", "Tyneside"),
        ("ne-wearside", "Wearside"),
        ("ne-durham", "Durham City"),
        ("ne-teesside", "Teesside"),
    ],
    ("north-west", "North West"): [
        ("nw-manchester", "Manchester Central"),
        ("nw-salford", "Salford"),
        ("nw-lancaster", "Lancaster"),
        ("nw-wirral", "Wirral"),
    ],
    ("yorkshire", "Yorkshire"): [
        ("yh-leeds", "Leeds North"),
        ("yh-sheffield", "Sheffield"),
        ("yh-york", "York"),
        ("yh-hull", "Hull"),
    ],
}

BODY = """We are members of the Northern Members' Network, writing from across the region.

On Thursday evening the Wearside branch voted to expel our colleague **Sam Okafor**. The motion
was not on the published agenda, was moved without notice, and has no standing under the
Network's rules: only the regional committee can end a membership, and only after a hearing.

Sam has organised in this region for eleven years. Many of us learned how to run a meeting,
chair a difficult discussion or knock on a stranger's door from Sam.

We ask the regional committee to:

1. state publicly that the branch motion has no effect on Sam's membership;
2. refer any complaint to the proper process, with a fair hearing; and
3. remind every branch that motions about individual members need notice and standing.

We sign as individual members, in solidarity.
"""

FIRST = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ellen",
    "Farid",
    "Grace",
    "Harry",
    "Imran",
    "Jo",
    "Kate",
    "Liam",
    "Maya",
    "Niall",
    "Olu",
    "Priya",
    "Rory",
    "Sian",
    "Tom",
    "Una",
    "Vik",
    "Wendy",
    "Yusuf",
    "Zara",
]
LAST = [
    "Ahmed",
    "Barker",
    "Clarke",
    "Dunn",
    "Evans",
    "Foster",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lowe",
    "Murphy",
    "Nolan",
    "Owen",
    "Patel",
    "Quinn",
    "Reid",
    "Shaw",
    "Taylor",
    "Walsh",
    "Young",
]
ROLES = ["Branch secretary", "Steward", "Youth officer", "Treasurer", "Campaigns lead"]


class Command(BaseCommand):
    help = "Create the demo organisation, organiser and letter (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Create the demo even when DEBUG is off."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo has a published password: use --force to load it with DEBUG off."
            )
        with transaction.atomic():
            letter, created = self.load()
        sequencer.sequence_all(notify=False)  # the demo is verifiable at once
        state = "created" if created else "already present, unchanged"
        self.stdout.write(
            f"Demo {state}: {settings.BASE_URL}{letter.get_absolute_url()} "
            f"({letter.confirmed_count} signatures)"
        )
        self.stdout.write(
            f"Organiser login: {ORGANISER_EMAIL} / {ORGANISER_PASSWORD} "
            f"at {settings.BASE_URL}/accounts/login/"
        )

    def load(self) -> tuple[Letter, bool]:
        org, _ = Organisation.objects.get_or_create(
            slug="northern-members",
            defaults={
                "name": "Northern Members' Network",
                "accent_colour": "#8a1c3b",
                "contact_email": "organisers@example.org",
            },
        )
        user_model = get_user_model()
        user = user_model.objects.filter(username=ORGANISER_EMAIL).first()
        if user is None:
            user = user_model.objects.create_user(
                ORGANISER_EMAIL,
                ORGANISER_EMAIL,
                ORGANISER_PASSWORD,
                first_name="Rosa",
                last_name="Demo",
            )
        Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": Role.OWNER})
        branches = []
        for (rcode, rname), items in STRUCTURE.items():
            region, _ = Region.objects.get_or_create(
                organisation=org, code=rcode, defaults={"name": rname}
            )
            for bcode, bname in items:
                branch, _ = Branch.objects.get_or_create(
                    organisation=org, code=bcode, defaults={"name": bname, "region": region}
                )
                branches.append(branch)
        letter = Letter.objects.filter(slug="solidarity-with-sam").first()
        if letter is not None:
            return letter, False
        # The story: the Wearside branch's motion to expel, void under the rulebook...
        motion = demo_motion.load(
            org, Branch.objects.get(organisation=org, code="ne-wearside"), user
        )
        # ...and the regional letter in solidarity, in response to it.
        letter = Letter.objects.create(
            organisation=org,
            slug="solidarity-with-sam",
            created_by=user,
            body=BODY,
            title="Solidarity with Sam Okafor: the Wearside motion has no standing",
            addressee="The Regional Committee, Northern Members' Network",
            closes_at=timezone.now() + timedelta(days=30),
            in_response_to=motion,
        )
        letter.organisers.add(user)
        services.publish(letter)
        self.sign_demo(letter, branches)
        letter.refresh_from_db()
        return letter, True

    def sign_demo(self, letter: Letter, branches: list[Branch]) -> None:
        rng = random.Random(2026)  # noqa: S311 - fictional data, fixed for repeatability
        start = timezone.now() - timedelta(hours=60)
        for n in range(120):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            branch = rng.choice(branches)
            display = rng.choices(list(Signature.Display), weights=[5, 3, 2])[0]
            signature = Signature.objects.create(
                letter=letter,
                name=name,
                email=f"member{n:03d}@example.org",
                role=rng.choice(ROLES)
                if display == Signature.Display.FULL and rng.random() < 0.4
                else "",
                branch=branch,
                region=branch.region,
                display=display,
                created=start + timedelta(minutes=29 * n),
            )
            services.confirm(signature.uid)
            # Spread the demo over the weekend it imagines, for the statistics page.
            Signature.objects.filter(pk=signature.pk).update(
                confirmed_at=start + timedelta(minutes=29 * n + 3)
            )
