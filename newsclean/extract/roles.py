"""What the classifier decides, as data: a Role per block and the id of the rule or signal behind it.

Code branches on these ids; the descriptions are only for people (--explain)."""
from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    BODY = "body"
    SUBHEADING = "subheading"
    TITLE = "title"
    AUTHOR = "author"
    DATE = "date"
    CREDIT = "credit"
    DROP = "drop"

    def __str__(self) -> str:
        return self.value


KEPT = (Role.BODY, Role.SUBHEADING)
METADATA = (Role.TITLE, Role.AUTHOR, Role.DATE, Role.CREDIT)


class Rule(str, Enum):
    """Ids of what a block is on its own (local rules) and of the decisions made over the sequence."""

    # what a line is wherever it stands (rules.local_rule): features of the scorer, and the
    # role of metadata lines
    DATE_LINE = "date-line"
    NO_WORDS = "no-words"
    PROMPT = "prompt"
    END_PROMPT = "end-prompt"
    CREDIT = "credit"
    AUTHOR_LINE = "author-line"
    PERSON_NAME = "person-name"
    TIMING = "timing"
    META_FIELD = "meta-field"
    AD_LABEL = "ad-label"
    SECTION_END = "section-end"
    SECTION_SHARE = "section-share"
    READ_ALSO_HEADER = "read-also-header"
    READ_ALSO_LINK = "read-also-link"
    SIGNATURE = "signature"
    UI_LABEL = "ui-label"
    COUNTER = "counter"
    BREADCRUMB = "breadcrumb"
    CHROME = "chrome"
    SCRIPT_NAME = "script-name"
    CAPTION_LABEL = "caption-label"
    # what the batch or the user already know
    TEMPLATE = "template"
    USER_RULE = "user-rule"
    # decisions over the whole sequence (sequence.decode, titles.choose_title)
    ARTICLE = "article"
    LIST_ITEM = "list-item"
    SUBHEADING_TAG = "subheading-tag"
    SUBHEADING_SHAPE = "subheading-shape"
    BEFORE = "before"
    BOX = "box"
    AFTER = "after"
    TITLE = "title"
    TITLE_COPY = "title-copy"
    NO_ARTICLE = "no-article"
    TEASER = "teaser"
    REPEATED_PARAGRAPH = "repeated-paragraph"
    COMMENTS = "comments"
    NOT_EXTRACTED = "not-extracted"
    # what an HTML reader removed before the classifier (shown by --explain only)
    HTML_FORM_CONTROL = "html-form-control"
    HTML_CLASS_ID = "html-class-id"
    HTML_ERROR_PAGE = "html-error-page"
    HTML_TRAFILATURA = "html-trafilatura"


DESCRIPTIONS = {
    Rule.DATE_LINE: "date/time line",
    Rule.NO_WORDS: "no words (separator, symbols or numbers only)",
    Rule.PROMPT: "prompt",
    Rule.END_PROMPT: "prompt that ends a page",
    Rule.CREDIT: "labelled photo/video credit",
    Rule.AUTHOR_LINE: "author line",
    Rule.PERSON_NAME: "a person's name on its own line (byline)",
    Rule.TIMING: "reading time / relative time",
    Rule.META_FIELD: "metadata field",
    Rule.AD_LABEL: "ad label",
    Rule.SECTION_END: "section header",
    Rule.SECTION_SHARE: "share bar",
    Rule.READ_ALSO_HEADER: "read-also header",
    Rule.READ_ALSO_LINK: "read-also link",
    Rule.SIGNATURE: "press-office signature",
    Rule.UI_LABEL: "UI label (menu, button, social network)",
    Rule.COUNTER: "counter, timestamp, ticker or pagination",
    Rule.BREADCRUMB: "breadcrumb / navigation path",
    Rule.CHROME: "card or site chrome ('name | channel')",
    Rule.SCRIPT_NAME: "stray script or widget name",
    Rule.CAPTION_LABEL: "photo caption label",
    Rule.TEMPLATE: "repeated across documents of the batch (site template)",
    Rule.USER_RULE: "matches a user rule",
    Rule.ARTICLE: "article text",
    Rule.LIST_ITEM: "list item",
    Rule.SUBHEADING_TAG: "heading element inside the article",
    Rule.SUBHEADING_SHAPE: "short headline between paragraphs",
    Rule.BEFORE: "before the article (header, navigation)",
    Rule.BOX: "inserted box inside the article (related, ad, caption); the article resumes after it",
    Rule.AFTER: "after the end of the article (prose stops here)",
    Rule.TITLE: "title",
    Rule.TITLE_COPY: "repeats the title",
    Rule.NO_ARTICLE: "no article: too little connected prose (index or error page)",
    Rule.TEASER: "a feed of headlines and one-sentence teasers beside the article",
    Rule.COMMENTS: "readers' comments (after the header of a comments section)",
    Rule.REPEATED_PARAGRAPH: "a paragraph repeated in the dump (a notice under every comment or teaser)",
    Rule.NOT_EXTRACTED: "kept as is (extraction off)",
    Rule.HTML_FORM_CONTROL: "removed before extraction: a form control",
    Rule.HTML_CLASS_ID: "removed before extraction: class/id names boilerplate",
    Rule.HTML_ERROR_PAGE: "removed: the page is an HTTP error page",
    Rule.HTML_TRAFILATURA: "removed by trafilatura",
}
HTML_REMOVALS = (Rule.HTML_FORM_CONTROL, Rule.HTML_CLASS_ID, Rule.HTML_ERROR_PAGE, Rule.HTML_TRAFILATURA)


def meaning(rule_id: str) -> str | None:
    """What the id of a block's rule means; None for a block no rule decided."""
    try:
        return DESCRIPTIONS[Rule(rule_id)]
    except ValueError:
        return None


def described(rule: Rule, detail: str = "") -> str:
    """What a rule means, for people, with its detail: 'read-also link', 'section header (tags)'."""
    return f"{DESCRIPTIONS[rule]} ({detail})" if detail else DESCRIPTIONS[rule]

# the role a local rule gives a block whatever the sequence decides: metadata lines
METADATA_RULES = {Rule.DATE_LINE: Role.DATE, Rule.CREDIT: Role.CREDIT,
                  Rule.AUTHOR_LINE: Role.AUTHOR, Rule.PERSON_NAME: Role.AUTHOR}
