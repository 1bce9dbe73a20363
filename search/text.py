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


def words(text):
    """Return jieba's overlapping search words, letters and digits kept whole."""
    out = []
    for run in runs(text):
        if is_cjk(run):
            out.extend(w for w in jieba.cut_for_search(run) if WORD_RE.match(w))
        else:
            out.append(run)
    return out


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def grams(text):
    """Return the overlapping character pairs of every Chinese run, in order.

    Runs are separated by a marker token so a phrase cannot span two runs.
    """
    out = []
    for run in runs(text):
        if is_cjk(run) and len(run) > 1:
            out.extend(bigrams(run))
            out.append(MARKER)
    return out


@lru_cache(maxsize=50_000)
def word_pinyin(word):
    """Return (full pinyin, initials) of a Chinese word, e.g. 南宁 → nanning, nn."""
    full = lazy_pinyin(word, errors="ignore")
    initials = lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(full), "".join(initials)


def segmented(text, text_words=None):
    """Return the indexed form of text: jieba words, a marker, character pairs.

    Pairs of the whole text make any 2+ character substring findable as a
    phrase; words give ranking and the loose fallback. ``text_words`` saves
    cutting the text again when the caller has its words.
    """
    if text_words is None:
        text_words = words(text)
    return " ".join([*text_words, MARKER, *grams(text)])


def pinyin_tokens(text):
    """Return pinyin and initials for the words of a text, plus word pairs.

    Pairs let ``zwfw`` find 政务服务 even where jieba cut it in two.
    """
    full, initials = [], []
    text = text[:PINYIN_CHARS]
    cut = [w for run in runs(text) if is_cjk(run) for w in jieba.cut(run)]
    candidates = set(words(text)) | {a + b for a, b in zip(cut, cut[1:], strict=False)}
    for word in candidates:
        if is_cjk(word) and len(word) > 1:
            f, i = word_pinyin(word)
            full.append(f)
            initials.append(i)
    return sorted(set(full)), sorted(set(initials))


def pinyin_matches(text, tokens):
    """Return the Chinese words of text that letter tokens match by pinyin.

    A token of two or more letters matches as a prefix of a word's pinyin or
    initials (as the search does), one letter only as the whole of it.
    """
    tokens = [t for t in tokens if t.isalpha()]
    if not tokens:
        return []
    cut = [w for run in runs(text) if is_cjk(run) for w in jieba.cut(run)]
    candidates = set(words(text)) | {a + b for a, b in zip(cut, cut[1:], strict=False)}
    found = []
    for word in candidates:
        if not (is_cjk(word) and len(word) > 1):
            continue
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
