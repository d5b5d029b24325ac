"""Evidence model, loader and queries."""

from backpain_aid.evidence.loader import TABLE_FILES, DataProblem, EvidenceError, load_evidence
from backpain_aid.evidence.store import Evidence

__all__ = ["TABLE_FILES", "DataProblem", "Evidence", "EvidenceError", "load_evidence"]
