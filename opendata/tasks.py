"""Tasks (django.tasks) of the open data: building the full downloads' files in the background."""

from django.tasks import task

from opendata import prebuilt


@task
def build_open_data_files() -> int:
    """Write the full downloads' files that are not current (opendata.prebuilt); returns how many
    were written. Enqueued by a request that found no current file; running it twice, or while
    another build runs, writes nothing twice."""
    return prebuilt.build()
