"""The index's schema: how text becomes terms, which fields there are, how they are stored.

Headline and body are cut into words, lower-cased, accent-folded, stop-word-filtered and
stemmed in one pass; outlet and author are folded but not stemmed. Postings are written with
reader.core.postings' packed codec; the clean text is stored (compressed) for snippets.
"""

from __future__ import annotations

from whoosh.analysis import STOP_WORDS, Analyzer, Filter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from reader.core.models import Article
from reader.core.postings import PackedCodec, PackedPositions
from reader.core.query import day_number
from reader.core.text import clean
from reader.core.vocabulary import WORD, fold, stem_of

BULK_FIELDS = ("body", "title")  # analysed with index_words/term_of by reader.core.bulk


def index_words(text: str) -> list[str]:
    """The words of a text as the index cuts them (folded, lower-cased), stop words included:
    the one tokenisation of headlines and bodies, for the tokenizer and the bulk writer."""
    return WORD.findall(fold(text))


def term_of(word: str) -> str | None:
    """The term the index keeps for one of index_words' words, or None (a stop word or a
    single character): the one place that decides, for the tokenizer and the bulk writer."""
    if len(word) < 2 or word in STOP_WORDS:
        return None
    return stem_of(word)


class StemmingTokenizer(Tokenizer):
    """Words of a text, lower-cased, accents folded, stop words dropped, stemmed: one pass.

    The same tokens as RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) |
    StopFilter() | StemFilter(), made in one generator over a text folded once, because
    indexing spends most of its time walking tokens through that chain.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(  # type: ignore[no-untyped-def]
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        folded = fold(value)
        # Character offsets are only right when folding kept every character single.
        exact_chars = chars and len(folded) == len(value)
        position = start_pos
        # WORD.finditer(fold(value)) finds index_words(value), with where each word is.
        for match in WORD.finditer(folded):
            word = match.group(0)
            term = term_of(word)
            if term is None:
                if removestops:
                    continue
                token.text, token.stopped = word, True
            else:
                token.text, token.stopped = term, False
            token.boost = 1.0
            if positions:
                token.pos = position
                position += 1
            if exact_chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class FoldFilter(Filter):
    """Lower-case and fold accents."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = fold(token.text)
            yield token


def make_analyzer() -> Analyzer:
    """Words, lower-cased, accents folded, stop words dropped, stemmed (raids -> raid)."""
    return StemmingTokenizer()


def make_plain_analyzer() -> Analyzer:
    """Words, lower-cased, accents folded; no stemming (for outlets and authors)."""
    return RegexTokenizer() | FoldFilter()


ANALYZER = make_analyzer()
PLAIN = make_plain_analyzer()


def _text(analyzer: Analyzer, packed: bool) -> TEXT:
    field = TEXT(analyzer=analyzer)
    if packed:  # positions as arrays numpy reads whole (reader.core.postings)
        field.format = PackedPositions(field_boost=field.format.field_boost)
    return field


def make_schema(text: Analyzer = ANALYZER, columns: bool = True) -> Schema:
    """Headline weighted above body at query time. The clean text is stored compressed for
    snippets (reading it back is 30 times faster than cleaning the library's original again);
    the original body lives in the library only.

    With `text=PLAIN, columns=False` it is the display schema: the same fields unstemmed, used
    only to say how a query was read in the user's own words.
    """
    return Schema(
        id=ID(stored=True, unique=True),
        title=_text(text, columns),
        body=_text(text, columns),
        source=_text(PLAIN, columns),
        author=_text(PLAIN, columns),
        outlet=ID(sortable=columns),
        # signed: Whoosh mis-ranges wide unsigned spans; 0 (the column's default) = undated
        day=NUMERIC(int, bits=32, sortable=columns),
        published=ID(sortable=columns),
        text=STORED,
    )


DISPLAY_SCHEMA = make_schema(PLAIN, columns=False)
CODEC = PackedCodec()


def index_document(article: Article) -> dict[str, object]:
    text = clean(article).text
    document: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "body": text,
        "source": article.source,
        "author": article.author,
        "outlet": article.source,
        "published": article.published,
        "text": text,
    }
    day = day_number(article.published)
    if day is not None:
        document["day"] = day
    return document
