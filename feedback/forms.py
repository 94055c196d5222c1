from django import forms


class WhatWentWrongForm(forms.Form):
    comment = forms.CharField(
        label="What went wrong?",
        help_text="Do not include personal details like your name or e-mail address.",
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "What went wrong must be 1,200 characters or fewer"},
    )
    token = forms.CharField(widget=forms.HiddenInput)


class ProblemForm(forms.Form):
    problem = forms.CharField(
        label="What is wrong with this case study?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Say what is wrong with this case study",
            "max_length": "What is wrong must be 2,000 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Your e-mail address (optional)",
        help_text="Only if you would like the editors to reply. It is not published.",
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address in the correct format, like name@example.org"
        },
    )
