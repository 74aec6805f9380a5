from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_home, name="home"),
    path("notifications/seen/", views.notifications_seen, name="notifications_seen"),
    path("client/<int:applicant_pk>/", views.client_case, name="client"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/profile/", views.profile_submit, name="profile"),
    path("<int:pk>/profile/expired/", views.profile_expire, name="profile_expire"),
    path("<int:pk>/invitation/", views.invitation_record, name="invitation"),
    path("<int:pk>/invitation/plan/", views.invitation_plan, name="invitation_plan"),
    path("<int:pk>/invitation/decline/", views.invitation_decline, name="invitation_decline"),
    path("<int:pk>/application/", views.application_submit, name="application"),
    path("<int:pk>/application/withdraw/", views.application_withdraw, name="withdraw"),
    path("<int:pk>/stages/", views.stage_record, name="stage"),
    path("<int:pk>/documents/", views.documents, name="documents"),
    path("<int:pk>/documents/request/", views.document_request, name="request"),
    path("<int:pk>/documents/country/", views.police_country, name="police_country"),
    path("<int:pk>/documents/<int:item_pk>/upload/", views.document_upload, name="upload"),
    path("<int:pk>/documents/<int:item_pk>/review/", views.document_review, name="review"),
    path("<int:pk>/files/<int:upload_pk>/", views.upload_download, name="file"),
    path("<int:pk>/files/<int:upload_pk>/delete/", views.upload_delete, name="file_delete"),
    path("<int:pk>/messages/", views.case_messages, name="messages"),
    path("<int:pk>/messages/read/", views.case_messages_read, name="messages_read"),
    path("<int:pk>/messages/<int:message_pk>/file/", views.message_attachment,
         name="message_file"),
]
