"""The README's two set-up commands are what CI runs, and its samples exist."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in readme


def test_samples_named_in_the_readme_exist():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in set(re.findall(r"samples/[\w.-]+\.\w+", readme)):
        assert (ROOT / name).exists(), name


def test_every_cli_option_is_in_the_readme():
    from newsclean.cli import main

    readme = (ROOT / "README.md").read_text("utf-8")
    for param in main.params:
        for option in param.opts + param.secondary_opts:
            if option.startswith("--"):
                assert re.search(rf"{re.escape(option)}(?![\w-])", readme), option


def test_the_readme_option_table_is_the_help_text():
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_options", ROOT / "scripts" / "readme_options.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert module.readme_with_table(readme) == readme, "stale: run python scripts/readme_options.py"


def test_the_readme_shows_what_newsclean_makes_of_its_sample():
    from newsclean import clean

    name = "samples/ru_innertext_city.txt"
    article = clean((ROOT / name).read_bytes(), source=name)
    assert article.to_markdown().rstrip() in (ROOT / "README.md").read_text("utf-8")


def test_the_readme_shows_what_explain_says_of_its_sample():
    from newsclean import Options, clean
    from newsclean.explain import explanation_rows

    name = "samples/ru_innertext_city.txt"
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = readme.split("```text\n# " + name, 1)[1].split("\n...\n```", 1)[0].splitlines()[1:]
    article = clean((ROOT / name).read_bytes(), source=name, options=Options(keep_removed=True))
    assert shown and shown == ["\t".join(row) for row in explanation_rows(article)][:len(shown)]
