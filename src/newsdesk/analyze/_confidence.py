"""Every confidence value and cue-weight cut-off of the analyze stage, in one table.

Speaker confidences are what ``QuoteSpeaker.confidence`` reports: how sure we are that the
speaker behind a quote is the one named. Cue weights are ``CueHit.weight``: how likely a
cue is an attribution (the learned cue model's probability, or one of the fixed weights
below for cues found by rules). Changing a value here changes the output; each was set by
hand or tuned where its comment says.
"""

from __future__ import annotations

from typing import Final

# -- speaker confidences (QuoteSpeaker.confidence) -----------------------------------------
NAMED: Final = 0.9  # the cue's subject is a mention of a named entity cluster
SURNAME: Final = 0.8  # "Doe said": a surname the NER missed, matching a known person
BYLINE: Final = 0.85  # '“…” ― Carla Sanchez': the name after a dash byline
RELATIVE_CAP: Final = 0.85  # "Hamilton, who said ...": at most this sure through "who"
UNNAMED: Final = 0.6  # "a NATO official", "the ministry": an unnamed speaker
UNRESOLVED: Final = 0.4  # a pronoun with no antecedent: an unnamed speaker, never a guess
PRONOUN_SUBJECT: Final = 0.75  # he/she -> the person that is the subject earlier in the paragraph
PRONOUN_LAST: Final = 0.8  # he/she -> the last quote's speaker (a person)
PRONOUN_NEAREST: Final = 0.55  # he/she -> the nearest person of that gender named before
PLURAL: Final = 0.6  # they/it -> the last quote's speaker (an organisation)
DESCRIBED: Final = 0.7  # "the governor" -> the person named before with that title
CARRIED: Final = 0.6  # a quote paragraph without a cue that continues the previous speaker

# -- weights of cues found by rules (CueHit.weight) ----------------------------------------
TRANSCRIPT_CUE: Final = 0.9  # "WALLACE: ...": a transcript label of a known person
BYLINE_CUE: Final = 0.9  # the dash of a byline after a closing quote mark
ACCORDING_TO_CUE: Final = 0.8  # "according to X"
# Hand-written lists, used only when no learned weight (models/cues.json.gz) is shipped:
SPEECH_CUE: Final = 0.9  # a speech verb taking a clause or nothing ("said that", "said")
SPEECH_OTHER_CUE: Final = 0.4  # a speech verb in another frame ("told reporters")
THOUGHT_CUE: Final = 0.6  # a thought verb taking a clause ("believes that")

# -- cut-offs -------------------------------------------------------------------------------
# The least weight of a cue (and the weight given to late, colon and "as" cues found by
# rules); tuned on PolNeAR train[400:450], held out from cue training.
MIN_WEIGHT: Final = 0.15
# Raising cues ("X seemed to ...") the cue model is less sure of than this are dropped: each
# costs quote recall when it matches a Source-less annotation, but never scores a speaker.
# Chosen on three held-out training folds (0.6, 0.7 and 0.8 all raised quote+speaker F1;
# 0.7 keeps quote F1).
RAISING_MIN_WEIGHT: Final = 0.7
# Per-lemma weights (models/cues.json.gz) of a strong and of a weak cue: classes of the
# other candidates of a sentence, read as features by the cue model.
STRONG: Final = 0.5
WEAK: Final = 0.15
