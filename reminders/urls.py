from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("review/<str:token>/accurate/", views.accurate, name="accurate"),
    path("review/<str:token>/changes/", views.changes, name="changes"),
    path("moderation/due-for-review/", views.due, name="due"),
    path("moderation/due-for-review/<int:pk>/confirm/", views.editor_confirm, name="confirm"),
    path("moderation/due-for-review/<int:pk>/due-date/", views.due_date, name="due_date"),
]
