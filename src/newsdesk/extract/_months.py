"""Month names (full, genitive and common abbreviations) in the major European languages.

Data only: ``MONTHS`` maps a lower-case name to its number; ``MONTHS_PATTERN`` is a regex
alternation of every name, longest first, for the date patterns in ``_dates.py``.
"""

from __future__ import annotations

import re
from typing import TypeAlias

_NAMES: dict[int, str] = {
    1: "january jan janvier janv januar jänner jän enero ene gennaio gen janeiro januari "
    "januarie janar januara januar siječanj siječnja styczeń stycznia leden ledna ocak "
    "ianuarie január tammikuu января январь січня січень јануар јануара",
    2: "february feb febr février févr februar feber febrero febbraio fevereiro fev februari "
    "shkurt februara februar veljača veljače luty lutego únor února şubat subat februarie "
    "február helmikuu февраля февраль лютого лютий фебруар фебруара",
    3: "march mar mars märz mär marzo março marco maart mart marsi marta mart ožujak ožujka "
    "marzec marca březen března martie március maaliskuu марта март березня березень "
    "марта",
    4: "april apr avril avr abril abr aprile aprilie prill aprila april travanj travnja "
    "kwiecień kwietnia duben dubna nisan április huhtikuu апреля апрель квітня квітень "
    "април априла",
    5: "may mai mayo maggio mag maio mei maj maja maja svibanj svibnja květen května mayıs "
    "mayis május toukokuu мая май травня травень мај маја",
    6: "june jun juin juni junio giugno giu junho qershor juna jun lipanj lipnja czerwiec "
    "czerwca červen června haziran iunie június kesäkuu июня июнь червня червень јун јуна",
    7: "july jul juillet juil juli julio luglio lug julho korrik jula jul srpanj srpnja "
    "lipiec lipca červenec července temmuz iulie július heinäkuu июля июль липня липень "
    "јул јула",
    8: "august aug août aout agosto ago augustus augusti gusht avgust avgusta kolovoz "
    "kolovoza sierpień sierpnia srpen srpna ağustos agustos augusti elokuu августа август "
    "серпня серпень август августа",
    9: "september sep sept septembre septiembre setiembre settembre set setembro "
    "shtator septembar septembra rujan rujna wrzesień września září eylül eylul septembrie "
    "szeptember syyskuu сентября сентябрь вересня вересень септембар септембра",
    10: "october oct octobre okt oktober octubre ottobre ott outubro out tetor oktobar "
    "oktobra listopad listopada październik października říjen října ekim octombrie "
    "október lokakuu октября октябрь жовтня жовтень октобар октобра",
    11: "november nov novembre noviembre novembro nëntor nentor novembar novembra "
    "studeni studenoga listopad listopadu kasım kasim noiembrie marraskuu ноября ноябрь "
    "листопада листопад новембар новембра",
    12: "december dec décembre déc dezember dez diciembre dic dicembre dezembro "
    "dhjetor decembar decembra prosinac prosinca grudzień grudnia prosinec prosince "
    "aralık aralik decembrie joulukuu декабря декабрь грудня грудень децембар децембра",
}

MONTHS: dict[str, int] = {}
for _number, _words in _NAMES.items():
    for _word in _words.split():
        MONTHS.setdefault(_word, _number)


_Trie: TypeAlias = dict[str, "_Trie"]  # a letter trie: "" marks a word's end


def trie_pattern(words: list[str]) -> str:
    """A regex that matches any of ``words``, longest first, as a letter trie: Python's
    ``re`` tries a flat alternation name by name at every position, a trie letter by
    letter (the month patterns run several times faster)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: _Trie) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer words first, then this one
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


MONTHS_PATTERN = trie_pattern(list(MONTHS))
