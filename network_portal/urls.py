from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("corporations/", include("corporations.urls")),
    path("meetings/", include("meetings.urls")),
    path("projects/", include("contributions.urls")),
    path("catalogue/", include("contributions.public_urls")),
    path("needs/", include("needs.urls")),
    path("local-needs/", include("needs.public_urls")),
    path("annual/", include("annual.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = settings.PORTAL_COUNCIL_NAME
admin.site.site_title = settings.PORTAL_COUNCIL_NAME
