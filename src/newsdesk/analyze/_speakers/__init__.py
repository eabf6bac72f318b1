"""Speaker resolution: cue subjects corrected (``_choice``, ``_polls``, ``_raising``),
resolved to named, unnamed or pronoun speakers (``_book``), in text order
(``_resolve``)."""
