"""Source providers: one module each, one shape (see `base.py`).

PROVIDERS maps a provider's name to its module; which ones run is
`settings.SOURCES_ENABLED` (or the list a gathering run was started with).
"""

from . import archive, cited, claimreview, factcheck, feeds, gdelt, searxng, verdicts, wikidata, wikipedia
from .base import Candidate, ClaimQuery, ProviderError, TransientProviderError

PROVIDERS = {
    module.NAME: module
    for module in (archive, wikipedia, wikidata, factcheck, claimreview, verdicts, searxng, gdelt, feeds, cited)
}

__all__ = ["PROVIDERS", "Candidate", "ClaimQuery", "ProviderError", "TransientProviderError"]
