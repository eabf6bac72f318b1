"""The analyze stage: ``Article`` -> the same article with quotes, speakers and entities.

``analyze(article, settings)`` is the stage; ``analyze_text(text, settings)`` gives the
quotes, speakers and entities of a text; ``load_pipeline(name)`` loads the spaCy pipeline
the stage parses with. Everything else is private (modules with a leading underscore).
"""

from newsdesk.analyze._nlp import load_pipeline
from newsdesk.analyze._stage import analyze, analyze_text

__all__ = ["analyze", "analyze_text", "load_pipeline"]
