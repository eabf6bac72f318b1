"""Poll results: '75 percent of Republicans said ... in a recent poll' is the poll speaking
(it holds the attribution), not the respondents counted by a number; without a poll in the
sentence the share itself speaks ('with 30 percent of voters saying ...')."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._lexicon import is_speech

_POLL_NOUNS = frozenset("poll survey".split())
_SHARE_WORDS = frozenset("percent % majority plurality half third quarter fifth".split())


def _subject_root(speaker: Token) -> Token:
    """The head of the subject phrase: 'percent' for 'Republicans' in '75 percent of
    Republicans'."""
    tok = speaker
    for _ in range(2):
        of = tok.head
        if tok.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep" or of.head.i == of.i:
            break
        tok = of.head
    return tok


def _counts_people(root: Token) -> bool:
    """'75 percent of ...', 'Six in 10 ...', 'a majority of ...': a share of respondents."""
    if root.like_num or root.lower_ in _SHARE_WORDS:
        return True
    return any(c.dep_ == "nummod" and c.like_num and ":" not in c.text for c in root.children)


def _reports(poll: Token, cue: Token) -> bool:
    """'in a recent poll', 'a poll shows ...': the poll frames this cue's result; not 'the
    last time the survey was conducted', nor a poll of another speech verb ('after half
    said so in the earlier poll')."""
    if poll.pos_ != "NOUN":
        return False
    frame = next((t for t in poll.ancestors if is_speech(t.lemma_) or t.head.i == t.i), None)
    if frame is None:
        return False
    if poll.dep_ == "pobj" and poll.head.lower_ == "in":
        return frame.i == cue.i  # 'in a poll, 75 percent said', '... said ... in a poll'
    return poll.dep_ == "nsubj" and (frame.i == cue.i or frame.is_ancestor(cue))


def share_subject(speaker: Token, cue: Token) -> Token:
    """The cue's own subject when it counts respondents ('with 30 percent of voters saying
    ...', 'Twenty-four percent said ...') and the speaker came from elsewhere (a number is
    no speaker to the parse repair, which climbs to the clause above)."""
    if speaker.head.i == cue.i:
        return speaker
    own = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if own is None or own.is_ancestor(speaker) or not _counts_people(own):
        return speaker  # already inside the share's phrase ('62 percent of the delegates')
    return own


def poll_holder(speaker: Token, cue: Token) -> Token:
    """The poll named in the cue's sentence when the speaker (or the cue's own subject, see
    ``share_subject``) is a share of respondents; otherwise ``speaker``."""
    speaker = share_subject(speaker, cue)
    if not _counts_people(_subject_root(speaker)):
        return speaker
    polls = [t for t in cue.sent if t.lemma_.lower() in _POLL_NOUNS and _reports(t, cue)]
    if not polls:
        return speaker
    return min(polls, key=lambda t: abs(t.i - cue.i))
