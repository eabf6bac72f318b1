"""Bytes to text, as ``extract`` reads a page: for stages that need the page's text alone.

``decode(page, settings) -> (text, encoding name)``; it raises ``InputError`` subclasses
(``EmptyInput``, ``InputTooLarge``, ``NotAPage``) for pages that cannot be text.
"""

from newsdesk.extract._decode import decode

__all__ = ["decode"]
