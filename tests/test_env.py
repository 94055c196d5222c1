import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_list


def test_env_bool_reads_common_spellings_and_refuses_others(monkeypatch):
    for value, expected in [
        ("true", True),
        ("1", True),
        ("YES", True),
        ("off", False),
        ("", False),
    ]:
        monkeypatch.setenv("FLAG", value)
        assert env_bool("FLAG") is expected
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", default=True) is True


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env_int("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env_int("N", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_database_url_becomes_a_postgresql_database():
    db = database_from_url("postgres://user:p%40ss@db.internal:6543/partnerships?sslmode=require")
    assert db == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "partnerships",
        "USER": "user",
        "PASSWORD": "p@ss",
        "HOST": "db.internal",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }


@pytest.mark.parametrize("url", ["mysql://x@y/z", "postgres://user@host"])
def test_database_url_that_cannot_work_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)
