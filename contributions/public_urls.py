"""The public catalogue of published projects: no log-in."""

app_name = "catalogue"

urlpatterns = []
