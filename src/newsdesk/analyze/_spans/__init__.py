"""Quote spans: direct quotes from quote marks (``_direct``) and transcript turns
(``_transcripts``), the content of cue verbs (``_content``), nouns and adjectives
(``_nominal``), and quotes assembled from marks and cue hits (``_assembly``)."""
