"""Cue finding: the words and rules that make cue hits (``_syntax.CueHit``): cue verbs,
nouns and adjectives from the parse gated by the learned model (``_reported``, ``_model``,
``_siblings``), their speakers repaired (``_repair``), cues found from quote marks alone
(``_marks``) and the cue of a quoted fragment (``_fragment``)."""
