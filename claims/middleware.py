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
