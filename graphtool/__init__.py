"""graphtool: a stakeholder collaboration graph analyser.

Organisations, the money that flows between them and the joint actions they
take part in become one graph. The library reads and validates a dataset
(:func:`graphtool.ingest.read_dataset`), builds the collaboration and funding
graphs (:mod:`graphtool.graphs`) and runs analyses on them
(:mod:`graphtool.analyses`).
"""

from graphtool.errors import GraphtoolError

__version__ = "0.1.0"

__all__ = ["GraphtoolError", "__version__"]
