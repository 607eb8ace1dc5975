"""An independent Python re-implementation of BERT's uncased WordPiece tokenizer, written from the
Hugging Face `tokenizers` (Rust) semantics of BertNormalizer + BertPreTokenizer + WordPiece +
"[CLS] $A [SEP]" (and Google's original bert/tokenization.py), plus a WordPiece vocabulary builder.

Used by train_debian_sections.py (vocabulary, training ids) and by scripts/fixtures/tokenizer_parity.py
(the reference ids the JS tokenizer is checked against). It shares no code with the JS library.
"""
import collections
import unicodedata

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
PREFIX = '##'
MAX_CHARS_PER_WORD = 100  # longer words become [UNK], as in tokenizers' WordPiece default


def _is_control(ch):
    """Rust tokenizers: tab/newline/CR are not control; every other "Other" category (Cc Cf Cn Co Cs) is."""
    if ch in '\t\n\r':
        return False
    return unicodedata.category(ch).startswith('C')


def _is_whitespace(ch):
    """Rust char::is_whitespace as far as it survives the control filter: tab/newline/CR, Zs, Zl, Zp."""
    return ch in ' \t\n\r' or unicodedata.category(ch) in ('Zs', 'Zl', 'Zp')


def _is_chinese(cp):
    """The CJK Unified Ideographs blocks BERT pads with spaces (incl. extensions A, B–F and compatibility)."""
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _is_punctuation(ch):
    """ASCII punctuation (incl. $ + < = > ^ ` | ~) or any Unicode P* category."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def normalize(text):
    """BertNormalizer(clean_text, handle_chinese_chars, strip_accents, lowercase)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(' ')
        elif _is_chinese(cp):
            out.extend((' ', ch, ' '))
        else:
            out.append(ch)
    text = ''.join(out)
    text = ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn')
    return text.lower()


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, then every punctuation character is a word of its own."""
    words = []
    for chunk in text.split(' '):
        current = []
        for ch in chunk:
            if _is_whitespace(ch):
                if current:
                    words.append(''.join(current))
                current = []
            elif _is_punctuation(ch):
                if current:
                    words.append(''.join(current))
                words.append(ch)
                current = []
            else:
                current.append(ch)
        if current:
            words.append(''.join(current))
    return words


def wordpiece(word, vocab):
    """Greedy longest-match-first; a word with any unmatched rest is a single [UNK]."""
    if len(word) > MAX_CHARS_PER_WORD:
        return ['[UNK]']
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else PREFIX + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ['[UNK]']
        pieces.append(found)
        start = end
    return pieces


def tokenize(text, vocab):
    """Tokens of `text` without the special tokens."""
    return [p for w in pre_tokenize(normalize(text)) for p in wordpiece(w, vocab)]


def encode(text, vocab, max_length=None):
    """Ids with [CLS] … [SEP]; with max_length, the text is cut so the whole fits (specials kept)."""
    ids = [vocab[t] for t in tokenize(text, vocab)]
    if max_length is not None:
        ids = ids[:max_length - 2]
    return [vocab['[CLS]'], *ids, vocab['[SEP]']]


def build_vocab(texts, size, min_count=2):
    """A WordPiece vocabulary from a corpus: specials, every character seen at least `min_count` times
    (alone and as a ##continuation), then whole words and ##suffixes of 2-4 characters of the
    remaining words, by frequency, until `size` entries. Deterministic (ties broken by the string)."""
    words = collections.Counter(w for t in texts for w in pre_tokenize(normalize(t)))
    chars = collections.Counter()
    for w, n in words.items():
        for c in w:
            chars[c] += n
    alphabet = sorted(c for c, n in chars.items() if n >= min_count)
    vocab = list(SPECIALS) + alphabet + [PREFIX + c for c in alphabet]
    seen = set(vocab)
    candidates = collections.Counter()
    for w, n in words.items():
        if n >= min_count and len(w) > 1:
            candidates[w] += n
        for k in (2, 3, 4):
            if len(w) > k + 1:
                candidates[PREFIX + w[-k:]] += n
    for piece, n in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(vocab) >= size:
            break
        if n >= min_count and piece not in seen:
            vocab.append(piece)
            seen.add(piece)
    return {t: i for i, t in enumerate(vocab)}


def tokenizer_json(vocab, max_length):
    """The vocabulary as a Hugging Face tokenizer.json (BERT uncased pipeline, no padding/truncation:
    the runtime pads and truncates to the model's maximum length)."""
    special = [{'id': vocab[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
                'normalized': False, 'special': True} for t in SPECIALS]
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': special,
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True,
                       'strip_accents': None, 'lowercase': True},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {t: {'id': t, 'ids': [vocab[t]], 'tokens': [t]} for t in ('[CLS]', '[SEP]')},
        },
        'decoder': {'type': 'WordPiece', 'prefix': PREFIX, 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': PREFIX,
                  'max_input_chars_per_word': MAX_CHARS_PER_WORD, 'vocab': vocab},
    }
