"""Motions with standing: an organisation's rulebook (``rulebook``) and the verdict engine that
checks a recorded vote against it (``standing``). Both are plain Python: no models here."""
