"""python -m newsclean: the same as the newsclean command."""
from .launcher import run

run()
