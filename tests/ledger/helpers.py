"""Reading a letter's log back from the database, for tests."""

from undersigned.ledger import entries, merkle, tiles
from undersigned.ledger.models import EntryBundle, Log
from undersigned.letters import log as letter_log
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


def replace_log(letter: Letter, forged: list[bytes], count: int) -> str:
    """What a dishonest operator can do: replace the letter's log with these entries and
    sign a checkpoint over them with the site's key (as it stands in the settings now).
    Returns the new checkpoint note."""
    from undersigned.ledger import notes
    from undersigned.ledger.models import Checkpoint, Tile

    log = Log.objects.of(letter).get()
    Tile.objects.filter(log=log).delete()
    EntryBundle.objects.filter(log=log).delete()
    Checkpoint.objects.filter(log=log).delete()
    log.size = 0
    appender = tiles.Appender(log)
    for entry in forged:
        appender.append(entry)
    appender.save()
    log.size, log.root, log.logged_count = appender.size, appender.root(), count
    log.save()
    checkpoint = notes.Checkpoint(letter_log.origin(letter.slug), log.size, log.root)
    note = notes.sign_checkpoint(checkpoint)
    Checkpoint.objects.create(log=log, size=log.size, note=note)
    Letter.objects.filter(pk=letter.pk).update(confirmed_count=count)
    return note
