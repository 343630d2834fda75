from django.shortcuts import render


def article_list(request):
    return render(request, "claims/article_list.html", {})
