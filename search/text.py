"""Chinese text handling shared by every backend: segments, grams, pinyin."""

import html
import logging
import re
import unicodedata
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

logger = logging.getLogger(__name__)

jieba.setLogLevel(logging.WARNING)

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(rf"[{CJK}]+|[a-z0-9]+")
CJK_RUN_RE = re.compile(rf"^[{CJK}]+$")
WORD_RE = re.compile(rf"^[{CJK}a-z0-9]+$")
# Every bracket people type around the year of a document number.
BRACKETS = str.maketrans(
    dict.fromkeys("〔［【〖（(「{", "[") | dict.fromkeys("〕］】〗）)」}", "]")
)
MAX_QUERY_CHARS = 100
MAX_TERMS = 8
# Stands between runs (and between words and pairs) so that a phrase cannot
# span them. Mixing a Chinese character with a letter makes a token that no
# query can produce: queries are cut into Chinese runs and letter runs.
MARKER = "丨x"
# Pinyin is for typing a word, not for phrases: the opening of a long text
# gives enough words and keeps the pinyin columns small.
PINYIN_CHARS = 8000


def normalise(text):
    """Fold full-width forms and case so that index and query agree."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_cjk(token):
    return bool(CJK_RUN_RE.match(token))


def runs(text):
    """Split text into runs of Chinese characters and runs of letters/digits."""
    return RUN_RE.findall(normalise(text))


def cut(text):
    """Return the words of every run: jieba's cut, letters and digits whole.

    Indexing cuts a text once and derives search words, character pairs and
    pinyin from this, since jieba's cut is most of the cost of indexing.
    """
    return [list(jieba.cut(run)) if is_cjk(run) else [run] for run in runs(text)]


def search_words(cut_runs):
    """Return jieba's overlapping search words (its cut_for_search) of a cut.

    As jieba does: before each word of more than two characters come its
    pairs and triples that the dictionary knows.
    """
    out = []
    for run_words in cut_runs:
        for word in run_words:
            for size in (2, 3):
                if len(word) > size and is_cjk(word):
                    grams = (word[i : i + size] for i in range(len(word) - size + 1))
                    out.extend(g for g in grams if jieba.get_FREQ(g))
            if WORD_RE.match(word):
                out.append(word)
    return out


def words(text):
    """Return jieba's overlapping search words, letters and digits kept whole."""
    return search_words(cut(text))


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def grams(cut_runs):
    """Return the overlapping character pairs of every Chinese run, in order.

    Runs are separated by a marker token so a phrase cannot span two runs.
    """
    out = []
    for run_words in cut_runs:
        run = "".join(run_words)
        if is_cjk(run) and len(run) > 1:
            out.extend(bigrams(run))
            out.append(MARKER)
    return out


@lru_cache(maxsize=200_000)
def word_pinyin(word):
    """Return (full pinyin, initials) of a Chinese word, e.g. 南宁 → nanning, nn."""
    full = lazy_pinyin(word, errors="ignore")
    initials = lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(full), "".join(initials)


def segmented(cut_runs, text_words):
    """Return the indexed form of a cut text: its words, a marker, its pairs.

    Pairs of the whole text make any 2+ character substring findable as a
    phrase; words give ranking and the loose fallback.
    """
    return " ".join([*text_words, MARKER, *grams(cut_runs)])


def opening(cut_runs, chars=PINYIN_CHARS):
    """Return the runs of a cut that begin within its first ``chars`` characters."""
    out, seen = [], 0
    for run_words in cut_runs:
        if seen >= chars:
            break
        out.append(run_words)
        seen += sum(len(w) for w in run_words)
    return out


def pinyin_candidates(cut_runs):
    """Return the Chinese words pinyin can find: search words and word pairs.

    Pairs let ``zwfw`` find 政务服务 even where jieba cut it in two.
    """
    flat = [w for run_words in cut_runs for w in run_words if is_cjk(w)]
    pairs = {a + b for a, b in zip(flat, flat[1:], strict=False)}
    candidates = set(search_words(cut_runs)) | pairs
    return [w for w in candidates if is_cjk(w) and len(w) > 1]


def pinyin_tokens(cut_runs):
    """Return the sorted pinyin and initials of a cut's pinyin candidates."""
    forms = [word_pinyin(word) for word in pinyin_candidates(cut_runs)]
    return sorted({f for f, _i in forms}), sorted({i for _f, i in forms})


def pinyin_matches(text, tokens):
    """Return the Chinese words of text that letter tokens match by pinyin.

    A token of two or more letters matches as a prefix of a word's pinyin or
    initials (as the search does), one letter only as the whole of it.
    """
    tokens = [t for t in tokens if t.isalpha()]
    if not tokens:
        return []
    found = []
    for word in pinyin_candidates(cut(text)):
        forms = word_pinyin(word)
        if any(
            form.startswith(t) if len(t) > 1 else form == t
            for t in tokens
            for form in forms
        ):
            found.append(word)
    return found


def normalise_identifier(text):
    """Fold an index number, document number or code to one comparable form."""
    text = normalise(text).translate(BRACKETS)
    return re.sub(r"\s+", "", text).strip("。.,，")


def looks_like_identifier(text):
    ident = normalise_identifier(text)
    return 4 <= len(ident) <= 80 and any(c.isdigit() for c in ident)


def highlight(text, terms):
    """Wrap each term in <mark> on the plain text, then escape the pieces.

    Matching the text before escaping keeps a term such as ``quot`` from
    being marked inside an entity like ``&quot;``.
    """
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.I)
    out, end = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[end : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        end = match.end()
    out.append(html.escape(text[end:]))
    return "".join(out)


def snippet(text, terms, width=120):
    """Return the part of text around the first matched term."""
    lowered = normalise(text)
    positions = [lowered.find(t) for t in terms if t and t in lowered]
    start = max(min(positions) - width // 4, 0) if positions else 0
    piece = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix, piece, suffix
