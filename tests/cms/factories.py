from django.contrib.auth import get_user_model


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.set(groups)
    return user


def site_editor(site):
    return make_user(f"editor-{site.pk}", site.roles.editors)


def site_reviewer(site, suffix=""):
    return make_user(f"reviewer-{site.pk}{suffix}", site.roles.reviewers)
