"""Words for full-text search: the query parser, accent folding, stemming per language.

The query people type is never handed to a search engine as is: `parse()` turns it into
words and "quoted phrases", all other characters dropped, so quotes, operators, NUL or
right-to-left marks give results or a clear message, never a server error. The document
library (carnet.library.search) and the network's search (carnet.search) both use it.

`index_words(text, language)` gives what the network's search stores for a text: for
every word its Snowball stem in the text's language, folded (lower case, no accents), and
the folded word itself when it differs, so a word typed half-way still finds its text
("traini" finds "training") and "victim" finds "victims" (both stem to "victim").
`query_forms(word, languages)` gives the forms a query word is looked up under: its stem
in each of the languages searched, and the folded word; each is matched as a prefix.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_TERMS = 12
MAX_WORD = 40  # longer "words" are cut (no language has words that long worth matching)

# Carnet's content languages -> Snowball algorithm (none for Albanian and Ukrainian:
# those are matched by folded words and prefixes only). Bosnian and Serbian (Latin)
# share the Serbian stemmer.
STEMMERS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "ro": "romanian",
    "ar": "arabic",
    "hy": "armenian",
    "bs": "serbian",
    "sr-latn": "serbian",
    "sr": "serbian",
    "ru": "russian",
    "pt": "portuguese",
    "de": "german",
}

WORD = re.compile(r"[^\W_]+")


def parse(query, *, max_terms=MAX_TERMS):
    """Terms of a query: a list of tuples of words (a tuple of several words is a phrase)."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"?|([^\s"]+)', query or ""):
        words = tuple(w.lower() for w in re.split(r"[\W_]+", phrase or word) if w)
        if not words:
            continue
        if phrase:
            terms.append(words)
        else:
            terms.extend((w,) for w in words)
    return terms[:max_terms]


def language_key(code):
    """The stemmer's key of a language code ("fr-BE" -> "fr", "sr-Latn" -> "sr-latn")."""
    code = (code or "").strip().lower().replace("_", "-")
    if code in STEMMERS:
        return code
    return code.split("-")[0]


@lru_cache(maxsize=32)
def _stemmer(language):
    algorithm = STEMMERS.get(language_key(language))
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=200_000)
def fold(word):
    """Lower case without accents: "Éducation" -> "education"; Arabic without its vowel marks."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word, language):
    """The folded Snowball stem of a (lower-case) word in a language; the folded word if none."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return fold(word)
    return fold(stemmer.stemWord(word.lower()))


def words(text):
    """The words of a text, cut to MAX_WORD characters."""
    return [w[:MAX_WORD] for w in WORD.findall(text or "")]


@lru_cache(maxsize=200_000)
def _index_forms(word, language):
    lower = word.lower()
    folded = fold(lower)
    stemmer = _stemmer(language)
    stemmed = fold(stemmer.stemWord(lower)) if stemmer else folded
    return stemmed if folded == stemmed else f"{stemmed} {folded}"


def index_words(text, language):
    """The words stored for a text: every word's stem, then the folded word when different."""
    key = language_key(language)
    return " ".join(f for f in (_index_forms(w, key) for w in words(text)) if f)


def query_forms(word, languages):
    """The prefixes a query word is looked up under: its stem per language, the folded word.

    A prefix that is a prefix of another is enough on its own: "victim" covers "victims".
    """
    forms = {fold(word)}
    for language in languages:
        forms.add(stem(word, language))
    forms.discard("")
    kept = sorted(forms, key=len)
    shortest = []
    for form in kept:
        if not any(form.startswith(other) for other in shortest):
            shortest.append(form)
    return shortest


def phrase_forms(words_, languages):
    """A phrase's forms, each matched word for word: the phrase folded, stemmed in each
    language, and as the index writes it in each language, where a word whose stem differs
    is its stem then itself ("social workers meet": "social worker workers meet"), so that
    a phrase whose inner words have two forms is found next to each other."""
    forms = {tuple(fold(w) for w in words_)}
    for language in languages:
        forms.add(tuple(stem(w, language) for w in words_))
        forms.add(tuple(index_words(" ".join(words_), language).split()))
    return sorted(f for f in forms if all(f))


START, STOP = "\x02", "\x03"
SCAN = 5000  # words of a text looked through for the passage shown


def highlight(text, prefixes, *, languages=("en",), around=14, max_words=36, seen=None):
    """A passage of text around its first matching words, the matches between START and STOP.

    A word matches when its fold or its stem (in any language searched) starts with one of
    the prefixes. The caller escapes the passage and turns START/STOP into <mark>.

    seen: {word: matches?}, shared by the caller between the texts it highlights for the same
    prefixes and languages (the results of one search say the same words again and again).
    """
    text = text or ""
    prefixes = tuple(p for p in prefixes if p)
    starts = tuple(p[:3] for p in prefixes)
    seen = {} if seen is None else seen

    def matches(word):
        found = seen.get(word)
        if found is None:
            found = seen[word] = _matches(word, prefixes, languages, starts)
        return found

    spans = []
    first = None
    for number, match in enumerate(WORD.finditer(text)):
        spans.append((match.start(), match.end(), match.group()))
        if first is None and matches(match.group()):
            first = number
        if (first is not None and number >= first + max_words) or number >= SCAN:
            break
    if not spans:
        return ""
    begin = max(0, (first or 0) - around)
    end = min(len(spans), begin + max_words)
    pieces = []
    cursor = spans[begin][0]
    for i in range(begin, end):
        s, e, w = spans[i]
        pieces.append(text[cursor:s])
        hit = i == first or (first is not None and i > first and matches(w))
        pieces.append(f"{START}{w}{STOP}" if hit else w)
        cursor = e
    passage = "".join(pieces)
    if begin > 0:
        passage = "… " + passage
    if end < len(spans) or spans[-1][1] < len(text.rstrip()):
        passage += " …"
    return " ".join(passage.split())


def _matches(word, prefixes, languages, starts):
    """starts: the prefixes' first three letters."""
    if not prefixes:
        return False
    folded = fold(word.lower())
    if folded.startswith(prefixes):
        return True
    # A stem differs from its word at the end only (victim / victims, happi / happy):
    # stemming is needed only for words that begin like a prefix.
    if not folded.startswith(starts):
        return False
    lower = word.lower()
    return any(stem(lower, language).startswith(prefixes) for language in languages)
