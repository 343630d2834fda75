"""Pagination for the API: ?limit= and ?offset=, never a whole table.

Kept out of claims/api.py because REST framework imports the default
pagination class while its own modules load.
"""

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """?limit= is capped at API_MAX_PAGE_SIZE (a larger one gets that many)."""

    @property
    def max_limit(self):
        return settings.API_MAX_PAGE_SIZE
