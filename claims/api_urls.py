"""URLs of the REST API, mounted at /api/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import api

app_name = "api"
urlpatterns = [
    path("articles/", api.articles, name="articles"),
    path("articles/<int:pk>/", api.article_detail, name="article-detail"),
    path("articles/<int:pk>/report/<str:fmt>/", api.article_report, name="article-report"),
    path("claims/", api.claims, name="claims"),
    path("claims/<int:pk>/", api.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/evidence/", api.claim_evidence, name="claim-evidence"),
    path("claims/<int:pk>/transitions/", api.claim_transition, name="claim-transition"),
    path("claims/<int:pk>/report/<str:fmt>/", api.claim_report, name="claim-report"),
    path("claims/<int:pk>/claimreview/", api.claim_claimreview, name="claim-claimreview"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
