"""Extract statements with evidence from a paper's text, using the ontology as the dictionary.

The flow is one way: a document (``kg.documents``) is cut into sentences; in each sentence
:mod:`kg.extract.recognise` finds the ontology's concepts, :mod:`kg.extract.levels` the vertebral
levels, :mod:`kg.extract.numbers` the numbers with units, :mod:`kg.extract.negation` which concepts
are negated; :mod:`kg.extract.rules` turns them into candidate statements, one named rule per
statement kind; :mod:`kg.extract.pipeline` scores them and writes them in the curation file format
(``curation/README.md``) with ``method: extracted``, the rule and a confidence.
"""
