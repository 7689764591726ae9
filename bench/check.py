"""After the scenarios (called by bench/run.py with the server's environment): sequence the
log, then print, as JSON, the rows each write scenario left (by its emails' prefix) and the
confirmed rows and counter of each letter."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")


def main() -> None:
    import django

    django.setup()
    from undersigned.ledger.sequencer import sequence_all
    from undersigned.letters.models import Letter, Signature

    rows = {
        tag: Signature.objects.filter(email__startswith=f"{tag}-").count() for tag in sys.argv[1:]
    }
    appended = sequence_all(notify=False)
    confirmed = {
        letter.slug: {
            "rows": Signature.objects.filter(letter=letter, status="confirmed").count(),
            "counter": letter.confirmed_count,
        }
        for letter in Letter.objects.all()
    }
    print(json.dumps({"rows": rows, "confirmed": confirmed, "sequenced": appended}))


if __name__ == "__main__":
    main()
