"""How the stored evaluation is kept on PostgreSQL."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage setting")
def test_the_evaluation_column_is_compressed_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute"
            " WHERE attrelid = 'profiles_applicant'::regclass AND attname = 'evaluation'"
        )
        assert cursor.fetchone()[0] == "l"
