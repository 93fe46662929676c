"""Field extractors (authors, credits) and the text shapes they and the classifier share.

Readers and the classifier both use them, so they know nothing of boilerplate decisions."""
