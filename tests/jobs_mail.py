"""Mail backends for the background-job tests: a slow server, and a worker killed half-way."""

import time

from django.core.mail.backends.locmem import EmailBackend


class SlowBackend(EmailBackend):
    """Takes a moment per message, so two workers are certainly sending at the same time."""

    def send_messages(self, messages):
        time.sleep(0.2)
        return super().send_messages(messages)


class Killed(BaseException):
    """What a worker process being killed looks like from inside: nothing catches it."""


class KilledAfterOneBackend(EmailBackend):
    """Delivers one message, then the process "dies" while sending the next."""

    delivered = 0

    def send_messages(self, messages):
        if KilledAfterOneBackend.delivered >= 1:
            raise Killed
        KilledAfterOneBackend.delivered += 1
        return super().send_messages(messages)
