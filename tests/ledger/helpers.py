"""Reading a letter's log back from the database, for tests."""

from undersigned.ledger import entries, merkle, tiles
from undersigned.ledger.models import EntryBundle, Log
from undersigned.letters.models import Letter


def logged_entries(letter: Letter) -> list[bytes]:
    found: list[bytes] = []
    for bundle in EntryBundle.objects.filter(log__in=Log.objects.of(letter)).order_by("index"):
        found += tiles.split_bundle(bytes(bundle.entries))
    return found


def logged_fields(letter: Letter) -> list[dict[str, str]]:
    return [entries.parse(entry) for entry in logged_entries(letter)]


def replayed_count(letter: Letter) -> int:
    replay = entries.Replay()
    for entry in logged_entries(letter):
        replay.add(entry)
    return replay.count


def root_matches(letter: Letter) -> bool:
    log = Log.objects.of(letter).get()
    hashes = [merkle.hash_leaf(entry) for entry in logged_entries(letter)]
    return len(hashes) == log.size and merkle.root_of(hashes) == bytes(log.root)
