from django.urls import path

from disclosure import views

app_name = "disclosure"


def list_routes(prefix, view, name):
    """Give a list its HTML page, RSS feed and CSV/JSON exports."""
    return [
        path(f"{prefix}", view, name=name),
        path(f"{prefix}rss/", view, {"fmt": "rss"}, name=f"{name}-rss"),
        path(f"{prefix}export.csv", view, {"fmt": "csv"}, name=f"{name}-csv"),
        path(f"{prefix}export.json", view, {"fmt": "json"}, name=f"{name}-json"),
    ]


urlpatterns = [
    *list_routes("documents/", views.document_list, "document-list"),
    *list_routes("normative/", views.normative_documents, "normative-list"),
    *list_routes("all/", views.portal_documents, "portal-list"),
    *list_routes("directory/<str:code>/", views.node_documents, "node-list"),
]
