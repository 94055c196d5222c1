from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("feedback/", views.page_useful, name="useful"),
    path("feedback/what-went-wrong/", views.what_went_wrong, name="what_went_wrong"),
    path("partnerships/<slug:slug>/report-a-problem/", views.problem, name="problem"),
    path("moderation/feedback/", views.feedback_list, name="list"),
    path("moderation/problems/", views.problem_list, name="problems"),
]
