"""The shapes of text-dump boilerplate, as data: debug leftovers, dates, trailing junk.

Rules are about the *shape* of a line, never about one outlet: a leaked PHP ``var_dump`` or
``print_r``, a line that is only a date, a short "advertisement" / "Share" / "Follow us" /
"Read more" line, a cookie or copyright notice.
"""

from __future__ import annotations

import re

# PHP var_dump / print_r / var_export leftovers, and their JSON-ish cousins.
VAR_DUMP_STRING = re.compile(r'^string\(\d+\)\s*"(?P<value>.*)"$')
DEBUG_LINE = re.compile(
    r"""^(?:
        string\(\d+\)\s*".*"                      # string(12) "value"
      | (?:int|float|bool|double)\(.*\)           # int(5), bool(true)
      | NULL | null
      | (?:array|object)\(.*\)\s*(?:\#\d+\s*)?(?:\(\d+\)\s*)?\{?   # array(2) {  object(Foo)#1 (2) {
      | Array | Array\s*\( | stdClass\s+Object\s*\(? | \w+\s+Object\s*\(
      | \[["']?[\w\-]+["']?(?::\w+)?\]\s*=>.*      # ["key"]=>  [key] => value
      | [(){}\[\]]                                # lone brackets closing a dump
      | (?:Notice|Warning|Deprecated|Fatal\ error|Parse\ error):\s.*\s(?:on\ line|in\ /).*
    )$""",
    re.X,
)
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
_DATE = (
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"  # 20/05/2026, 05-20-26
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # May 20, 2026
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"  # 20 May 2026
)
_DATE_PREFIX = (
    r"(?:(?:published|posted|updated|last\s+updated|modified|created|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
)
DATE_LINE = re.compile(rf"^{_DATE_PREFIX}(?P<date>{_DATE}{_TIME})\.?$", re.I)
DATE_INSIDE = re.compile(rf"(?<!\w){_DATE}", re.I)
MODIFIED_PREFIX = re.compile(r"^(?:last\s+)?(?:updated|modified)", re.I)

# Short lines that are page furniture wherever they appear.
FURNITURE = re.compile(
    r"""^(?:
        advertisements?|advertising|advert|ad|ads|sponsored(?:\ content)?|promoted(?:\ content)?
      | (?:story\ )?continues?\ (?:below|after)(?:\ (?:the\ )?(?:advertisement|ad|this\ ad))?
      | scroll\ (?:to\ )?(?:continue|down)(?:\ (?:with|for)\ content)?
      | share(?:\ (?:this|on|via|the\ article|article|story|post))?(?:\ \w+)?
      | tweet|email|e-mail|print|comments?|\d+\ comments?|reply|like|pin\ it|whatsapp
      | facebook|twitter|linkedin|reddit|pinterest|telegram|copy\ link|copied
      | follow(?:\ us)?(?:\ on\ [\w\ ,&]+)?|subscribe(?:\ now|\ today)?|sign\ (?:in|up)|log\ ?in
      | (?:read|see|view|show|load)\ (?:more|also|next|the\ full\ story)(?:\ ?:.*)?
      | (?:related(?:\ (?:articles?|stories|news|posts|content|topics?))?|see\ also)(?::.*)?
      | (?:more\ (?:from|on|in|about)|recommended|most\ (?:read|popular|viewed)|trending)(?:.*)?
      | (?:you\ (?:may|might)\ (?:also\ )?like|don'?t\ miss|also\ read|popular\ now)(?:.*)?
      | newsletter|sign\ up\ (?:for|to)\ .*newsletter.*|get\ (?:our|the)\ .*newsletter.*
      | back\ to\ top|top\ of\ page|skip\ to\ (?:main\ )?content|menu|search|close|home
      | donate|rss|learn\ more|contact(?:\ us)?|advertise|about(?:\ us)?|(?:i\ )?accept(?:\ all)?
      | e-edition|calendar|currently\ reading|updated|sections|more|live|watch|listen|video
      | next\ (?:article|story|post)|previous\ (?:article|story|post)|tags?(?::.*)?|topics?(?::.*)?
      | (?:photo|image|video|source|credit)s?:\s.{0,60}
    )[.!:]?$""",
    re.I | re.X,
)
COOKIE_OR_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bcookies?\b.*\b(?:use|accept|policy|"
    r"consent|settings)\b|\bprivacy policy\b|\bterms (?:of|and) (?:use|service|conditions)\b)",
    re.I,
)
# "Read also: <headline>" style teasers that sit between body paragraphs.
TEASER = re.compile(
    r"^(?:read|see|watch|listen)(?:\s+(?:also|more|next|too))?\s*[:>|»-]\s*\S.{0,200}$|"
    r"^(?:related|more|also read|recommended|advertisement)\s*[:>|»-]\s*\S.{0,200}$",
    re.I,
)
# Lines after which an article's body does not continue: comment sections, author boxes.
# (Related-link and most-read headings are furniture: their short lists never join a body.)
END_OF_ARTICLE = re.compile(
    r"""^\W*(?:
        \d+\s+(?:comments?|responses?|replies|reactions)\b.{0,80}
      | (?:top\ rated\ |show\ |view\ |load\ |read\ |post\ a\ |add\ a\ |leave\ a\ |write\ a\ |
         most\ popular\ |recent\ |all\ )?comments?(?:\ \(\d+\))?(?:\ (?:feed|section|policy)\b.*)?
      | (?:leave|post|add|submit)\ a\ (?:reply|comment|response)\b.{0,40}
      | join\ the\ (?:conversation|discussion|debate)\b.{0,40}
      | comments?\ (?:are|is)\ (?:closed|disabled)\b.{0,20}
      | what\ do\ you\ think\??
      | (?:about\ the\ author|more\ by\ this\ author|author\ bio)
      | [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){1,3}\ is\ an?\ (?:[\w-]+\ ){0,3}(?:writer|reporter|
         journalist|editor|correspondent|contributor|columnist|producer|author)\b.{0,160}
      | .{1,60}\ (?:says|said|wrote|writes|replied):
      | .{1,60}\ on\ .{4,40}\d{4}.{0,30}\ (?:said|says|wrote):?
    )\W*$""",
    re.I | re.X,
)
# Headings of link lists (related, most read, more from the outlet). Body text may sit after
# one of them (a sidebar before the article), so they only end a body that came before.
LINK_LIST_HEADING = re.compile(
    r"""^\W*(?:
        (?:related|recommended|similar|more|latest|top|other)\ (?:articles?|stories|posts|news|
          reads?|content|videos?|headlines|coverage)(?:\ (?:from|on|in|about)\ .{0,40})?
      | more\ (?:from|on|in|about)\b.{0,40} | more\ [A-Z][\w.]*(?:\ [A-Z][\w.]*){0,3}
      | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)\b.{0,20}
      | (?:most\ (?:read|popular|viewed|shared|recent)|trending(?:\ (?:now|stories|news))?
         |popular\ (?:now|posts|stories)|editor'?s?\ picks?|don'?t\ miss|read\ (?:more|next))
    )\W*$""",
    re.I | re.X,
)
# Image captions carry a credit: "(Image: GETTY)", "Credit: NASA", "(AP Photo/Jane Doe)",
# "... (NASA/JPL-Caltech/ASU)" at the end, "Photo: Reuters".
CAPTION = re.compile(
    r"""(?:
        \((?:image|photo|picture|pic|credit|source|video)s?:?\s[^()]{1,60}\)\s*$
      | \b(?:image|photo|picture|pic|photograph)\s+(?:credit|courtesy)\b
      | (?:^|[.\s])(?:credit|photo|image|picture|source)s?:\s*[^\s].{0,80}$
      | \((?:AP|AFP|EPA|Reuters|Getty|Shutterstock|PA)\b[^()]{0,60}\)\s*$
      | \(\s*\w[\w.&' -]*(?:/[\w.&' -]+)+\)\s*$
      | \b(?:Getty\ Images|AP\ Photo|Shutterstock|iStock)\b[^.]{0,60}$
    )""",
    re.I | re.X,
)
# A byline: "By Jane Doe", "Posted by Jane Doe on May 3, 2026", "May 3, 2026 by Jane Doe and
# John Roe", "Von Hans Muster". The names stop at a date, a separator or the line's end.
BYLINE = re.compile(
    r"(?:^|\s)(?:(?:posted|written|reported|words|story|text)\s+)?(?:by|von|par|por|di|door)\s+"
    r"(?P<names>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|und|et|y|e)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}){0,2})"
    r"(?=\s*$|\s+(?:on|am|le|el|il|at|\||-|–|—|•|·)\s|\s*[,|•·]\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d))",
    re.I,
)
