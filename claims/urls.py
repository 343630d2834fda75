from django.urls import path

from . import gathering_views, views, views_review
from .reports import views as report_views

app_name = "claims"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/new/", views.article_submit, name="article_submit"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/progress/", views.article_progress, name="article_progress"),
    path("articles/<int:pk>/retry/", views.article_retry, name="article_retry"),
    # Reports (issue 6)
    path("articles/<int:pk>/report/", report_views.article_report, name="article_report"),
    path("articles/<int:pk>/report/<str:fmt>/", report_views.article_report, name="article_report_format"),
    path("claims/<int:pk>/report/", report_views.claim_report, name="claim_report"),
    path("claims/<int:pk>/report/<str:fmt>/", report_views.claim_report, name="claim_report_format"),
    path("claims/export.csv", report_views.claim_list_csv, name="claim_list_csv"),
    path("exports/", report_views.export_start, name="export_start"),
    path("exports/<int:pk>/", report_views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", report_views.export_download, name="export_download"),
    # Source gathering (issue 4)
    path("articles/<int:pk>/gathering/", gathering_views.article_gathering, name="article_gathering"),
    path("articles/<int:pk>/gather/", gathering_views.article_gather, name="article_gather"),
    path("feeds/", gathering_views.feed_list, name="feed_list"),
    path("feeds/<int:pk>/", gathering_views.feed_edit, name="feed_edit"),
    path("feeds/<int:pk>/toggle/", gathering_views.feed_toggle, name="feed_toggle"),
    # Reviewer workflow (issue 5)
    path("claims/<int:pk>/", views_review.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/act/<str:action>/", views_review.claim_act, name="claim_act"),
    path("articles/<int:pk>/claims/add/", views_review.claim_from_selection, name="claim_from_selection"),
    path("queue/", views_review.queue, name="queue_default"),
    path("queue/<str:name>/", views_review.queue, name="queue"),
    path("notifications/", views_review.notifications, name="notifications"),
]
