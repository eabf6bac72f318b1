"""Page furniture that the block classifier lets through: general rules, no site rules.

Run on the blocks already kept as main text, these drop what is never the article's own
words, in the languages of the evaluation pages (English, German, French, Spanish,
Portuguese, Italian, Polish, Dutch):

- labels standing alone: "Related Coverage", "Ähnliche Beiträge", "Advertisement",
  "Share this:", "Explore further"; a label that opens a list of links ("Read more",
  "Lesen Sie auch") takes the short linked blocks right after it along;
- promos with their headline: "Read more: ...", "[Read: ...]", "ALSO READ: ...",
  "Check out more articles on ...", newsletter sign-ups, "Follow us on Twitter ...";
- photo captions' credits and credit lines: "Photo: ...", "Credit: X / AFP", "Foto: ...",
  "AFP / MARCO BERTORELLO", "iStock.com";
- gallery widgets: "1 of 24", "Full Screen", "Autoplay";
- chart residue: three or more blocks in a row that hold nothing but numbers;
- teaser lists: three or more blocks in a row, each a linked headline followed by the
  opening of its story cut short ("... NEW DELHI: The Congress on Wednesday demanded ...").

Each rule looks at one short block (a long paragraph is never furniture by these rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsdesk.extract._dates import search_date
from newsdesk.extract.html._casefold import folds_beyond_lower
from newsdesk.extract.html._segment import HEADINGS, Candidate

_MAX_LABEL_CHARS = 60
_MAX_PROMO_CHARS = 220
_MAX_CREDIT_CHARS = 120
_MAX_NOTICE_CHARS = 400
_MIN_RUN = 3
_MAX_LIST_CHARS = 200  # a linked headline after a "Read more" label
_LINKED = 0.6  # share of a block's text inside links for it to be a linked headline
_MAX_DATELINE_CHARS = 60
_MIN_SHOUTED_CHARS = 20  # a linked headline in capitals: at least this long
_MIN_SHOUTED_WORDS = 4
_MAX_BIO_CHARS = 400
_BIO_BLOCKS = 3  # a bio is among the last blocks
_BIO_VERB = (
    r"\s+(?:is|was|has|covers|writes|reports|ist|war|schreibt|berichtet|est|écrit|es|escribe"
    r"|è|scrive|jest|pisze)\b"
)
_BIO_VERB_AT = re.compile(_BIO_VERB)
_MAX_DATELINES = 2  # a published and an updated line
_MAX_TEASER_CHARS = 400
_TEASER_LINK = (0.1, 0.7)  # a teaser's share of text in its headline link
_CUT_SHORT = ("...", "…", "[…]", "[...]", "(…)", "(...)")
_MAX_DATELINE_WORDS = 3  # words beside the date: "Updated", a category, a place

# Labels that are the whole block (case folded, trailing ":" "!" "…" "»" and spaces ignored).
# "opens" marks labels that head a list of links (taken along with them).
_OPENING_LABELS = r"""
    related(?:\s+(?:articles?|stories|posts|coverage|content|news|topics|links|reading))?
    | more\s+(?:on\s+this\s+(?:story|topic)|stories|articles|news|from\s+[\w\s.&'-]{2,30})
    | read\s+(?:more|also|next|this\s+next)
    | see\s+also | also\s+read | further\s+reading
    | recommended(?:\s+(?:for\s+you|stories|articles))?
    | you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)
    | (?:most\s+)?(?:popular|read|viewed)(?:\s+(?:now|stories|articles|news))?
    | latest(?:\s+(?:news|stories|articles|posts))? | top\s+stories | trending(?:\s+now)?
    | explore\s+further | what\s+to\s+read\s+next | in\s+other\s+news | editor'?s\s+picks
    | ähnliche\s+(?:beiträge|artikel|themen) | verwandte\s+(?:themen|artikel|beiträge)
    | (?:das|dies)\s+könnte\s+(?:sie|dich)(?:\s+auch)?(?:\s+interessieren)?
    | (?:das\s+)?thema\s+könnte\s+(?:sie|dich)\s+auch\s+interessieren
    | lesen\s+sie\s+(?:auch|mehr|weiter)(?:\s+die\s+folgenden\s+beiträge)? | lies\s+auch
    | mehr\s+(?:zum\s+thema|dazu|artikel|kolumnen\s+auf\s+[\w.-]+|aus\s+[\w\s.-]{2,30})
    | weitere\s+(?:beiträge|artikel|themen|informationen|infos|nachrichten|tourentipps
        |beiträge\s+aus\s+der\s+kolumne|links?)
    | weiterführende[rn]?\s+(?:informationen|links?|artikel) | lust\s+auf\s+mehr
    | neueste\s+(?:artikel|beiträge|nachrichten) | empfohlener\s+redaktioneller\s+inhalt
    | auch\s+(?:interessant|lesenswert) | auch\s+auf\s+[\w.-]+ | zum\s+weiterlesen
    | vorschau\s+auf\s+den\s+nächsten\s+artikel | das\s+könnte\s+dich\s+auch\s+interessieren
    | à\s+lire\s+(?:aussi|également) | lire\s+(?:aussi|la\s+suite) | sur\s+le\s+même\s+sujet
    | voir\s+aussi | articles?\s+(?:similaires|liés|connexes)
    | le\s+puede\s+interesar | te\s+puede\s+interesar | lea\s+también | lee\s+también
    | (?:noticias|artículos)\s+relacionad[ao]s | más\s+noticias | también\s+te\s+puede\s+interesar
    | leia\s+também | veja\s+também | notícias\s+relacionadas
    | leggi\s+anche | potrebbe\s+interessarti
    | articoli\s+correlati | czytaj\s+(?:też|także|więcej) | zobacz\s+(?:też|także|również)
    | você\s+(?:pode|também\s+pode)\s+gostar | polecane | lees\s+ook
    | gerelateerde\s+artikelen | meer\s+(?:nieuws|lezen)
"""
_LABELS = r"""
    advertisement | advertising | sponsored(?:\s+content)? | ad | anzeige | werbung
    | publicidad | publicité | pubblicità | reklama | advertentie | sponsored\s+links?
    | share(?:\s+(?:this(?:\s+(?:article|story|post))?|on\s+\w+))? | teilen | jetzt\s+teilen
    | teilen\s+sie\s+dies\s+mit | artikel\s+teilen | partager | compartir | condividi
    | udostępnij | gefällt\s+mir | like\s+this | print | drucken | imprimir | e-?mail
    | comments? | kommentare | commentaires | comentarios | komentarze
    | leave\s+a\s+(?:comment|reply)
    | tags? | schlagworte | schlagwörter | stichworte | themen | topics | categories
    | inhaltsverzeichnis | table\s+of\s+contents | contents | zurück | back\s+to\s+top
    | über\s+den\s+autor | about\s+the\s+author | zur\s+person | zum\s+autor
    | beitragsbild | titelbild | (?:noch\s+)?keine\s+bewertungen | \(noch\s+keine\s+bewertungen\)
    | full\s+screen | autoplay | (?:photo|image)\s+gallery | bildergalerie | galerie
    | advert | don'?t\s+miss | continue\s+reading(?:\s+below)?
    | news | advertising\s+disclosure | sign\s+up | subscribe | newsletter | abonnieren
"""
_PROMO = r"""
    \(?\s*(?:read\s+more|read\s+also|also\s+read|read|related|see\s+(?:also|more)|more|watch|listen
      |recommended|leggi\s+anche\s+su
      |lesen\s+sie\s+auch|lesen\s+sie\s+mehr|lies\s+auch|mehr\s+zum\s+thema|auch\s+interessant
      |lire\s+aussi|à\s+lire\s+aussi|le\s+puede\s+interesar|te\s+puede\s+interesar|lea\s+también
      |leia\s+também|leggi\s+anche|czytaj\s+(?:też|także|więcej)|zobacz\s+(?:też|także)
      |lees\s+ook|lesen\s+sie\s+hier|lies\s+hier|hier\s+lesen|weiterlesen)\s*:\s*\S
    | siehe\s+auch\s
    | also\s+on\s+[\w-]+\.[a-z]{2,4}\s+\S | on\s+[\w-]+\.(?:com|net|org|co\.uk)\s*:\s*\S
    | like\s+this\s+(?:story|article)\?\s+share | get\s+[\w\s]{2,30}\s+on\s+the\s+go\b
    | this\s+slideshow\s+requires\s+javascript
    | related\s+(?:roundups?|guides?|coverage|videos?|stor(?:y|ies)|articles?|reading|links?
      |topics?|posts?|news|content)\s*:\s*\S
    | buyer'?s\s+guide\s*:\s*\S | also\s*:\s*(?:see|read|watch)\b
    | \[\w+\s+\w+\s*=  # a WordPress shortcode left in the text: [button link="..."]
    | (?:werden\s+sie|werde)\s+mitglied\b | hazte\s+miembro\b | jede\s+(?:kleine\s+)?spende\b
    | bitte\s+registrieren\s+sie\s+sich\b
    | get\s+the\s+latest\s+news\s+straight\s+to\s+your\s+(?:phone|inbox)
    | submit\s+your\s+letter\s+to\s+the\s+editor
    | (?:der|dieser)\s+beitrag\s+wurde\s+am\b.{0,80}\bveröffentlicht
    | this\s+entry\s+was\s+posted\s+(?:on|in)\b
    | vergrößern\s
    | \[\s*(?:read|see|watch|related|more)\s*:
    | read\s+the\s+full\s+(?:transcript|story|article|report|interview)
    | check\s+out\s+more\s+(?:articles|stories)\s+on
    | (?:sign\s+up|subscribe|register)\s+(?:now\s+)?(?:for|to)\s+(?:our|get|receive)\b
    | (?:get|receive)\s+(?:our|the)\s+\w+(?:\s+\w+)?\s+newsletter
    | follow\s+(?:us|[@\w\s.]{2,40})\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok)
    | (?:síguenos|siguenos|folgen\s+sie\s+uns|suivez-nous|seguici|obserwuj\s+nas)
      \s+(?:en|auf|sur|su|na)\b
    | melden\s+sie\s+sich\s+(?:hier\s+)?(?:für|zu)\s+(?:unserem|unseren|den)\s+newsletter
    | (?:jetzt\s+)?(?:newsletter\s+)?abonnieren\b
    | (?:hier|jetzt)\s+(?:den\s+)?newsletter\s+(?:abonnieren|bestellen)
    | (?:dieser|der)\s+(?:artikel|beitrag)\s+gefällt\s+(?:ihnen|dir)
    | (?:categor(?:y|ies)|kategorien?|rubrik|tags?|schlagw[oö]rte?|stichw[oö]rte?|themen|topics
      |filed\s+under|posted\s+in)\s*:
"""
# Notices that make a short block furniture wherever they appear in it.
_NOTICES = r"""
    all\s+rights\s+reserved | alle\s+rechte\s+vorbehalten | tous\s+droits\s+réservés
    | todos\s+los\s+derechos\s+reservados | vervielfältigung\s+nur\s+mit | copyrighted\s+property
    | materiał\s+chroniony\s+prawem | written\s+permission | without\s+(?:prior\s+)?permission
    | already\s+a\s+subscriber | please\s+subscribe | subscribe\s+now | jetzt\s+abonnieren
    | newsletter\b.{0,60}\b(?:sign\s+up|subscribe\b|abonnier|an!|anmelden|bestellen|inbox)
    | (?:sign\s+up|subscribe|melde\s+dich|melden\s+sie\s+sich)\b.{0,60}\bnewsletter
    | advertiser\s+disclosure | may\s+receive\s+(?:a\s+)?compensation | affiliate[\s-]links?
    | earn\s+(?:a\s+)?(?:small\s+)?commission | enthält\s+(?:werbung|affiliate)
    | provisions-?links? | ^\*?\s*(?:werbung|anzeige|gesponsert|sponsored)\s*[.:|]
    | nicht\s+eingeloggt | must\s+be\s+logged\s+in | um\s+einen\s+kommentar
    | comments\s+are\s+moderated | kommentare\s+werden\s+moderiert
    | we\s+welcome\s+(?:reader\s+)?comments | ask\s+that\s+comments\s+are
    | comments\s+may\s+be\s+(?:republished|removed|deleted|edited)
    | (?:first-time|new)\s+subscribers\s+(?:also\s+)?(?:receive|get)
    | noch\s+keine\s+bewertungen | no\s+ratings\s+yet
    | (?:keep\s+up\s+with|follow)\s+(?:me|him|her)\s+on\s+(?:twitter|instagram|x|linkedin)\b
    | apps?\s+for\s+(?:ios|iphone)\s+and\s+android | pdf\s+herunterladen
    | download\s+(?:the\s+|this\s+)?(?:article\s+as\s+)?pdf\b
    | comentários\b.{0,80}\baprovados | \d+\s+issues\s+for\s+[£$€]
    | we\s+respect\s+your\s+privacy | wir\s+respektieren\s+(?:deine|ihre)\s+privatsphäre
"""
# A word each notice holds: the notice pattern runs only on blocks holding one (it is slow).
_NOTICE_WORDS = (
    "reserv", "réserv", "vervielf", "copyright", "chroniony", "permission", "subscri", "abonn",
    "newsletter", "disclosure", "compensation", "affiliate", "commission", "werbung",
    "anzeige", "gesponsert", "sponsored", "eingeloggt", "logged", "kommentar", "moderat",
    "bewertung", "ratings", "keep up with", "follow", "ios", "pdf", "privacy", "privatsph",
    "provision", "comentários", "issues", "comments",
)  # fmt: skip
# A category or tag list after other furniture ("News date : 04/21/2022 Category : Press"),
# in a block that is no sentence.
_FILED = r"\b(?:category|categories|kategorie|kategorien|filed\s+under|posted\s+in)\s*:"
_CREDIT = r"""
    (?:photos?|fotos?|foto|bild(?:er)?|images?|credits?|crédits?(?:\s+photos?)?|photograph(?:y|s)?
      |pictures?|titelbild|beitragsbild|aufmacherbild|quelle|źródło|fot\.|zdjęcie|fuente|fonte
      |imagen|immagine|illustration|grafik)\s*(?:\([^)]{0,40}\)\s*)?[:©]
    | ©
"""
# An agency or picture library after a slash or pipe, or standing alone.
_AGENCY = r"""
    (?:afp|reuters|ap|dpa|epa|getty(?:\s+images)?|istock(?:photo)?(?:\.com)?|shutterstock(?:\.com)?
      |wenn(?:\.com)?|imago(?:\s+images)?|bestimage|picture\s+alliance|keystone|ansa|anp
      |alamy|ddp|xinhua|belga|pa\s+wire|pa|sipa|abaca|zuma|unsplash|pixabay|adobe\s*stock)
"""
_GALLERY = re.compile(
    r"(?:\d+\s*(?:of|von|de|di|z|/)\s*\d+\s*)?"
    r"(?:(?:full\s*screen|autoplay|wait\s+\d+\s+seconds?|next|previous|prev|close|vollbild)\s*)+"
    r"|\d+\s*(?:of|von|/)\s*\d+",
    re.I,
)
# A share bar: two or more network names or share words and nothing else.
_SHARE_BAR = re.compile(
    r"(?:(?:whatsapp|facebook|twitter|x|pinterest|pin(?:t|\s+it)?|linkedin|e-?mail|telegram"
    r"|reddit|tumblr|messenger|flipboard|xing|print|copy\s+link|share|compartilhar|compartir"
    r"|teilen|partager|condividi|baixar|sms)\s*[,|·•/]?\s*){2,}",
    re.I,
)
_NOTICE_WORD_I = re.compile("|".join(_NOTICE_WORDS), re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_NUMBERS = re.compile(r"[\d\s.,:%°$€£+\-–/()]+[a-zA-Z%]{0,2}")
_PUBLICATION_LABEL = re.compile(
    r"(?:published|posted|updated|date|veröffentlicht|aktualisiert|stand|publié|mis\s+à\s+jour"
    r"|publicado|actualizado|pubblicato|opublikowano)\s*:$",
    re.I,
)
_TRAILING = " \t:!?…»«›-–—|"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The rule patterns, compiled on the first page (they are large)."""
    flags = re.I | re.X
    return {
        "opening": re.compile(f"(?:{_OPENING_LABELS})", flags),
        "label": re.compile(f"(?:{_LABELS})", flags),
        "promo": re.compile(f"(?:{_PROMO})", flags),
        "credit": re.compile(f"(?:{_CREDIT})", flags),
        "notice": re.compile(f"(?:{_NOTICES})", flags),
        "notice_word": _notice_words(),
        "filed": re.compile(_FILED, re.I),
        "agency_end": re.compile(
            rf"(?:[/|©]|\bvia|\b(?:photo|foto|credit|bild)s?\s*:)\s*{_AGENCY}"
            rf"(?:\s*/\s*[\w\s.'’-]{{2,40}})?\s*\.?$",
            flags,
        ),
        "credit_end": re.compile(
            r"[,|]\s*(?:photos?|fotos?|bild|fot\.|zdjęcie|crédits?\s+photos?)\s*:[^,:]{0,40}$"
            r"|\(\s*(?:images?|photos?|pictures?|fotos?|bild|credit)\s*:[^()]{1,40}\)\s*\.?$",
            re.I,
        ),
        "agency_alone": re.compile(rf"{_AGENCY}(?:\s*/\s*[\w\s.'-]{{2,40}})?", flags),
    }


def _label_key(text: str) -> str:
    """The label's words, without trailing punctuation or an ellipsis ("You may also like...")."""
    return " ".join(text.strip(_TRAILING).removesuffix("...").strip(_TRAILING).split())


def is_opening_label(text: str) -> bool:
    """A label that heads a list of links: "Related stories", "Lesen Sie auch:"."""
    if len(text) > _MAX_LABEL_CHARS:
        return False
    return _patterns()["opening"].fullmatch(_label_key(text)) is not None


def is_furniture(text: str) -> bool:
    """One short block that is never the article's own words (the module's rules)."""
    patterns = _patterns()
    if len(text) > _MAX_PROMO_CHARS:  # a longer copyright notice: "© 2022, Site. This ..."
        return _is_long_notice(text, patterns)
    if len(text) <= _MAX_LABEL_CHARS and _is_label(_label_key(text), patterns):
        return True
    if patterns["promo"].match(text) or _has_notice(text, patterns):
        return True
    return len(text) <= _MAX_CREDIT_CHARS and _is_credit(text, patterns)


def _notice_words() -> re.Pattern[str]:
    """``_NOTICE_WORDS`` for lower-cased text, grouped by first letter: sre tries only the
    words that start with the letter it sees, several times faster than an ``re.I`` list."""
    by_first: dict[str, list[str]] = {}
    for word in _NOTICE_WORDS:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in by_first.items()))


def _has_notice(text: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    # ``text.lower()`` matches a word wherever ``re.I`` would, except at the three letters
    # ``re.I`` folds and ``str.lower`` does not ("İ", "ı", "ſ"): those go by ``re.I``.
    if patterns["notice_word"].search(text.lower()) is None:
        if not folds_beyond_lower(text) or _NOTICE_WORD_I.search(text) is None:
            return False
    return patterns["notice"].search(text) is not None


def _is_long_notice(text: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    if len(text) > _MAX_NOTICE_CHARS or not _COPYRIGHT.match(text):
        return False
    return _has_notice(text, patterns)


def _is_label(key: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    """A label, widget or credit standing alone (``key``: ``_label_key`` of the block)."""
    if patterns["label"].fullmatch(key) or patterns["opening"].fullmatch(key):
        return True
    if _SHARE_BAR.fullmatch(key):
        return True
    return bool(_GALLERY.fullmatch(key) or patterns["agency_alone"].fullmatch(key))


def _is_credit(text: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    """A credit line, a caption ending in one, or a category list that is no sentence."""
    if patterns["credit"].match(text):
        return True
    if text[-1:] not in ".!?" and patterns["filed"].search(text):
        return True
    stripped = text.rstrip(". )")
    return bool(patterns["agency_end"].search(stripped) or patterns["credit_end"].search(text))


def _is_number_block(text: str) -> bool:
    return len(text) <= 24 and _NUMBERS.fullmatch(text) is not None


def drop_furniture(kept: list[Candidate], authors: Sequence[str] = ()) -> list[Candidate]:
    """``kept`` without the furniture blocks, runs of number-only blocks (chart axes) and of
    teasers (other stories' headlines with their openings cut short), the
    datelines of a page that has one or two (more are a list the text holds: events, a
    changelog, a table of dates), the linked headlines that follow an opening label and, near
    the end, a bio of one of the page's ``authors``."""
    datelines = [is_dateline(cand.text) for cand in kept]
    numbers = [
        not dated and _is_number_block(c.text) for c, dated in zip(kept, datelines, strict=True)
    ]
    drop = _runs(kept, numbers) | _runs(kept, [_is_teaser(cand) for cand in kept])
    if sum(datelines) > _MAX_DATELINES:
        datelines = [False] * len(kept)
    following = False  # inside the list of links after an opening label
    for i, cand in enumerate(kept):
        text = cand.text
        if following and _is_linked_headline(cand):
            drop.add(i)
            continue
        following = False
        if is_opening_label(text):
            drop.add(i)
            following = True
        elif datelines[i] or is_furniture(text) or _is_shouted_link(cand):
            drop.add(i)
    _trailing_headings(kept, drop)
    _author_bios(kept, authors, drop)
    if len(drop) == len(kept):
        return kept  # never empty a page by these rules: the classifier kept something
    return [cand for i, cand in enumerate(kept) if i not in drop]


def is_dateline(text: str) -> bool:
    """A short block that is a date (and time) with at most a few words beside it: "17 April
    2012 • 2:54pm", "02.02.2022 A-Frauen". The date is the page's metadata, not its text."""
    if len(text) > _MAX_DATELINE_CHARS or "@" in text:  # "@": a tweet's attribution line
        return False
    found = search_date(text)
    if found is None:
        return False
    before = text[: found.start].rstrip()
    if before.endswith(":") and not _PUBLICATION_LABEL.search(before):
        return False  # "Termin: 29.02.2020, 19 Uhr": a date the text is about
    rest = before + " " + text[found.end :]
    return sum(1 for word in rest.split() if any(c.isalpha() for c in word)) <= _MAX_DATELINE_WORDS


def _author_bios(kept: list[Candidate], authors: Sequence[str], drop: set[int]) -> None:
    """Add the blocks among the last few that open with an author's name and a verb of
    being or writing ("Jane Doe is a reporter ...", "Doe covers ...")."""
    names = [name for name in authors if len(name) > 3]
    if not names:
        return
    forms = _name_forms(names)
    for i in range(max(0, len(kept) - _BIO_BLOCKS), len(kept)):
        text = kept[i].text
        if len(text) <= _MAX_BIO_CHARS and _opens_bio(text, forms):
            drop.add(i)


def _opens_bio(text: str, forms: Sequence[str]) -> bool:
    """``text`` opens with one of the name ``forms`` and a bio's verb (no pattern compiled
    per page: the names differ on every page)."""
    return any(text.startswith(f) and _BIO_VERB_AT.match(text, len(f)) for f in forms)


def _name_forms(names: Sequence[str]) -> list[str]:
    """Each full name and its last word (the surname), longest first."""
    forms = set(names) | {name.split()[-1] for name in names if " " in name}
    return sorted((f for f in forms if len(f) > 3), key=len, reverse=True)


def _trailing_headings(kept: list[Candidate], drop: set[int]) -> None:
    """Add the headings that end the text (nothing of theirs follows: a related box's title)."""
    for i in range(len(kept) - 1, -1, -1):
        if i in drop:
            continue
        if kept[i].tag not in HEADINGS:
            return
        drop.add(i)


def _is_linked_headline(cand: Candidate) -> bool:
    size = len(cand.text)
    return 0 < size <= _MAX_LIST_CHARS and cand.link_chars >= _LINKED * size


def _is_shouted_link(cand: Candidate) -> bool:
    """A linked headline in capitals ("A LONG, DRAWN OUT HISTORY OF TAYLOR SWIFT'S FEUDS")
    in a paragraph: a promo for another story, never the article's own sentence.
    Headings and numbered items in capitals are the article's sections ("3. NIKON Z6")."""
    text = cand.text
    return (
        cand.tag not in HEADINGS
        and not text[:1].isdigit()
        and len(text) >= _MIN_SHOUTED_CHARS
        and text.isupper()
        and len(text.split()) >= _MIN_SHOUTED_WORDS
        and _is_linked_headline(cand)
    )


def _is_teaser(cand: Candidate) -> bool:
    """A linked headline with the opening of its story, cut short: an item of a list of
    other stories ("Latest", "Breaking News"). The block opens with its link and ends outside
    it ("... Full review…", a link of the article's own, is no cut)."""
    text, size = cand.text, len(cand.text)
    low, high = _TEASER_LINK
    return (
        cand.linked_ends == (True, False)
        and size <= _MAX_TEASER_CHARS
        and low * size <= cand.link_chars <= high * size
        and text.rstrip().endswith(_CUT_SHORT)
    )


def _runs(kept: list[Candidate], marked: list[bool]) -> set[int]:
    """Positions of the marked blocks in runs of ``_MIN_RUN`` or more in a row, table cells
    left out (a table of numbers or dates is the text's own)."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(len(kept) + 1):
        if i < len(kept) and marked[i] and kept[i].tag not in ("td", "th"):
            run.append(i)
            continue
        if len(run) >= _MIN_RUN:
            found.update(run)
        run = []
    return found
