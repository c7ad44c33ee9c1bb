"""Importing this module registers every sourcetrace spaCy component factory and the ``Doc._`` extensions.

It is also what spaCy's ``spacy_factories`` entry points name, so ``nlp.add_pipe("sourcetrace_times")``
works in any pipeline once the package is installed.
"""

from sourcetrace.extract import attribution, quantities, times
from sourcetrace.extract.extensions import register_extensions
from sourcetrace.nlp import lemma_lexicon, name_lists, sentences, verb_lexicon

register_extensions()

# factory name -> the module that defines it
FACTORIES = {
    "sourcetrace_times": times,
    "sourcetrace_quantities": quantities,
    "sourcetrace_attribution": attribution,
    "sourcetrace_verb_lexicon": verb_lexicon,
    "sourcetrace_lemma_lexicon": lemma_lexicon,
    "sourcetrace_quote_boundaries": sentences,
    "sourcetrace_name_lists": name_lists,
}
