"""Checking an Undersigned letter's count from the outside, with nothing but the published
log (C2SP tlog-checkpoint, signed-note, tlog-tiles, tlog-proof), and a tlog-witness that
cosigns a log's checkpoints (C2SP tlog-cosignature). Only `cryptography` and the standard
library: no Django."""
