"""French cue words, by what they report, as data (the French side of ``_cue_types``).

The classes follow the English ones (VerbNet/FrameNet communication classes) through the
usual French equivalents: *dire*, *déclarer*, *affirmer* are speech as *say*, *state*,
*assert* are; *estimer*, *juger*, *considérer* ("consider", VerbNet consider-29.9) and
*penser*, *croire* are beliefs, so "X estime que ..." is not a quote, as "X believes
that ..." is not. *constater* ("find") is a perception, as *find* is in English.

One French construction decides by itself: the incise, the inverted verb inside or right
after a direct quote ("« … », a-t-il estimé", "« … », soupire-t-elle"). French grammar
reserves it for verbs of saying used as such, so a verb in incise position is speech
whatever its class ("met-il en perspective", "a-t-il réagi").
"""

from __future__ import annotations

from typing import Final

from newsdesk.analyze._cue_types import CueType

_SPEECH = """
dire déclarer affirmer ajouter expliquer indiquer souligner préciser confier annoncer assurer
répondre raconter lâcher glisser poursuivre asséner assener réagir insister rappeler conclure
noter relever commenter témoigner avouer admettre reconnaître confirmer démentir nier
contester dénoncer critiquer fustiger s'exclamer exclamer écrier soupirer lancer ironiser
plaider promettre prévenir avertir alerter révéler divulguer signaler mentionner répéter
réitérer marteler résumer détailler développer argumenter objecter rétorquer répliquer
renchérir enchaîner continuer reprendre interroger demander questionner suggérer proposer
recommander exhorter appeler réclamer exiger prôner défendre soutenir maintenir protester
s'insurger regretter déplorer saluer féliciter remercier accuser qualifier traiter
surnommer décrire présenter qualifier jurer certifier garantir clamer crier murmurer
chuchoter hurler s'emporter s'agacer résumer évoquer avancer invoquer prédire pronostiquer
annoncer informer notifier communiquer déclarer
"""
_WRITING = """
écrire tweeter twitter publier rédiger signer poster envoyer adresser
"""
_BELIEF = """
estimer juger considérer penser croire trouver savoir espérer craindre redouter douter
souhaiter imaginer supposer présumer soupçonner s'inquiéter inquiéter s'attendre attendre
apprécier aimer détester préférer sembler paraître
"""
_INTENTION = """
vouloir décider prévoir compter envisager projeter chercher tenter viser entendre
"""
_PERCEPTION = """
constater voir observer remarquer découvrir apprendre montrer démontrer prouver établir
entendre sentir percevoir
"""

_ORDER: Final[tuple[tuple[CueType, str], ...]] = (
    ("speech", _SPEECH),
    ("writing", _WRITING),
    ("belief", _BELIEF),
    ("intention", _INTENTION),
    ("perception", _PERCEPTION),
)
# First list wins, as in ``_cue_types``: a lemma in two lists is read as the earlier one.
VERB_TYPES: Final[dict[str, CueType]] = {}
for _type, _block in reversed(_ORDER):
    VERB_TYPES.update(dict.fromkeys(_block.split(), _type))

# Prepositions that name a source: "selon X, …", "d'après X, …".
SOURCE_PREPOSITIONS: Final = frozenset({"selon", "d'après", "d’après"})

# Honorifics dropped from a speaker's name ("M. Caldwell" is Caldwell).
HONORIFICS: Final = frozenset(
    {"m.", "mm.", "mme", "mmes", "mlle", "me", "mgr", "dr", "pr", "monsieur", "madame"}
)

# Subject clitics of an inverted incise: "a-t-il dit", "affirme-t-elle".
SUBJECT_CLITICS: Final = frozenset({"il", "elle", "ils", "elles", "on"})
PRONOUNS: Final = SUBJECT_CLITICS | frozenset({"lui", "eux", "celui-ci", "celle-ci", "ce"})


def verb_type(lemma: str) -> CueType:
    """The type of a French cue verb by its lemma (an action when no class lists it)."""
    return VERB_TYPES.get(lemma.lower(), "action")


# Forms the small French tagger often reads as nouns in an incise ("glisse Zineb", "assène
# Antony Fastier"): the verb is recognised by its form as well as by its lemma.
_IRREGULAR = {
    "dire": "dit disent disait disaient dira",
    "écrire": "écrit écrivent écrivait",
    "répondre": "répond répondent répondait répondu",
    "reprendre": "reprend reprennent reprenait repris",
    "admettre": "admet admettent admis",
    "promettre": "promet promettent promis",
    "reconnaître": "reconnaît reconnait reconnaissent reconnu",
    "soutenir": "soutient soutiennent soutenu",
    "maintenir": "maintient maintiennent maintenu",
    "prédire": "prédit prédisent",
    "poursuivre": "poursuit poursuivent poursuivait poursuivi",
    "conclure": "conclut concluent conclu",
    "décrire": "décrit décrivent décrit",
    "prévenir": "prévient préviennent prévenu",
    "avertir": "avertit avertissent averti",
    "réagir": "réagit réagissent réagi",
    "défendre": "défend défendent défendu",
    "interroger": "interroge interrogent interrogé",
    "s'exclamer": "exclame exclament exclamé",
    "estimer": "estime estiment estimé",
}
_ER_ENDINGS = ("e", "ent", "é", "ée", "és", "ait", "aient", "a", "ant")


def _er_forms(lemma: str) -> list[str]:
    stem = lemma[:-2]
    forms = [stem + ending for ending in _ER_ENDINGS]
    last_e = stem.rfind("é")
    if last_e >= 0:  # asséner -> assène, répéter -> répète
        open_stem = stem[:last_e] + "è" + stem[last_e + 1 :]
        forms += [open_stem + "e", open_stem + "ent"]
    if stem.endswith(("el", "et")):  # rappeler -> rappelle
        forms += [stem + stem[-1] + "e", stem + stem[-1] + "ent"]
    return forms


def _forms() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in VERB_TYPES:
        if lemma.endswith("er") and "'" not in lemma:
            table.update(dict.fromkeys(_er_forms(lemma), lemma))
    for lemma, forms in _IRREGULAR.items():
        table.update(dict.fromkeys(forms.split(), lemma))
    return table


FORMS: Final[dict[str, str]] = _forms()


def cue_lemma(lemma: str, form: str) -> str | None:
    """The cue verb a token is, by its lemma or else by its form; None if not a cue verb."""
    lemma = lemma.lower()
    if lemma in VERB_TYPES:
        return lemma
    return FORMS.get(form.lower())
