"""`python -m bot` is the `planbot` command."""

from bot.cli import main

raise SystemExit(main())
