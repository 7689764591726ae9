"""Loading and validating rulebooks: the shipped ones load, broken ones say where and why."""

import hashlib
from pathlib import Path

import pytest

from undersigned.motions.rulebook import (
    DEMO_PATH,
    MotionKind,
    Power,
    RulebookError,
    RulebookInvalid,
    Threshold,
    load,
    load_demo,
    validate,
)

from .helpers import rulebook_text

EXAMPLE = Path(__file__).parents[2] / "docs" / "rulebook-example.toml"


def errors(source: str | bytes) -> list[str]:
    return [str(error) for error in validate(source)]


def test_the_demo_rulebook_loads_with_its_hash() -> None:
    rulebook = load_demo()
    assert rulebook.title == "Northern Network rule book"
    assert rulebook.sha256 == hashlib.sha256(DEMO_PATH.read_bytes()).hexdigest()
    discipline = rulebook.bodies["branch"].motions[MotionKind.DISCIPLINE]
    assert (discipline.power, discipline.to, discipline.clause) == (
        Power.RESERVED,
        "regional_committee",
        "6.1",
    )
    assert rulebook.bodies["branch"].notice["ordinary"].days == 7


def test_the_example_rulebook_in_the_docs_loads() -> None:
    rulebook = load(EXAMPLE.read_text(encoding="utf-8"))
    assert rulebook.bodies["branch"].motions[MotionKind.DISCIPLINE].to == "national_executive"
    assert rulebook.bodies["branch"].notice["ordinary"].days == 7
    assert rulebook.bodies["disputes_panel"].name == "national disputes panel"


def test_the_hash_changes_with_any_byte_of_the_source() -> None:
    text = rulebook_text()
    assert load(text).sha256 != load(text + "# a comment\n").sha256
    assert load(text).sha256 == load(text.encode()).sha256


def test_defaults_and_overrides_of_notice_clauses() -> None:
    text = rulebook_text().replace("agm = 21", 'agm = { days = 21, clause = "4.3" }', 1)
    notice = load(text).bodies["branch"].notice
    assert (notice["ordinary"].clause, notice["agm"].clause) == ("4.1", "4.3")


def test_a_threshold_clause_defaults_to_the_motion_clause() -> None:
    rule = load(rulebook_text()).bodies["branch"].motions[MotionKind.CENSURE]
    assert (rule.threshold, rule.threshold_clause) == (Threshold.MAJORITY_OF_VOTES_CAST, "5.1")


def test_a_toml_syntax_error_names_its_line() -> None:
    text = rulebook_text().replace("motions_deadline = 5", "motions_deadline = ", 1)
    line = text.splitlines().index("motions_deadline = ") + 1
    assert errors(text) == [f"line {line}: This is not valid TOML: Invalid value."]


def test_an_unfinished_document_names_its_last_line() -> None:
    assert errors('[rulebook]\ntitle = "x"\nversion = [\n') == [
        "line 3: This is not valid TOML: Invalid value."
    ]


def test_text_that_is_not_utf8_is_refused() -> None:
    assert errors(b"title = \xff\n") == ["The file is not UTF-8 text (byte 8)."]


def test_every_error_is_reported_with_its_place() -> None:
    text = """\
[rulebook]
title = "Broken rules"

[bodies.branch]
eligible = { cutoff_days = -3, clause = "3.2" }
quorum = { clause = "4.5" }

[bodies.branch.notice]
clause = "4.1"
ordinary = 7
special = "a fortnight"
motions_deadline = 5

[bodies.branch.motions.resolution]
power = "allowed"
clause = "5.1"
threshold = "most_votes"

[bodies.branch.motions.discipline]
power = "reserved"
to = "regional_committee"
clause = "6.1"
thresold = "majority_of_votes_cast"
"""
    assert errors(text) == [
        "line 1, rulebook.version: This is required.",
        "line 8, bodies.branch.notice.special: This must be a whole number of days.",
        "line 8, bodies.branch.notice.agm: This is required.",
        "line 4, bodies.branch.quorum: Give members, percent, or both (the larger applies).",
        "line 4, bodies.branch.eligible.cutoff_days: This must be between 0 and 366 days.",
        "line 14, bodies.branch.motions.resolution.threshold: 'most_votes' is not one of: "
        "majority_of_votes_cast, two_thirds_of_votes_cast, majority_of_present, "
        "majority_of_membership.",
        "line 4, bodies.branch.motions.call_on_body: "
        "Say whether this kind of motion is allowed here.",
        "line 4, bodies.branch.motions.censure: Say whether this kind of motion is allowed here.",
        "line 4, bodies.branch.motions.no_confidence: "
        "Say whether this kind of motion is allowed here.",
        "line 19, bodies.branch.motions.discipline.thresold: Unknown key; expected one of: "
        "clause, emergency, power, threshold, threshold_clause, to, without_notice.",
        "line 4, bodies.branch.motions.rescind: Say whether this kind of motion is allowed here.",
        "line 4, bodies.branch.motions.rule_change: "
        "Say whether this kind of motion is allowed here.",
        "line 19, bodies.branch.motions.discipline.to: "
        "No body of kind 'regional_committee' is described in this rulebook.",
    ]


def test_errors_carry_their_path_and_line_separately() -> None:
    text = rulebook_text(motions={"discipline": {"power": "reserved", "clause": "6.1"}})
    [error] = validate(text)
    assert error == RulebookError(
        "bodies.branch.motions.discipline.to",
        "This is required.",
        text.splitlines().index("[bodies.branch.motions.discipline]") + 1,
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            {"power": "sometimes", "clause": "5.1", "threshold": "majority_of_votes_cast"},
            "bodies.branch.motions.censure.power: 'sometimes' is not one of: "
            "allowed, advisory, reserved.",
        ),
        (
            {"power": "allowed", "clause": "5.1"},
            "bodies.branch.motions.censure.threshold: This is required.",
        ),
        (
            {"power": "reserved", "clause": "5.1", "to": "branch"},
            "bodies.branch.motions.censure.to: A body cannot refer a motion to itself.",
        ),
        (
            {
                "power": "reserved",
                "clause": "5.1",
                "to": "regional_committee",
                "threshold": "majority_of_votes_cast",
            },
            "bodies.branch.motions.censure.threshold: "
            "A reserved motion is not voted on by this body.",
        ),
        (
            {
                "power": "allowed",
                "clause": "5.1",
                "threshold": "majority_of_votes_cast",
                "emergency": "no",
            },
            "bodies.branch.motions.censure.emergency: This must be true or false.",
        ),
        (
            {
                "power": "allowed",
                "clause": "5.1",
                "threshold": "majority_of_votes_cast",
                "emergency": False,
                "without_notice": "two_thirds_of_votes_cast",
            },
            "bodies.branch.motions.censure.without_notice: "
            "This motion cannot be taken without notice.",
        ),
        (
            {"power": "allowed", "clause": "", "threshold": "majority_of_votes_cast"},
            "bodies.branch.motions.censure.clause: This must be a non-empty string.",
        ),
    ],
)
def test_a_motion_rule_is_checked(rule: dict[str, object], message: str) -> None:
    [error] = errors(rulebook_text(motions={"censure": rule}))
    assert error.split(", ", 1)[1] == message


@pytest.mark.parametrize(
    ("quorum", "message"),
    [
        (
            {"members": 0},
            "bodies.branch.quorum.members: This must be a whole number of at least 1.",
        ),
        (
            {"percent": 0},
            "bodies.branch.quorum.percent: This must be a number above 0 and at most 100.",
        ),
        (
            {"percent": 101.5},
            "bodies.branch.quorum.percent: This must be a number above 0 and at most 100.",
        ),
        (
            {"members": 3, "share": 2},
            "bodies.branch.quorum.share: Unknown key; expected one of: clause, members, percent.",
        ),
    ],
)
def test_a_quorum_is_checked(quorum: dict[str, object], message: str) -> None:
    problems = errors(rulebook_text(quorum=quorum))
    assert [problem.split(", ", 1)[1] for problem in problems][0] == message


def test_a_named_committee_needs_a_name() -> None:
    text = rulebook_text().replace("[bodies.regional_committee]", "[bodies.appeals]", 1)
    text = text.replace("[bodies.regional_committee.", "[bodies.appeals.")
    assert "line" in errors(text)[0]
    assert [e.path for e in validate(text)][:1] == ["bodies.appeals.name"]


def test_a_quorum_takes_the_larger_of_number_and_share() -> None:
    quorum = load(rulebook_text(quorum={"members": 5, "percent": 10})).bodies["branch"].quorum
    assert [quorum.required(n) for n in (0, 49, 50, 51, 60, 61)] == [5, 5, 5, 6, 6, 7]


def test_load_raises_with_all_errors() -> None:
    with pytest.raises(RulebookInvalid) as raised:
        load("[rulebook]\n")
    assert [e.path for e in raised.value.errors] == ["rulebook.title", "rulebook.version", "bodies"]
    assert str(raised.value).splitlines()[0] == "line 1, rulebook.title: This is required."
