"""The check page: the reader's own browser checks the demo letter's count against its
signed log, and names the reason when the log has been tampered with."""

import base64
import io
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from playwright.sync_api import expect

from tests.ledger.helpers import logged_entries
from undersigned.ledger import notes, sequencer, tiles
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, Tile
from undersigned.letters import services
from undersigned.letters.models import Letter
from undersigned_verify import notes as vnotes

pytestmark = pytest.mark.browser

WITNESS_NAME = "witness.example.net"


@pytest.fixture
def demo(live_server: Any) -> Letter:
    call_command("demo", "--force", stdout=io.StringIO())
    return Letter.objects.get()


def check(page: Any, letter: Letter, **pins: str) -> Any:
    query = f"?{urlencode(pins)}" if pins else ""
    page.goto(f"/l/{letter.slug}/check/{query}")
    verdict = page.locator("#check-verdict")
    expect(verdict).to_be_visible(timeout=30_000)
    return verdict


def page_errors(console: Any) -> list[str]:
    # The site lists no witnesses yet: its witness list answers 404, which the check expects.
    return [e for e in console.errors if not e.endswith("/.well-known/undersigned/witnesses")]


def latest_checkpoint(letter: Letter) -> Checkpoint:
    return Checkpoint.objects.filter(log__in=Log.objects.of(letter)).order_by("-size").first()  # type: ignore[return-value]


def cosign(letter: Letter, witness: Ed25519PrivateKey) -> str:
    """Append a witness's cosignature/v1 line to the latest checkpoint; return its vkey."""
    checkpoint = latest_checkpoint(letter)
    who = vnotes.Cosigner(WITNESS_NAME, witness)
    text = checkpoint.note.split("\n\n")[0] + "\n"
    Checkpoint.objects.filter(pk=checkpoint.pk).update(
        note=checkpoint.note + who.cosign(text, int(time.time()))
    )
    return who.verifier.vkey


def test_the_demo_letter_checks_out_and_says_what_it_does_not_prove(  # type: ignore[no-untyped-def]
    page, demo, console, axe, shoot
):
    verdict = check(page, demo)
    expect(verdict).to_have_class("verdict verdict-ok")
    expect(verdict.get_by_role("heading")).to_have_text(
        "Checked: the count of 120 matches the signed log of 122 entries"
    )
    expect(verdict).to_contain_text(f"signed by the key {notes.signer().verifier.vkey}")
    expect(verdict).to_contain_text("All 122 entries were fetched and hashed")
    expect(verdict).to_contain_text("Replayed, the log counts 120 signatures; the page shows 120.")
    expect(verdict).to_contain_text("No witnesses were given")
    expect(verdict).to_contain_text("What this does not prove")
    expect(page.get_by_role("status")).to_have_text(
        "Checked: the count of 120 matches the signed log of 122 entries"
    )
    expect(page.get_by_role("link", name="read its source")).to_have_attribute(
        "href", "/static/undersigned/check.js"
    )
    axe(page, "the check page")
    shoot(page, "check-ok")
    assert page_errors(console) == []


def test_a_second_visit_proves_the_log_only_grew(page, demo):  # type: ignore[no-untyped-def]
    expect(check(page, demo)).to_contain_text("has now remembered this checkpoint")
    signature = services.sign(demo, name="Late Signer", email="late@example.org")
    services.confirm(signature.uid)
    sequencer.sequence_all(notify=False)
    verdict = check(page, demo)
    expect(verdict).to_contain_text("count of 121 matches the signed log of 123 entries")
    expect(verdict).to_contain_text(
        "The log only grew since the checkpoint this browser remembered (122 entries)"
    )


def test_an_altered_entry_is_a_root_mismatch(page, demo, shoot):  # type: ignore[no-untyped-def]
    bundle = EntryBundle.objects.get(log__in=Log.objects.of(demo), index=0)
    data = bytes(bundle.entries)
    at = data.index(b"member no") + len(b"member ")
    EntryBundle.objects.filter(pk=bundle.pk).update(entries=data[:at] + b"ye" + data[at + 2 :])
    verdict = check(page, demo)
    expect(verdict).to_have_class("verdict verdict-failed")
    expect(verdict.get_by_role("heading")).to_have_text(
        "Check failed: root mismatch: the entries do not hash to the signed checkpoint's root"
    )
    shoot(page, "check-failed")


def test_a_checkpoint_signed_by_another_key_is_a_bad_signature(page, demo):  # type: ignore[no-untyped-def]
    checkpoint = latest_checkpoint(demo)
    text = checkpoint.note.split("\n\n")[0] + "\n"
    impostor = notes.Signer(notes.origin_host(), Ed25519PrivateKey.generate())
    Checkpoint.objects.filter(pk=checkpoint.pk).update(note=impostor.sign(text))
    verdict = check(page, demo)
    expect(verdict.get_by_role("heading")).to_have_text(
        "Check failed: bad signature: the checkpoint is not signed by the key "
        + notes.signer().verifier.vkey
    )


def test_a_pinned_key_refuses_the_sites_own_key(page, demo):  # type: ignore[no-untyped-def]
    pinned = notes.Signer(notes.origin_host(), Ed25519PrivateKey.generate()).verifier.vkey
    verdict = check(page, demo, key=pinned)
    expect(verdict.get_by_role("heading")).to_have_text(
        f"Check failed: bad signature: the checkpoint is not signed by the key {pinned}"
    )
    expect(page.get_by_label("The log's verifying key")).to_have_value(pinned)


def test_a_rolled_back_log_is_inconsistent_with_the_remembered_checkpoint(page, demo):  # type: ignore[no-untyped-def]
    signature = services.sign(demo, name="Late Signer", email="late@example.org")
    services.confirm(signature.uid)
    sequencer.sequence_all(notify=False)
    expect(check(page, demo)).to_contain_text("signed log of 123 entries")
    # The site goes back to its checkpoint of 122 entries, as if the last signature had
    # never been logged.
    Checkpoint.objects.filter(log__in=Log.objects.of(demo), size=123).delete()
    Log.objects.of(demo).update(size=122, logged_count=120)
    Letter.objects.filter(pk=demo.pk).update(confirmed_count=120)
    verdict = check(page, demo)
    expect(verdict.get_by_role("heading")).to_have_text(
        "Check failed: inconsistent with the checkpoint this browser remembered: the log had "
        "123 entries then and has 122 now, so it was rolled back"
    )
    # Forgetting the remembered checkpoint is the reader's choice, not the site's.
    page.get_by_role("button", name="Forget the remembered checkpoint").click()
    expect(check(page, demo)).to_have_class("verdict verdict-ok")


def test_a_rewritten_history_signed_with_the_real_key_fails_against_the_memory(page, demo):  # type: ignore[no-untyped-def]
    expect(check(page, demo)).to_contain_text("signed log of 122 entries")
    # The operator rewrites entry 5, appends one more and signs the new tree with the real
    # key: on its own it checks out, but not against what this browser saw before.
    forged = logged_entries(demo)
    forged[5] = forged[5].replace(b"member no", b"member yes")
    forged.append(forged[6])
    log = Log.objects.of(demo).get()
    Tile.objects.filter(log=log).delete()
    EntryBundle.objects.filter(log=log).delete()
    log.size = 0
    appender = tiles.Appender(log)
    for entry in forged:
        appender.append(entry)
    appender.save()
    Log.objects.filter(pk=log.pk).update(size=123, root=appender.root(), logged_count=121)
    note = notes.sign_checkpoint(notes.Checkpoint(log.origin, 123, appender.root()))
    Checkpoint.objects.create(log=log, size=123, note=note)
    Letter.objects.filter(pk=demo.pk).update(confirmed_count=121)
    verdict = check(page, demo)
    expect(verdict.get_by_role("heading")).to_have_text(
        "Check failed: inconsistent with the checkpoint this browser remembered: the first "
        "122 entries no longer hash to the root signed then, so the history was rewritten"
    )


def test_a_missing_cosignature_fails_when_witnesses_are_required(page, demo):  # type: ignore[no-untyped-def]
    witness = Ed25519PrivateKey.generate()
    vkey = vnotes.Cosigner(WITNESS_NAME, witness).verifier.vkey
    verdict = check(page, demo, witnesses=vkey, min="1")
    expect(verdict.get_by_role("heading")).to_have_text(
        "Check failed: missing cosignatures: 1 witness required, 0 cosigned "
        f"(none from {WITNESS_NAME})"
    )


def test_a_cosigned_checkpoint_passes_with_its_witness_pinned(page, demo, console):  # type: ignore[no-untyped-def]
    vkey = cosign(demo, Ed25519PrivateKey.generate())
    verdict = check(page, demo, witnesses=vkey)
    expect(verdict).to_have_class("verdict verdict-ok")
    expect(verdict).to_contain_text(f"1 of 1 witness cosigned it: {WITNESS_NAME} at")
    expect(verdict).to_contain_text("(1 required)")
    assert page_errors(console) == []


def test_a_forged_cosignature_is_a_bad_cosignature(page, demo):  # type: ignore[no-untyped-def]
    vkey = cosign(demo, Ed25519PrivateKey.generate())
    checkpoint = latest_checkpoint(demo)
    head, line = checkpoint.note.rstrip("\n").rsplit(" ", 1)
    raw = bytearray(base64.b64decode(line))
    raw[-1] ^= 1  # one bit of the signature
    forged = f"{head} {base64.b64encode(bytes(raw)).decode()}\n"
    Checkpoint.objects.filter(pk=checkpoint.pk).update(note=forged)
    verdict = check(page, demo, witnesses=vkey)
    expect(verdict.get_by_role("heading")).to_have_text(
        f"Check failed: bad cosignature: {WITNESS_NAME}'s cosignature does not verify"
    )


def test_without_javascript_the_page_explains_how_to_run_verify(chromium, live_server, demo):  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/l/{demo.slug}/check/")
        expect(page.get_by_role("heading", name="Check it on your own computer")).to_be_visible()
        expect(page.locator("pre")).to_contain_text(f"undersigned verify {demo.public_url}")
        expect(page.get_by_role("heading", name="Check in this browser")).to_be_hidden()
        expect(page.get_by_role("status")).to_have_count(0)
    finally:
        context.close()
