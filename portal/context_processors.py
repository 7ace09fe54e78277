from django.conf import settings


def portal(request):
    return {"council_name": settings.PORTAL_COUNCIL_NAME}
