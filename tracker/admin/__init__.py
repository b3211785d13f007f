"""The editors' tool: enter and correct the record, review what extraction proposes.

Admin actions call ``tracker.services`` and add no logic of their own. Importing this package
registers every model admin.
"""

from tracker.admin import articles, jobs, record
from tracker.admin.articles import article_item_links, article_text_highlighted

__all__ = ["article_item_links", "article_text_highlighted", "articles", "jobs", "record"]
