"""Plain-text page dumps: scraped text with the page's boilerplate still in it.

``_extract.extract_text_dump`` reads the dump's lines (``_lines``, patterns in
``_patterns``), its title line, leaked slug and header block (``_header``) and finds the body
among menus, bylines and trailing junk (``_body``).
"""

from newsdesk.extract.textdump._extract import extract_text_dump

__all__ = ["extract_text_dump"]
