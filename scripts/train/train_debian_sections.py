"""Train the bundled text demo model `debian-sections`: which Debian archive Section a package
belongs to, from its one-line description (Debian bookworm main amd64 apt list). A WordPiece
vocabulary built here + an embedding bag (masked mean) + a small MLP head, exported as a Hugging
Face-style folder public/models/debian-sections/ (model.onnx, tokenizer.json, tokenizer_config.json,
special_tokens_map.json, config.json, card.json, README.md), plus the held-out set and a drift pair.

The extracted dataset is committed (scripts/train/data/debian-sections.tsv) so a re-run reproduces
the same files without the apt lists; `--extract` rebuilds it from
/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4 (after
`apt-get update`; needs lz4cat).

Run from the repository root:  /usr/bin/python3 scripts/train/train_debian_sections.py [--extract]
"""
import csv
import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import torch
from torch import nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import bert_wordpiece as wp  # noqa: E402

MODEL_ID = 'debian-sections'
SEED = 20261201
LABELS = ['admin', 'games', 'graphics', 'mail', 'net', 'science', 'sound', 'text']
# Sections the model never sees: their descriptions are the drift "current" set (new vocabulary).
DRIFT_SECTIONS = ['devel', 'libdevel', 'python', 'x11', 'video', 'editors']
HELDOUT_FRACTION = 0.2
VOCAB_SIZE = 6000
MAX_LENGTH = 64
DIM = 64
EPOCHS = 12
EPOCHS_USED, VAL_ACCURACY = 0, 0.0  # set by main()
APT_LIST = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4'
DATA = os.path.join(common.ROOT, 'scripts', 'train', 'data', 'debian-sections.tsv')
OUT = os.path.join(common.MODELS_DIR, MODEL_ID)
COMMAND = '/usr/bin/python3 scripts/train/train_debian_sections.py'


def extract():
    """Package, Section and one-line Description of every stanza in the apt list, written as TSV.
    Descriptions that occur more than once (any section) are dropped: they would leak across the split."""
    raw = subprocess.run(['lz4cat', APT_LIST], check=True, capture_output=True).stdout.decode('utf-8')
    rows = []
    for stanza in raw.split('\n\n'):
        fields = {}
        for line in stanza.split('\n'):
            if line and not line.startswith(' ') and ':' in line:
                key, value = line.split(':', 1)
                fields[key] = value.strip()
        if fields.get('Section') in LABELS + DRIFT_SECTIONS and fields.get('Description'):
            rows.append((fields['Package'], fields['Section'], fields['Description'].replace('\t', ' ')))
    counts = {}
    for _, _, d in rows:
        counts[d.lower()] = counts.get(d.lower(), 0) + 1
    rows = sorted(r for r in rows if counts[r[2].lower()] == 1)
    os.makedirs(os.path.dirname(DATA), exist_ok=True)
    with open(DATA, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# source: %s sha256 %s (Debian bookworm main amd64, apt-get update on 2026-12-01)\n'
                % (os.path.basename(APT_LIST), common.sha256_file(APT_LIST)))
        f.write('package\tsection\tdescription\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')


def load():
    with open(DATA, encoding='utf-8') as f:
        source = f.readline()[2:].strip()
        reader = csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
        return source, list(reader)


def split_of(package):
    """Held-out when the first byte of sha256(package name) is below 20 % of 256: stable across runs."""
    return 'heldout' if hashlib.sha256(package.encode()).digest()[0] < int(256 * HELDOUT_FRACTION) else 'train'


class BagClassifier(nn.Module):
    """Embedding bag (mean over real tokens) -> pooled sentence embedding -> MLP -> logits."""

    def __init__(self, vocab, dim, classes):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.head = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, classes))

    def forward(self, input_ids, attention_mask):
        mask = attention_mask.to(torch.float32).unsqueeze(-1)
        summed = (self.embed(input_ids) * mask).sum(dim=1)
        pooled = summed / mask.sum(dim=1).clamp(min=1.0)
        return self.head(pooled), pooled


def batch(ids_list):
    width = max(len(x) for x in ids_list)
    ids = np.zeros((len(ids_list), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, x in enumerate(ids_list):
        ids[i, :len(x)] = x
        mask[i, :len(x)] = 1
    return torch.from_numpy(ids), torch.from_numpy(mask)


def predict(model, ids_list):
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(ids_list), 512):
            logits, _ = model(*batch(ids_list[s:s + 512]))
            out.append(logits.argmax(dim=1).numpy())
    return np.concatenate(out)


def main():
    if '--extract' in sys.argv:
        extract()
    common.seed_everything(SEED)
    source, rows = load()
    labelled = [r for r in rows if r['section'] in LABELS]
    train = [r for r in labelled if split_of(r['package']) == 'train']
    # Epoch selection: a validation tenth of the training packages (second hash byte), never the held-out.
    is_val = lambda r: hashlib.sha256(r['package'].encode()).digest()[1] < 26  # noqa: E731
    held = [r for r in labelled if split_of(r['package']) == 'heldout']
    vocab = wp.build_vocab([r['description'] for r in train], VOCAB_SIZE)
    enc = lambda rs: [wp.encode(r['description'], vocab, MAX_LENGTH) for r in rs]  # noqa: E731
    x_train, x_held = enc(train), enc(held)
    y_train = np.array([LABELS.index(r['section']) for r in train])
    val = np.array([is_val(r) for r in train])
    fit_idx = np.flatnonzero(~val)
    x_val, y_val = [x_train[i] for i in np.flatnonzero(val)], y_train[val]
    y_held = np.array([LABELS.index(r['section']) for r in held])

    model = BagClassifier(len(vocab), DIM, len(LABELS))
    counts = np.bincount(y_train[fit_idx], minlength=len(LABELS))
    # Class weights (inverse frequency) so the small sections (mail) are not drowned by net/science.
    weight = torch.tensor(len(y_train) / (len(LABELS) * counts), dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=weight)
    best = (-1.0, 0, None)
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-5)
    rng = np.random.default_rng(SEED)
    for epoch in range(EPOCHS):
        model.train()
        order = fit_idx[rng.permutation(len(fit_idx))]
        for s in range(0, len(order), 64):
            idx = order[s:s + 64]
            logits, _ = model(*batch([x_train[i] for i in idx]))
            loss = loss_fn(logits, torch.from_numpy(y_train[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_acc = float((predict(model, x_val) == y_val).mean())
        print('epoch %d validation accuracy %.4f' % (epoch + 1, val_acc))
        if val_acc > best[0]:
            best = (val_acc, epoch + 1, {k: v.clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[2])
    global EPOCHS_USED, VAL_ACCURACY
    EPOCHS_USED, VAL_ACCURACY = best[1], best[0]
    accuracy = float((predict(model, x_held) == y_held).mean())
    train_acc = float((predict(model, x_train) == y_train).mean())
    majority = float((y_held == np.bincount(y_train).argmax()).mean())
    write_folder(model, vocab, source, rows, train, held, accuracy, train_acc, majority, counts)
    write_samples(held, [r for r in rows if r['section'] in DRIFT_SECTIONS])
    print('held-out accuracy %.4f (train %.4f, majority %.4f), %d train / %d held-out, vocab %d'
          % (accuracy, train_acc, majority, len(train), len(held), len(vocab)))


def export(model, path, vocab_size):
    """ONNX with dynamic batch and sequence dims; input_ids/attention_mask int64 as BERT exports have."""
    import onnx
    model.eval()
    ids, mask = batch([[2, 5, 3]])
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask), path, input_names=['input_ids', 'attention_mask'],
                          output_names=['logits', 'sentence_embedding'], opset_version=common.OPSET,
                          dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                                        'logits': {0: 'batch'}, 'sentence_embedding': {0: 'batch'}},
                          do_constant_folding=True)
    proto = onnx.load(path)
    del proto.metadata_props[:]
    for key, value in {'edgeprobe.task': 'text-classification', 'edgeprobe.labels': ','.join(LABELS),
                       'edgeprobe.vocab_size': str(vocab_size)}.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    proto.producer_name = 'edgeprobe scripts/train (pytorch ' + torch.__version__ + ')'
    onnx.checker.check_model(proto)
    onnx.save(proto, path)


def write_folder(model, vocab, source, rows, train, held, accuracy, train_acc, majority, counts):
    os.makedirs(OUT, exist_ok=True)
    onnx_path = os.path.join(OUT, 'model.onnx')
    export(model, onnx_path, len(vocab))
    common.write_json(os.path.join(OUT, 'tokenizer.json'), wp.tokenizer_json(vocab, MAX_LENGTH))
    specials = {'unk_token': '[UNK]', 'sep_token': '[SEP]', 'pad_token': '[PAD]', 'cls_token': '[CLS]', 'mask_token': '[MASK]'}
    common.write_json(os.path.join(OUT, 'special_tokens_map.json'), specials)
    common.write_json(os.path.join(OUT, 'tokenizer_config.json'), {
        'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'strip_accents': None, 'tokenize_chinese_chars': True,
        'model_max_length': MAX_LENGTH, 'clean_up_tokenization_spaces': True, **specials})
    common.write_json(os.path.join(OUT, 'config.json'), {
        'architectures': ['EmbeddingBagClassifier'], 'model_type': 'edgeprobe-embedding-bag',
        'problem_type': 'single_label_classification', 'vocab_size': len(vocab), 'hidden_size': DIM,
        'max_position_embeddings': MAX_LENGTH, 'pad_token_id': vocab['[PAD]'],
        'id2label': {str(i): l for i, l in enumerate(LABELS)}, 'label2id': {l: i for i, l in enumerate(LABELS)},
        'pooled_output': 'sentence_embedding'})
    params = sum(p.numel() for p in model.parameters())
    card = {
        'id': MODEL_ID,
        'name': 'Debian package section from its description (embedding bag)',
        'description': ('Predicts the Debian archive Section (%s) of a package from its one-line description. '
                        'WordPiece tokens (uncased BERT pipeline, vocabulary of %d built from the training '
                        'descriptions) -> %d-d embedding, mean over tokens -> MLP. %d parameters. Outputs '
                        'logits and the pooled sentence_embedding.' % (', '.join(LABELS), len(vocab), DIM, params)),
        'task': 'text-classification',
        'source': {
            'package': 'Debian bookworm main amd64 apt list (apt-get update)',
            'files': 'scripts/train/data/debian-sections.tsv, extracted from ' + source,
            'rows': len(train) + len(held),
            'perClass': {l: int(sum(1 for r in train + held if r['section'] == l)) for l in LABELS},
            'licence': ('Package descriptions are part of the Debian archive metadata (each package under its '
                        'own free licence; the descriptions are published by Debian in the Packages index).'),
        },
        'split': ('Descriptions occurring more than once are dropped. A package is held out when the first byte '
                  'of sha256(package name) < %d (about %d%%); the rest train.' % (int(256 * HELDOUT_FRACTION), int(HELDOUT_FRACTION * 100))),
        'trainCount': len(train),
        'heldoutCount': len(held),
        'heldoutAccuracy': round(accuracy, 4),
        'baselines': {'majorityClassHeldoutAccuracy': round(majority, 4), 'trainAccuracy': round(train_acc, 4)},
        'labels': LABELS,
        'inputs': [{'name': 'input_ids', 'dims': ['batch', 'sequence'], 'dtype': 'int64',
                    'preprocessing': 'tokenizer.json (BERT uncased WordPiece), [CLS] text [SEP], at most %d tokens' % MAX_LENGTH},
                   {'name': 'attention_mask', 'dims': ['batch', 'sequence'], 'dtype': 'int64', 'preprocessing': '1 for tokens, 0 for padding'}],
        'outputs': [{'name': 'logits', 'dims': ['batch', len(LABELS)], 'dtype': 'float32', 'meaning': 'unnormalised class scores in id2label order'},
                    {'name': 'sentence_embedding', 'dims': ['batch', DIM], 'dtype': 'float32', 'meaning': 'mean of the token embeddings (the pooled output)'}],
        'intendedUse': 'Demo model for edgeprobe: text classification in the browser, tokenizer parity, text drift.',
        'limitations': [
            'Only eight sections; anything else (libraries, Python modules, editors…) is forced into one of them.',
            'One-line descriptions only (about 40-80 characters); long texts are cut at %d tokens.' % MAX_LENGTH,
            'English, lowercased; words outside the %d-entry vocabulary become [UNK] or sub-word pieces.' % len(vocab),
            'Classes are imbalanced (class-weighted loss); sections overlap (a network game is games or net).',
        ],
        'training': {
            'script': 'scripts/train/train_debian_sections.py', 'command': COMMAND,
            'framework': 'pytorch ' + torch.__version__ + ', CPU, 1 thread', 'seed': SEED, 'epochs': EPOCHS_USED,
            'epochSelection': {'method': 'best of %d epochs on a validation tenth of the training packages (second sha256 byte < 26), trained on the other nine tenths' % EPOCHS,
                               'validationAccuracy': round(VAL_ACCURACY, 4)},
            'optimiser': 'Adam lr 0.01, weight decay 1e-5, batch 64, class-weighted cross-entropy',
            'tokenizer': 'scripts/train/bert_wordpiece.py build_vocab (chars, ##chars, then frequent words and ##suffixes)',
            'export': 'torch.onnx.export (TorchScript exporter), opset %d, dynamic batch and sequence dims' % common.OPSET,
        },
        'files': {'onnx': 'model.onnx', 'heldoutCsv': '../../samples/debian-sections-heldout.csv',
                  'driftCurrentCsv': '../../samples/debian-sections-current.csv'},
    }
    common.write_json(os.path.join(OUT, 'card.json'), card)
    with open(os.path.join(OUT, 'README.md'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(readme(card, counts))
    entry = {'id': MODEL_ID, 'name': card['name'], 'task': card['task'], 'folder': MODEL_ID + '/',
             'file': MODEL_ID + '/model.onnx', 'card': MODEL_ID + '/card.json',
             'bytes': os.path.getsize(onnx_path), 'sha256': common.sha256_file(onnx_path)}
    common.update_index(os.path.join(common.MODELS_DIR, 'index.json'), 'models', [entry], {MODEL_ID},
                        json.load(open(os.path.join(common.MODELS_DIR, 'index.json')))['about'])


def readme(card, counts):
    """A Hugging Face model card (YAML front matter + Markdown)."""
    lines = ['---', 'language: en', 'license: other', 'pipeline_tag: text-classification', 'library_name: onnx',
             'metrics:', '- accuracy', '---', '', '# ' + card['name'], '', card['description'], '',
             '## Data', '', '- Source: ' + card['source']['files'], '- Split: ' + card['split'],
             '- Train %d, held-out %d; per class (all): %s' % (card['trainCount'], card['heldoutCount'],
                                                               ', '.join('%s %d' % kv for kv in card['source']['perClass'].items())),
             '', '## Results', '', '| held-out accuracy | majority class | train accuracy |', '|---|---|---|',
             '| %.4f | %.4f | %.4f |' % (card['heldoutAccuracy'], card['baselines']['majorityClassHeldoutAccuracy'], card['baselines']['trainAccuracy']),
             '', 'edgeprobe re-measures the held-out accuracy from these files in its tests (src/lib/text/debian-sections.test.ts).',
             '', '## Intended use', '', card['intendedUse'], '', '## Limitations', '']
    lines += ['- ' + l for l in card['limitations']]
    lines += ['', '## Reproduce', '', '```sh', card['training']['command'], '```', '']
    return '\n'.join(lines)


def write_samples(held, drift_rows):
    """Held-out descriptions (also the drift reference) and, as drift current, 600 descriptions from
    sections the model never saw (a change of vocabulary), chosen by a seeded permutation."""
    rng = np.random.default_rng(SEED)
    current = [drift_rows[i] for i in sorted(rng.permutation(len(drift_rows))[:600])]

    def write(name, rs):
        with open(os.path.join(common.SAMPLES_DIR, name), 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['description', 'section'])
            for r in rs:
                w.writerow([r['description'], r['section']])
    write('debian-sections-heldout.csv', held)
    write('debian-sections-current.csv', current)
    entries = [
        {'id': 'debian-sections-heldout', 'file': 'debian-sections-heldout.csv', 'kind': 'csv', 'model': MODEL_ID,
         'role': 'reference', 'rows': len(held), 'columns': ['description', 'section'], 'pair': 'debian-sections-current',
         'textColumn': 'description', 'labelColumn': 'section',
         'description': 'The %d held-out package descriptions of the debian-sections model with their Section (the drift reference).' % len(held)},
        {'id': 'debian-sections-current', 'file': 'debian-sections-current.csv', 'kind': 'csv', 'model': MODEL_ID,
         'role': 'current', 'rows': len(current), 'columns': ['description', 'section'], 'pair': 'debian-sections-heldout',
         'textColumn': 'description',
         'description': ('%d descriptions from sections the model never saw (%s): new vocabulary, a drift current set.'
                         % (len(current), ', '.join(DRIFT_SECTIONS)))},
    ]
    path = os.path.join(common.SAMPLES_DIR, 'index.json')
    common.update_index(path, 'samples', entries, {e['id'] for e in entries}, json.load(open(path))['about'])


if __name__ == '__main__':
    main()
