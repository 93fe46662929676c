"""The README's option table, made from the command's own --help (run after changing an option).

    python scripts/readme_options.py          # rewrite the table in README.md
    python scripts/readme_options.py --check  # exit 1 when README.md's table is stale

tests/test_readme.py runs the check, so a stale table fails the tests.
"""
from __future__ import annotations

import pathlib
import sys

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- options table: made by scripts/readme_options.py from --help; do not edit by hand -->"
END = "<!-- end of options table -->"


def options_table() -> str:
    """| Option | Example | What it does | for every option, in --help's order, with --help's text."""
    import click

    from newsclean.cli import Option, main

    ctx = click.Context(main, info_name="newsclean", **main.context_settings)
    rows = ["| Option | Example | What it does |", "|---|---|---|"]
    for param in main.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record is None:
            continue
        names, help_text = record
        example = param.example if isinstance(param, Option) else f"newsclean {param.opts[-1]}"
        rows.append(f"| `{_cell(names)}` | `{_cell(example)}` | {_cell(help_text)} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def readme_with_table(readme: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + options_table() + "\n" + readme[end:]


def main() -> int:
    readme = README.read_text("utf-8")
    wanted = readme_with_table(readme)
    if "--check" in sys.argv[1:]:
        if wanted != readme:
            print("README.md's option table is stale: run python scripts/readme_options.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
