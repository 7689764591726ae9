"""Published vectors for signed notes and cosignatures, kept here with their sources:

- golang.org/x/mod/sumdb/note, note_test.go (github.com/golang/mod at commit
  fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db): TestNewVerifier, TestNewSigner, TestSign,
  TestOpen (the PeterNeumann and EnochRoot keys and signatures).
- C2SP signed-note.md (github.com/C2SP/C2SP at commit 5ba5ee830903e91240fc6f9f3a7a9293d49e69c9),
  "Example": the example.com/foo verifier key and signed note.
- C2SP tlog-cosignature.md (same commit): the example cosigned checkpoint and the
  "Ed25519 signed message" example; C2SP tlog-witness.md: the example add-checkpoint body.
- github.com/transparency-dev/formats note/note_cosigv1_test.go (commit
  210e76017fe3e33f08c8300e3806851ebb6832db): the TEST verifier key of TestCoSigV1NewVerifier.
"""

import base64

import pytest

from undersigned_verify import notes, witness

# golang.org/x/mod/sumdb/note note_test.go
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqf"
    "qdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOT"
    "GwnWLox33WWd1RvMc+QQ=\n"
)

# C2SP signed-note.md, "Example"
C2SP_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
C2SP_NOTE = (
    "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6T"
    "fXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
)

# C2SP tlog-cosignature.md
SOFA_TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
SOFA_COSIGNATURE = (
    "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9d"
    "lrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
)
SOFA_MESSAGE = (
    "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
)
SOFA_LOG_SIG = (
    "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7"
    "u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
)

# C2SP tlog-witness.md, add-checkpoint "Example request body"
WITNESS_REQUEST = (
    "old 20852014\n"
    "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
    "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
    "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
    "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
    "\n" + SOFA_TEXT + "\n" + SOFA_LOG_SIG + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6x"
    "QkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n"
)


def mangled(key: str) -> list[str]:
    """Every proper substring and every one-byte increment, as TestNewVerifier tries."""
    found = [key[i:j] for i in range(len(key) + 1) for j in range(i + 1, len(key) + 1)]
    found = [k for k in found if k != key]
    found += [key[:i] + chr(ord(key[i]) + 1) + key[i + 1 :] for i in range(len(key))]
    return found


def test_go_verifier_key_parses_and_every_mangling_is_refused() -> None:
    peter = notes.Verifier.parse(PETER_VKEY)
    assert (peter.name, peter.id.hex(), peter.vkey) == ("PeterNeumann", "c74f20a3", PETER_VKEY)
    bad = [
        *mangled(PETER_VKEY),
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ]
    for key in bad:
        with pytest.raises(notes.NoteError):
            notes.Verifier.parse(key)


def test_go_private_key_parses_to_its_verifier_and_every_mangling_is_refused() -> None:
    name, private = notes.parse_private(PETER_SKEY)
    assert notes.Signer(name, private).verifier.vkey == PETER_VKEY
    assert notes.format_private(name, private) == PETER_SKEY
    for key in mangled(PETER_SKEY):
        with pytest.raises(notes.NoteError):
            notes.parse_private(key)


def test_go_sign_makes_the_published_note() -> None:
    signer = notes.Signer(*notes.parse_private(PETER_SKEY))
    assert signer.sign(TEXT) == TEXT + "\n" + PETER_SIG
    with pytest.raises(ValueError):
        signer.sign("abc")


def test_go_open_checks_known_keys_and_ignores_unknown_ones() -> None:
    peter, enoch = notes.Verifier.parse(PETER_VKEY), notes.Verifier.parse(ENOCH_VKEY)
    note = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    assert notes.open_note(note, [peter]).verified == {peter: 0}
    assert notes.open_note(note, [peter, enoch]).verified == {peter: 0, enoch: 0}
    assert notes.open_note(note, [peter]).text == TEXT
    with pytest.raises(notes.NoteError, match="no signature by this key"):
        notes.open_note(note, [])
    twice = TEXT + "\n" + PETER_SIG * 2 + ENOCH_SIG * 2
    assert notes.open_note(twice, [peter]).verified == {peter: 0}


def test_go_open_refuses_too_many_signatures_and_an_invalid_one() -> None:
    peter = notes.Verifier.parse(PETER_VKEY)
    with pytest.raises(notes.NoteError, match="malformed"):
        notes.open_note(TEXT + "\n" + PETER_SIG * 101, [peter])
    invalid = TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(notes.NoteError, match="bad signature"):
        notes.open_note(invalid, [peter])


@pytest.mark.parametrize(
    "note",
    [
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        "\x01" + TEXT + "\n" + PETER_SIG,
        # ("\xff" + text) is invalid UTF-8 bytes in Go; here notes are str, and every note
        # is fetched through a strict UTF-8 decode.
        TEXT + "\n" + "\u2014 Bad Name " + PETER_SIG.split(" ")[2].strip(),
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
    ],
)
def test_go_open_refuses_malformed_notes(note: str) -> None:
    with pytest.raises(notes.NoteError, match="malformed"):
        notes.open_note(note, [notes.Verifier.parse(PETER_VKEY)])


def test_c2sp_signed_note_example_verifies() -> None:
    key = notes.Verifier.parse(C2SP_VKEY)
    assert key.open(C2SP_NOTE) == "This is an example message.\n"
    with pytest.raises(notes.NoteError):
        key.open(C2SP_NOTE.replace("example message", "example massage"))


def test_transparency_dev_cosignature_test_key_parses() -> None:
    assert notes.Verifier.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")


def test_c2sp_cosignature_message_is_the_published_one() -> None:
    assert notes.cosignature_message(SOFA_TEXT, 1679315147).decode() == SOFA_MESSAGE


def test_c2sp_cosignature_example_line_has_the_published_layout() -> None:
    # key ID (4 bytes) || big-endian u64 timestamp || Ed25519 signature (64 bytes)
    text, lines = notes.split_note(SOFA_TEXT + "\n" + SOFA_LOG_SIG + SOFA_COSIGNATURE)
    assert text == SOFA_TEXT
    name, raw = lines[1]
    assert name == "witness.example.com/w1"
    assert len(raw) == 4 + 8 + 64
    assert int.from_bytes(raw[4:12], "big") == 1679315147  # the example message's time
    assert raw[:4] == base64.b64decode("jWbPPw==")


def test_c2sp_witness_example_request_parses() -> None:
    old, proof, note = witness.parse_request(WITNESS_REQUEST.encode())
    assert old == 20852014
    assert len(proof) == 4 and all(len(node) == 32 for node in proof)
    assert notes.Checkpoint.parse(notes.checkpoint_text(note)).size == 20852163
