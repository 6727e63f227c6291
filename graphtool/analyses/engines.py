"""Which compiled graph engine is available.

python-igraph (GPL, optional: ``pip install graphtool[igraph]``) runs the
searches behind betweenness and, on large graphs, the community detection;
without it networkx does the same work, slower. Both give the same numbers
(the tests compare them).
"""

from __future__ import annotations

import functools

#: The engines an analysis may be asked to use; ``auto`` picks igraph when installed.
ENGINES = ("auto", "networkx", "igraph")


@functools.cache
def igraph_available() -> bool:
    """True when python-igraph can be imported."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True
