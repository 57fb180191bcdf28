"""`python -m arsip`: the same as the `arsip` command."""

from arsip.cli import main

main()
