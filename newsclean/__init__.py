"""newsclean: clean Cyrillic news dumps (innerText, HTML, JSON Lines) into one clean article.

    from newsclean import clean
    article = clean(open("dump.txt", "rb").read())
    print(article.title, article.paragraphs)
"""
from .article import Article
from .document import InputError
from .options import Options
from .pipeline import clean, clean_many

__version__ = "0.1.0"
__all__ = ["Article", "InputError", "Options", "clean", "clean_many", "__version__"]
