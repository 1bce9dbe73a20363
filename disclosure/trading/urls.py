from django.urls import path

from disclosure.trading import views

app_name = "trading"

urlpatterns = [
    path("", views.notice_list, name="notice-list"),
    path("rss/", views.NoticeFeed(), name="rss"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.json", views.export_json, name="export-json"),
]
