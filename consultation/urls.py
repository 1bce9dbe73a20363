app_name = "consultation"

urlpatterns = []
