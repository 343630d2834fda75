from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import fetch, limits
from .models import Language

LANGUAGE_CHOICES = [("", _("Detect automatically")), (Language.ARABIC, _("Arabic")), (Language.ENGLISH, _("English"))]


class BootstrapForm(forms.Form):
    """Gives every widget Bootstrap's class, and marks fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ArticleTextForm(BootstrapForm):
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    body = forms.CharField(
        label=_("Article text"), widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}), strip=False,
    )
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    url = forms.URLField(label=_("Original URL"), max_length=2000, required=False, assume_scheme="https",
                         widget=forms.URLInput(attrs={"dir": "ltr"}))
    author = forms.CharField(label=_("Author"), max_length=300, required=False)
    published_at = forms.DateTimeField(
        label=_("Publication date"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not limits.has_visible_text(body):
            raise forms.ValidationError(_("The article text is empty."))
        if len(body) > settings.ARTICLE_MAX_CHARS:
            raise forms.ValidationError(
                _("The article text has %(n)s characters; the limit is %(max)s.")
                % {"n": f"{len(body):,}", "max": f"{settings.ARTICLE_MAX_CHARS:,}"}
            )
        if limits.is_repeated_character(body):
            raise forms.ValidationError(_("The article text has no words to check, only one character repeated."))
        return body


def validate_fetchable_url(value: str) -> str:
    """Refuse what can be refused without touching the network; the worker's
    safe fetcher checks the resolved address."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise forms.ValidationError(_("Only http:// and https:// addresses can be fetched."))
    if not parts.hostname:
        raise forms.ValidationError(_("The address has no host name."))
    if parts.username or parts.password:
        raise forms.ValidationError(_("Addresses with a user name or password are not fetched."))
    host = parts.hostname.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise forms.ValidationError(_("%(host)s is this machine; only public web addresses can be fetched.")
                                    % {"host": parts.hostname})
    try:
        # The safe fetcher's own rules for a literal address (private,
        # loopback, link-local, metadata ...), applied now instead of by the worker.
        fetch.check_url(value)
    except fetch.UnsafeURL:
        raise forms.ValidationError(_("%(host)s is not a public address; only public web addresses can be fetched.")
                                    % {"host": parts.hostname}) from None
    return value


class ArticleURLForm(BootstrapForm):
    # A CharField, not a URLField: URLField would silently add a scheme to
    # "ftp.example.org" and hide the reason a URL is refused.
    url = forms.CharField(label=_("Article URL"), max_length=2000, widget=forms.URLInput(attrs={"dir": "ltr"}))
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)

    def clean_url(self):
        value = self.cleaned_data["url"].strip()
        validate_fetchable_url(value)
        forms.URLField(assume_scheme="https").clean(value)
        return value


