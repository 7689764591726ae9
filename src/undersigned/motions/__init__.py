"""Motions with standing: an organisation's rulebook (``rulebook``) and the verdict engine that
checks a recorded vote against it (``standing``, with its types in ``verdicts`` and one function
per rule in ``checks``). All plain Python: no models here yet."""
