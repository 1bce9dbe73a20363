"""Did-you-mean: fix homophones and pinyin typos against the indexed words."""

import difflib

from search import text
from search.models import SearchTerm

WINDOWS = (4, 3, 2)


def known_words(words):
    return set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))


def fix_cjk_run(run):
    """Replace windows of the run that are not words by same-sounding words."""
    windows = {
        run[i : i + n]
        for n in WINDOWS
        for i in range(len(run) - n + 1)
        if n <= len(run)
    }
    known = known_words(windows)
    by_pinyin = {}
    pinyins = {text.word_pinyin(w)[0]: w for w in windows - known}
    for term in SearchTerm.objects.filter(pinyin__in=pinyins).order_by("-frequency"):
        by_pinyin.setdefault(term.pinyin, term.word)
    fixed, i = run, 0
    for n in WINDOWS:
        for i in range(len(fixed) - n + 1):
            window = fixed[i : i + n]
            if window in known:
                continue
            replacement = by_pinyin.get(text.word_pinyin(window)[0])
            if replacement and replacement != window:
                fixed = fixed[:i] + replacement + fixed[i + n :]
    return fixed


def fix_latin(token):
    """Return the Chinese word whose pinyin is closest to a letters-only token."""
    if not token.isalpha() or len(token) < 4:
        return token
    candidates = list(
        SearchTerm.objects.filter(pinyin__startswith=token[0])
        .order_by("-frequency")
        .values_list("pinyin", "word")[:5000]
    )
    pinyins = dict(reversed(candidates))
    match = difflib.get_close_matches(token, list(pinyins), n=1, cutoff=0.8)
    return pinyins[match[0]] if match else token


def did_you_mean(parsed):
    """Return a corrected query string, or "" when nothing needs fixing."""
    corrected = []
    for term in parsed.terms:
        if term.is_cjk:
            corrected.append(fix_cjk_run(term.raw))
        else:
            corrected.append(fix_latin(term.latin))
    suggestion = " ".join(corrected)
    original = " ".join(t.raw for t in parsed.terms)
    return suggestion if suggestion != original else ""
