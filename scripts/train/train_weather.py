"""Train the bundled `weather` demo model: a small MLP that predicts Seattle's daily weather type from
precipitation, temperatures, wind and month (vega-datasets seattle-weather.csv), exported to
public/models/weather.onnx with standardisation and the month encoding inside the graph, plus its card
and the held-out / drift sample sets under public/samples/. Deterministic: a re-run rewrites the same files.

Run from the repository root:  /usr/bin/python3 scripts/train/train_weather.py
"""
import csv
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

MODEL_ID = 'weather'
SEED = 20261127
HELDOUT_FRACTION = 0.2
TRAIN_YEARS = ('2012', '2013', '2014')
EPOCH_CHOICES = (100, 200, 400, 600)  # picked by 5-fold cross-validation on the training rows
LABELS = ['drizzle', 'fog', 'rain', 'snow', 'sun']
FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind', 'month']
UNITS = {'precipitation': 'mm', 'temp_max': 'degrees C', 'temp_min': 'degrees C', 'wind': 'as in the source (documented as km/h; values 0.4-9.5 suggest m/s)',
         'month': '1-12, from date'}
COMMAND = '/usr/bin/python3 scripts/train/train_weather.py'
CSV_PATH = os.path.join(common.ROOT, 'node_modules', 'vega-datasets', 'data', 'seattle-weather.csv')


def load_rows():
    """Raw rows as dicts of strings (original text kept for the sample CSVs), plus `month`."""
    with open(CSV_PATH, encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row['month'] = str(int(row['date'][5:7]))
    return rows


def to_arrays(rows):
    x = np.array([[float(r[name]) for name in FEATURES] for r in rows], dtype=np.float32)
    y = np.array([LABELS.index(r['weather']) for r in rows], dtype=np.int64)
    return x, y


class WeatherMlp(nn.Module):
    """Raw features in; inside: standardise the four measurements with the training mean/std, encode
    month as sin/cos on the yearly circle (December sits next to January), then 6-32-32-5 MLP."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer('mean', torch.tensor(mean, dtype=torch.float32))
        self.register_buffer('std', torch.tensor(std, dtype=torch.float32))
        self.net = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 5))

    def forward(self, features):
        measured = (features[:, 0:4] - self.mean) / self.std
        angle = features[:, 4:5] * (2 * math.pi / 12)
        logits = self.net(torch.cat([measured, torch.sin(angle), torch.cos(angle)], dim=1))
        return logits, torch.softmax(logits, dim=1)


def train(x, y, epochs):
    common.seed_everything(SEED)
    mean = x[:, 0:4].mean(axis=0)
    std = x[:, 0:4].std(axis=0)
    model = WeatherMlp(mean, std)
    optimiser = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    for _ in range(epochs):  # full batch: under 900 rows
        model.train()
        loss = nn.functional.cross_entropy(model(xt)[0], yt)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return model.eval()


def choose_epochs(x, y):
    """Training length by stratified 5-fold cross-validation on the training rows only (the held-out
    rows play no part), so the reported held-out accuracy stays an honest estimate."""
    folds = np.zeros(len(y), dtype=np.int64)
    rng = np.random.default_rng(SEED + 1)
    for cls in np.unique(y):
        idx = np.flatnonzero(y == cls)
        folds[idx[rng.permutation(len(idx))]] = np.arange(len(idx)) % 5
    scores = {}
    for epochs in EPOCH_CHOICES:
        correct = 0
        for k in range(5):
            fit, val = folds != k, folds == k
            correct += int(np.sum(predict(train(x[fit], y[fit], epochs), x[val]) == y[val]))
        scores[epochs] = correct / len(y)
        print('cv: %4d epochs -> accuracy %.4f' % (epochs, scores[epochs]), flush=True)
    best = max(EPOCH_CHOICES, key=lambda e: (scores[e], -e))
    return best, scores


def predict(model, x):
    with torch.no_grad():
        return model(torch.from_numpy(x))[0].argmax(1).numpy()


def write_csv(path, rows, columns):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        writer = csv.writer(f, lineterminator='\n')
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])


def main():
    started = time.time()
    rows = load_rows()
    pool = [r for r in rows if r['date'][:4] in TRAIN_YEARS]
    x, y = to_arrays(pool)
    train_idx, held_idx = common.stratified_split(y, HELDOUT_FRACTION, SEED)
    epochs, cv_scores = choose_epochs(x[train_idx], y[train_idx])
    model = train(x[train_idx], y[train_idx], epochs)
    train_acc = float(np.mean(predict(model, x[train_idx]) == y[train_idx]))
    accuracy = float(np.mean(predict(model, x[held_idx]) == y[held_idx]))
    majority = float(np.mean(y[held_idx] == np.bincount(y[train_idx]).argmax()))
    x2015, y2015 = to_arrays([r for r in rows if r['date'][:4] == '2015'])
    acc2015 = float(np.mean(predict(model, x2015) == y2015))
    print('train accuracy %.4f, held-out accuracy %.4f on %d rows (majority class %.4f), 2015 accuracy %.4f'
          % (train_acc, accuracy, len(held_idx), majority, acc2015))

    onnx_path = os.path.join(common.MODELS_DIR, MODEL_ID + '.onnx')
    card_path = os.path.join(common.MODELS_DIR, MODEL_ID + '.card.json')
    os.makedirs(common.MODELS_DIR, exist_ok=True)
    common.export_onnx(model, torch.zeros(1, len(FEATURES)), onnx_path, 'features', ['logits', 'probabilities'], {
        'edgeprobe.id': MODEL_ID,
        'edgeprobe.task': 'tabular-classification',
        'edgeprobe.labels': json.dumps(LABELS),
        'edgeprobe.features': json.dumps(FEATURES),
        'edgeprobe.heldout_accuracy': '%.4f' % accuracy,
        'edgeprobe.card': MODEL_ID + '.card.json',
    })

    counts = np.bincount(y, minlength=len(LABELS))
    card = {
        'id': MODEL_ID,
        'name': 'Seattle daily weather (MLP)',
        'description': ('Predicts the day\'s weather type (drizzle, fog, rain, snow, sun) in Seattle from '
                        'precipitation, max/min temperature, wind and month. Standardisation and the month '
                        'encoding are inside the graph: feed raw values. %d parameters.'
                        % sum(p.numel() for p in model.parameters())),
        'task': 'tabular-classification',
        'source': {
            'package': 'vega-datasets (npm) %s' % package_version('vega-datasets'),
            'files': 'node_modules/vega-datasets/data/seattle-weather.csv',
            'rows': len(pool),
            'perClass': dict(zip(LABELS, counts.tolist())),
            'licence': ('vega-datasets is BSD-3-Clause; its datapackage.json lists this table as a U.S. '
                        'Government Dataset (NOAA National Climatic Data Center). The categorical weather '
                        'field is synthesized by vega-datasets from several NOAA fields and is meant for '
                        'instructional use.'),
        },
        'split': ('Rows dated 2012-2014 (%d days). Stratified by weather: per class a seeded permutation '
                  '(numpy default_rng(%d)) puts 20%% of the days in held-out; the rest train. 2015 is not '
                  'used in training (it is the drift "current" sample set).' % (len(pool), SEED)),
        'trainCount': int(len(train_idx)),
        'heldoutCount': int(len(held_idx)),
        'heldoutAccuracy': round(accuracy, 4),
        'baselines': {
            'majorityClassHeldoutAccuracy': round(majority, 4),
            'trainAccuracy': round(train_acc, 4),
            'accuracy2015': round(acc2015, 4),
        },
        'labels': LABELS,
        'inputs': [{'name': 'features', 'dims': ['batch', len(FEATURES)], 'dtype': 'float32',
                    'featureNames': FEATURES, 'units': UNITS,
                    'preprocessing': 'none: raw values in feature order; the graph standardises them'}],
        'outputs': [
            {'name': 'logits', 'dims': ['batch', len(LABELS)], 'dtype': 'float32',
             'meaning': 'unnormalised class scores in label order'},
            {'name': 'probabilities', 'dims': ['batch', len(LABELS)], 'dtype': 'float32',
             'meaning': 'softmax of logits'},
        ],
        'intendedUse': ('Demo model for edgeprobe: tabular inference, browser/server parity, and drift '
                        'between years (weather-2012 vs weather-2015 sample sets).'),
        'limitations': [
            'Rain vs. not-rain is nearly determined by precipitation; sun vs. drizzle vs. fog on dry days '
            'is barely separable from these features, so those classes are often confused.',
            'The weather label is synthesized by vega-datasets and its class mix changes by year (no '
            'drizzle labels in 2014, many fog labels in 2015): accuracy on other years differs.',
            'Snow has very few examples (%d in 2012-2014).' % int(counts[LABELS.index('snow')]),
            'Held-out set is small (%d days): accuracy has a standard error of about %.1f points.'
            % (len(held_idx), 100 * math.sqrt(accuracy * (1 - accuracy) / len(held_idx))),
        ],
        'training': {
            'script': 'scripts/train/train_weather.py',
            'command': COMMAND,
            'framework': 'pytorch ' + torch.__version__ + ', CPU, 1 thread',
            'seed': SEED,
            'epochs': epochs,
            'epochSelection': {'method': 'stratified 5-fold cross-validation on the training rows',
                               'cvAccuracy': {str(k): round(v, 4) for k, v in cv_scores.items()}},
            'optimiser': 'Adam lr 0.01, weight decay 0.001, full batch, cross-entropy',
            'standardisation': {'features': FEATURES[:4], 'mean': [round(float(v), 6) for v in model.mean],
                                'std': [round(float(v), 6) for v in model.std]},
            'export': 'torch.onnx.export (TorchScript exporter), opset %d, dynamic batch dim' % common.OPSET,
        },
        'files': {'onnx': MODEL_ID + '.onnx', 'heldoutSamples': '../samples/weather-heldout.jsonl',
                  'heldoutCsv': '../samples/weather-heldout.csv'},
    }
    common.write_json(card_path, card)
    common.update_index(os.path.join(common.MODELS_DIR, 'index.json'), 'models',
                        [common.model_index_entry(card, onnx_path, card_path)], {MODEL_ID},
                        'Bundled demo models. file and card are relative to this index (served at /models/).')
    write_samples(rows, [pool[i] for i in held_idx], acc2015)
    print('done in %.0f s' % (time.time() - started))


def package_version(name):
    with open(os.path.join(common.ROOT, 'node_modules', name, 'package.json'), encoding='utf-8') as f:
        return json.load(f)['version']


def write_samples(rows, held_rows, acc2015):
    samples = common.SAMPLES_DIR
    os.makedirs(samples, exist_ok=True)
    x, y = to_arrays(held_rows)
    common.write_jsonl(os.path.join(samples, 'weather-heldout.jsonl'),
                       [common.oip_line('features', [1, len(FEATURES)], xi, yi, LABELS[yi], 4)
                        for xi, yi in zip(x, y)])
    write_csv(os.path.join(samples, 'weather-heldout.csv'), held_rows, FEATURES + ['weather'])
    columns = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather', 'month']
    by_year = {}
    for year in ('2012', '2015'):
        by_year[year] = [r for r in rows if r['date'][:4] == year]
        write_csv(os.path.join(samples, 'weather-%s.csv' % year), by_year[year], columns)
    entries = [
        {'id': 'weather-heldout', 'file': 'weather-heldout.jsonl', 'kind': 'oip-jsonl', 'model': MODEL_ID,
         'role': 'heldout', 'rows': len(held_rows),
         'description': ('All %d held-out 2012-2014 days of the weather model as OIP requests (features: %s) '
                         'with label/labelName. The model card accuracy is measured on these.'
                         % (len(held_rows), ', '.join(FEATURES)))},
        {'id': 'weather-heldout-csv', 'file': 'weather-heldout.csv', 'kind': 'csv', 'model': MODEL_ID,
         'role': 'heldout', 'rows': len(held_rows), 'columns': FEATURES + ['weather'],
         'description': 'The same held-out days as a CSV: the five feature columns in model order plus the weather label.'},
        {'id': 'weather-2012', 'file': 'weather-2012.csv', 'kind': 'csv', 'model': MODEL_ID,
         'role': 'reference', 'rows': len(by_year['2012']), 'columns': columns, 'pair': 'weather-2015',
         'description': 'Every 2012 day of seattle-weather.csv, original columns plus month (the drift reference).'},
        {'id': 'weather-2015', 'file': 'weather-2015.csv', 'kind': 'csv', 'model': MODEL_ID,
         'role': 'current', 'rows': len(by_year['2015']), 'columns': columns, 'pair': 'weather-2012',
         'description': ('Every 2015 day of seattle-weather.csv, original columns plus month. Never used in '
                         'training; the label mix differs from 2012 (more fog and sun, little drizzle, no '
                         'snow). Model accuracy on 2015: %.4f.' % acc2015)},
    ]
    common.update_index(os.path.join(samples, 'index.json'), 'samples', entries,
                        {e['id'] for e in entries}, SAMPLES_ABOUT)


SAMPLES_ABOUT = ('Bundled sample sets. file is relative to this index (served at /samples/); a folder entry '
                 '(kind images) lists its files. role: heldout = the model card\'s held-out set; '
                 'reference/current = a drift pair (see pair).')

if __name__ == '__main__':
    main()
