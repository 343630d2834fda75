from django.contrib.auth.views import redirect_to_login

# Everything needs a login except the login page itself, the language switch
# and static files (served by whitenoise before this middleware runs).
PUBLIC_PREFIXES = ("/accounts/login/", "/i18n/", "/static/", "/healthz")


class LoginRequiredMiddleware:
    """Default-deny: a view is public only when its path is listed above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            if request.path.startswith("/api/"):
                # Django REST framework authenticates API requests itself (a
                # token or the session) and every API view requires a user.
                return self.get_response(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


class RequestBodyLimitMiddleware:
    """Answer an oversized request body before anything reads it.

    Placed before the CSRF check, which would otherwise read the body and let
    Django's RequestDataTooBig become a bare 400 page. The API gets its
    documented 413 JSON (API_MAX_BODY_BYTES); the submit page is shown again
    with the reason on the text field; any other page gets a short 413 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.path.startswith("/api/"):
            if length > settings.API_MAX_BODY_BYTES:
                from django.http import JsonResponse

                return JsonResponse(
                    {"detail": f"The request body has {length:,} bytes; the limit is {settings.API_MAX_BODY_BYTES:,}."},
                    status=413)
        elif length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return self._too_large_page(request, length)
        return self.get_response(request)

    def _too_large_page(self, request, length):
        from django.conf import settings
        from django.contrib.auth import get_user
        from django.shortcuts import render
        from django.urls import reverse
        from django.utils.functional import SimpleLazyObject
        from django.utils.translation import gettext as _

        from . import roles
        from .forms import ArticleTextForm, ArticleURLForm

        # The authentication middleware runs after this one; the page's header needs the user.
        request.user = SimpleLazyObject(lambda: get_user(request))
        message = _("What you sent is %(size)s; an article may have up to %(max)s characters. "
                    "Shorten the text or submit it in parts.") % {
            "size": _size(length), "max": f"{settings.ARTICLE_MAX_CHARS:,}"}
        if request.path == reverse("claims:article_submit") and roles.can_submit(request.user):
            text_form = ArticleTextForm(prefix="text")
            text_form.full_clean()  # an unbound form: no errors of its own, and none from the dropped body
            text_form.cleaned_data = {}
            text_form.add_error("body", message)
            return render(request, "claims/article_submit.html", {
                "text_form": text_form, "url_form": ArticleURLForm(prefix="url"), "mode": "text"}, status=413)
        from django.http import HttpResponse

        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
