"""The review queue on the admin index (``templates/admin/index.html``)."""

from django import template

from tracker.admin.review import INDEX_QUEUE_SIZE, review_queue

register = template.Library()


@register.inclusion_tag("admin/tracker/article/_review_queue.html", takes_context=True)
def review_queue_box(context):
    """The oldest articles awaiting review, for an editor who may see articles; one query each for
    the rows and the total."""
    user = context["request"].user
    if not user.has_perm("tracker.view_article"):
        return {"queue": None}
    queue = review_queue()
    return {"queue": queue[:INDEX_QUEUE_SIZE], "total": queue.count(), "on_index": True}
