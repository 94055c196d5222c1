from django.apps import AppConfig


class ContactRelayConfig(AppConfig):
    """ "Contact the people behind this work": a form whose message is e-mailed to a case study's
    contact (where they agreed to be contacted) without showing their address."""

    name = "contact_relay"
    verbose_name = "Contact relay"
