from django.urls import path

from .views import messages

app_name = "consultation"

urlpatterns = [
    path("messages/", messages.message_list, name="message-list"),
    path("messages/write/", messages.message_create, name="message-create"),
    path(
        "mailbox/<slug:mailbox_slug>/write/",
        messages.message_create,
        name="mailbox-create",
    ),
    path("messages/receipt/", messages.message_receipt, name="message-receipt"),
    path("messages/lookup/", messages.message_lookup, name="message-lookup"),
    path("messages/stats/", messages.department_stats, name="department-stats"),
    path("messages/<int:pk>/", messages.message_detail, name="message-detail"),
    path("messages/<int:pk>/status/", messages.message_status, name="message-status"),
    path("messages/<int:pk>/rate/", messages.message_rate, name="message-rate"),
]
