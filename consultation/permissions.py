"""Each site's editors and reviewers handle their own site's submissions only."""

import logging

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.admin.views import generic
from wagtail.models import Site

logger = logging.getLogger(__name__)

# What a site's editors and reviewers may do with what the public sends in.
SITE_ROLE_PERMISSIONS = [
    ("comment", ["view", "change"]),
    ("feedbacktheme", ["view", "add", "change", "delete"]),
    ("message", ["view", "change"]),
    ("department", ["view"]),
    ("mailbox", ["view"]),
]


def grant_site_roles(roles):
    """Give a site's groups the participation permissions; safe to repeat."""
    codenames = [
        f"{action}_{model}" for model, actions in SITE_ROLE_PERMISSIONS
        for action in actions
    ]  # fmt: skip
    permissions = Permission.objects.filter(
        content_type__app_label="consultation", codename__in=codenames
    )
    for group in (roles.editors, roles.reviewers):
        group.permissions.add(*permissions)
    logger.info("Granted participation permissions for site roles pk=%s", roles.pk)


def allowed_sites(user):
    """Return the sites ``user`` works for, or None when every site is allowed."""
    if user.is_superuser:
        return None
    groups = user.groups.all()
    return Site.objects.filter(
        Q(roles__editors__in=groups) | Q(roles__reviewers__in=groups)
    ).distinct()


def scope_by_site(queryset, user):
    sites = allowed_sites(user)
    return queryset if sites is None else queryset.filter(site__in=sites)


def scope_by_page_site(queryset, user):
    """Scope comments and themes by the site their consultation lies in."""
    sites = allowed_sites(user)
    if sites is None:
        return queryset
    paths = Q(pk__in=[])
    for site in sites.select_related("root_page"):
        paths |= Q(consultation__path__startswith=site.root_page.path)
    return queryset.filter(paths)


def require_in_scope(instance, user, scope):
    """Raise PermissionDenied unless ``scope`` lets ``user`` handle ``instance``."""
    allowed = scope(type(instance)._default_manager.filter(pk=instance.pk), user)
    if not allowed.exists():
        raise PermissionDenied


def scoped_views(scope):
    """Return index, edit, inspect and delete views limited by ``scope``."""

    class ObjectScopeMixin:
        def get_object(self, queryset=None):
            instance = super().get_object(queryset)
            require_in_scope(instance, self.request.user, scope)
            return instance

    class IndexView(generic.IndexView):
        def get_base_queryset(self):
            return scope(super().get_base_queryset(), self.request.user)

    class EditView(ObjectScopeMixin, generic.EditView):
        pass

    class InspectView(ObjectScopeMixin, generic.InspectView):
        pass

    class DeleteView(ObjectScopeMixin, generic.DeleteView):
        pass

    return IndexView, EditView, InspectView, DeleteView
