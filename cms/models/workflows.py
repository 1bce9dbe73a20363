"""The review step that keeps 初审, 复审 and 终审 in different hands."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask, TaskState


class ReviewStepTask(GroupApprovalTask):
    """A group approval step that an earlier step's approver may not take.

    Every step of a site's review is approved by the same reviewer group, so
    without this one reviewer could approve all three steps in a row.
    """

    class Meta:
        verbose_name = _("审核步骤（各步须由不同审核人批准）")
        verbose_name_plural = _("审核步骤")

    def approved_earlier_step(self, obj, user):
        """Return whether ``user`` approved another step of the current review."""
        return self.approved_other_step(obj.current_workflow_state, user)

    def approved_other_step(self, workflow_state, user):
        if workflow_state is None or user is None or not user.is_authenticated:
            return False
        return (
            workflow_state.task_states.filter(
                status=TaskState.STATUS_APPROVED, finished_by=user
            )
            .exclude(task_id=self.pk)
            .exists()
        )

    def user_can_access_editor(self, obj, user):
        if self.approved_earlier_step(obj, user):
            return False
        return super().user_can_access_editor(obj, user)

    def locked_for_user(self, obj, user):
        # An earlier approver who edits now would change what they approved
        # after the later steps have started reviewing it.
        return self.approved_earlier_step(obj, user) or super().locked_for_user(
            obj, user
        )

    def get_actions(self, obj, user):
        if self.approved_earlier_step(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.approved_other_step(
            task_state.workflow_state, user
        ):
            raise PermissionDenied(_("同一审核人不能批准同一审核流程的多个步骤。"))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        earlier = (
            TaskState.objects.filter(status=TaskState.STATUS_APPROVED, finished_by=user)
            .exclude(task_id=self.pk)
            .values("workflow_state_id")
        )
        return states.exclude(workflow_state_id__in=earlier)

    @classmethod
    def get_description(cls):
        return _("所选用户组的成员可批准此步骤，但已批准本流程前面步骤的人不能再批准。")
