"""The directory database: tables, migrations, opening it safely, and reading and writing it."""
