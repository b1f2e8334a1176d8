"""Domain code of the ethics panel transparency portal.

A record flows in one direction through these stages, one module each:

    load -> validate -> anonymise (check) -> tag -> render -> publish

Nothing in this package imports MkDocs: the build hook in ``hooks/`` adapts
MkDocs events to these functions, and the command-line tools in ``scripts/``
and the tests call them directly.
"""
