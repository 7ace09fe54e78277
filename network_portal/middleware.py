"""Request clean-up that must happen before any app sees the request."""

NUL = "\x00"


def strip_nul_from_headers(get_response):
    """Drop NUL characters from request headers.

    PostgreSQL refuses NUL in text, and django-axes stores the User-Agent and Accept
    headers of every failed log-in: a NUL there turned a wrong password into a 500.
    No honest client sends one, so removing it changes nothing for anyone else.
    """

    def middleware(request):
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        return get_response(request)

    return middleware
