"""What happens when a page or snippet passes the last step of its review.

Wagtail imports this while its own models load (the
``WAGTAIL_FINISH_WORKFLOW_ACTION`` setting), so nothing here may import models
at module level.
"""

import logging

logger = logging.getLogger(__name__)


def publish_approved_revision(workflow_state, user=None):
    """Publish the reviewed revision; passing the review is the permission.

    Wagtail's default action publishes as the final approver and so requires
    them to hold publish permission, which would let reviewers publish
    anything directly too. Reviewers here have no publish permission.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
    logger.info(
        "Published revision pk=%s after workflow state pk=%s was approved",
        revision.pk,
        workflow_state.pk,
    )
