"""Turn what a searcher typed into a backend-neutral query of plain words.

Nothing the user types reaches an engine as query syntax: the text is cut
into runs of Chinese characters and of letters/digits, and every backend
renders these words with its own quoting.
"""

from dataclasses import dataclass, field

from search import text

TITLE, BODY, PINYIN, INITIALS = "title", "body", "pinyin", "initials"


@dataclass
class Term:
    """One thing the searcher asked for, matched in any of its forms."""

    raw: str
    phrase: list[str] = field(default_factory=list)  # character pairs, in order
    words: list[str] = field(default_factory=list)  # jieba words, all required
    latin: str = ""  # letters/digits: a word, pinyin or initials
    synonyms: list["Term"] = field(default_factory=list)

    @property
    def is_cjk(self):
        return bool(self.phrase)

    def highlight_words(self, loose=False):
        found = [self.raw, *(self.words if loose else [])]
        for synonym in self.synonyms:
            found.extend(synonym.highlight_words(loose))
        return found


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term]
    single_chars: list[str]
    # Loose: a Chinese term matches when all its words occur anywhere, not
    # only as the exact phrase; tried when the exact search finds nothing.
    loose: bool = False

    def __bool__(self):
        return bool(self.terms or self.single_chars)

    def can_loosen(self):
        return not self.loose and any(len(t.words) > 1 for t in self.terms)

    def highlight_words(self):
        found = list(self.single_chars)
        for term in self.terms:
            found.extend(term.highlight_words(self.loose))
        return found


def make_term(run):
    if text.is_cjk(run):
        return Term(raw=run, phrase=text.bigrams(run), words=text.words(run))
    return Term(raw=run, latin=run)


MAX_SYNONYMS = 6


def synonym_terms(run, synonyms):
    """Return the other forms of a run: its own synonyms, then words inside it.

    A colloquial word inside a longer one counts too: 社保卡 also asks for
    社会保险卡, 低保标准 for 最低生活保障标准.
    """
    forms = list(synonyms.get(run, []))
    for word in sorted(synonyms, key=len, reverse=True):
        if word != run and len(word) > 1 and word in run:
            forms.extend(run.replace(word, official) for official in synonyms[word])
    forms = [form for form in dict.fromkeys(forms) if form and form != run]
    return [make_term(form) for form in forms[:MAX_SYNONYMS]]


def parse(query, synonyms=None):
    """Parse a query string; synonyms maps a colloquial word to official ones."""
    query = (query or "")[: text.MAX_QUERY_CHARS]
    synonyms = synonyms or {}
    terms, single = [], []
    for run in text.runs(query):
        if text.is_cjk(run) and len(run) == 1:
            single.append(run)
            continue
        term = make_term(run)
        term.synonyms = synonym_terms(run, synonyms)
        terms.append(term)
        if len(terms) >= text.MAX_TERMS:
            break
    return ParsedQuery(text=query.strip(), terms=terms, single_chars=single)
