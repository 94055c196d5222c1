"""Contributors' pages: start a case study, fill in its sections, follow it through review."""

from django.urls import path

from partnerships.views import files, submit, submit_items

app_name = "contribute"
case_study = "your-case-studies/<int:pk>/"
urlpatterns = [
    path("submit/", submit.start, name="start"),
    path("your-case-studies/", submit.mine, name="mine"),
    path(case_study, submit.overview, name="overview"),
    path(case_study + "about/", submit.section, {"key": "about"}, name="about"),
    path(case_study + "themes/", submit.section, {"key": "tags"}, name="tags"),
    path(case_study + "the-work/", submit.section, {"key": "work"}, name="work"),
    path(case_study + "evaluation/", submit.section, {"key": "evaluation"}, name="evaluation"),
    path(case_study + "contact/", submit.section, {"key": "contact"}, name="contact"),
    path(
        case_study + "replication/",
        submit.section,
        {"key": "replication"},
        name="replication",
    ),
    path(case_study + "partners/", submit_items.partners, name="partners"),
    path(
        case_study + "partners/<int:member_pk>/remove/",
        submit_items.remove_partner,
        name="remove_partner",
    ),
    path(case_study + "sources/", submit_items.sources, name="sources"),
    path(
        case_study + "sources/<int:source_pk>/remove/",
        submit_items.remove_source,
        name="remove_source",
    ),
    path(case_study + "report/remove/", submit_items.remove_report, name="remove_report"),
    path(case_study + "report/", files.own_report, name="report"),
    path(case_study + "check/", submit.check, name="check"),
    path(case_study + "change/", submit.revise, name="revise"),
]
