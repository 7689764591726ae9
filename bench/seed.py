"""Seed the benchmark database (called by bench/run.py with the server's environment).

Creates a published letter with ROWS confirmed signatures, inserted by one INSERT ... SELECT
over a generated series (a million rows in seconds), and a second published letter that
the write scenarios sign and confirm, with PENDING signatures awaiting confirmation whose
confirm tokens go to a file, one a line. Prints a JSON object for the harness.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")

PG_SERIES = "SELECT i FROM generate_series(1, %(n)s) AS i"
COLUMNS = (
    "uid, letter_id, name, email, role, branch_verified, display, status, member, "
    "member_lapsed, version, is_initial, review, flags, network_hash, removal_reason, "
    "removal_note, emails_sent, created, confirmed_at, commit_salt, display_salt, language, "
    "text_language, wants_updates"
)


def insert_signatures(letter_id: int, n: int, status: str, prefix: str) -> None:
    """n signature rows in one statement; confirmed ones one second apart, newest first."""
    from django.db import connection

    confirmed = status == "confirmed"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stamp = "now() - i * interval '1 second'"
            cursor.execute(
                f"INSERT INTO letters_signature ({COLUMNS}) "
                f"SELECT gen_random_uuid(), %(letter)s, 'Signer ' || i, "
                f"'{prefix}' || i || '@example.org', "
                f"CASE WHEN i %% 3 = 0 THEN 'Nurse' ELSE '' END, false, "
                f"CASE WHEN i %% 5 = 0 THEN 'hidden' ELSE 'full' END, %(status)s, 'no', false, "
                f"1, false, '', '[]', '', '', '', 1, {stamp}, "
                f"{stamp if confirmed else 'NULL'}, '', '', 'en', '', false "
                f"FROM generate_series(1, %(n)s) AS i",
                {"letter": letter_id, "status": status, "n": n},
            )
        else:
            stamp = "strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now', '-' || i || ' seconds')"
            cursor.execute(
                f"WITH RECURSIVE series(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM series "
                f"WHERE i < %s) "
                f"INSERT INTO letters_signature ({COLUMNS}) "
                f"SELECT lower(hex(randomblob(16))), %s, 'Signer ' || i, "
                f"'{prefix}' || i || '@example.org', "
                f"CASE WHEN i %% 3 = 0 THEN 'Nurse' ELSE '' END, 0, "
                f"CASE WHEN i %% 5 = 0 THEN 'hidden' ELSE 'full' END, %s, 'no', 0, "
                f"1, 0, '', '[]', '', '', '', 1, {stamp}, "
                f"{stamp if confirmed else 'NULL'}, '', '', 'en', '', 0 FROM series",
                [n, letter_id, status],
            )
            cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE letters_signature")


def main() -> None:
    import django

    django.setup()
    from django.db.models import F

    from undersigned.letters import services, tokens
    from undersigned.letters.models import Letter, Signature

    rows, pending, token_file = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    # Looked up through the model, so this script survives Organisation changing app.
    organisation_model = Letter._meta.get_field("organisation").related_model
    org = organisation_model.objects.create(slug="bench", name="Bench Network")  # type: ignore[union-attr]
    big = Letter.objects.create(
        organisation=org, slug="million", title="A million voices", body="We ask **you**."
    )
    services.publish(big)
    insert_signatures(big.pk, rows, "confirmed", "s")
    Letter.objects.filter(pk=big.pk).update(confirmed_count=F("confirmed_count") + rows)

    write = Letter.objects.create(
        organisation=org, slug="sign-here", title="Sign here", body="Sign, *please*."
    )
    services.publish(write)
    insert_signatures(write.pk, pending, "pending", "p")
    uids = Signature.objects.filter(letter=write, status="pending").values_list("uid", flat=True)
    token_file.write_text("".join(tokens.make(uid, tokens.CONFIRM) + "\n" for uid in uids))
    print(json.dumps({"read_slug": big.slug, "write_slug": write.slug, "rows": rows}))


if __name__ == "__main__":
    main()
