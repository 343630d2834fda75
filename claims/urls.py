from django.urls import path

from . import views

app_name = "claims"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/new/", views.article_submit, name="article_submit"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/progress/", views.article_progress, name="article_progress"),
    path("articles/<int:pk>/retry/", views.article_retry, name="article_retry"),
]
