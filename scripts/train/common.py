"""Shared helpers for the demo-model training scripts: paths, deterministic setup, ONNX export and
metadata, model cards, Open Inference Protocol (OIP) JSONL writing, PNG writing and the
public/models + public/samples index files. Used by train_digits.py and train_weather.py only.
"""
import hashlib
import inspect
import json
import os
import random
import struct
import zlib

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MODELS_DIR = os.path.join(ROOT, 'public', 'models')
SAMPLES_DIR = os.path.join(ROOT, 'public', 'samples')
OPSET = 17


def rel(path):
    """Path relative to the repository root, with forward slashes (as written into JSON)."""
    return os.path.relpath(path, ROOT).replace(os.sep, '/')


def seed_everything(seed):
    """Fix every random source and force single-threaded deterministic torch kernels, so a re-run
    rewrites byte-identical weights (the machine is shared: one thread is also the polite choice)."""
    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


def export_onnx(model, example, path, input_name, output_names, metadata):
    """Export `model` (eval mode) with a dynamic batch dim named `batch` on the input and on every
    output, then attach `metadata` (str -> str) as ONNX metadata_props and re-save."""
    import onnx
    import torch
    model.eval()
    kwargs = dict(
        input_names=[input_name],
        output_names=list(output_names),
        dynamic_axes={name: {0: 'batch'} for name in [input_name, *output_names]},
        opset_version=OPSET,
        do_constant_folding=True,
    )
    # Newer torch defaults to the dynamo exporter, which needs onnxscript (absent here).
    if 'dynamo' in inspect.signature(torch.onnx.export).parameters:
        kwargs['dynamo'] = False
    with torch.no_grad():
        torch.onnx.export(model, example, path, **kwargs)
    proto = onnx.load(path)
    del proto.metadata_props[:]
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key = key
        entry.value = value
    proto.producer_name = 'edgeprobe scripts/train (pytorch ' + torch.__version__ + ')'
    onnx.checker.check_model(proto)
    onnx.save(proto, path)
    return path


def sha256_file(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write('\n')


def fmt(value, decimals):
    """Shortest decimal text of a float rounded to `decimals` places (keeps JSONL files small)."""
    text = ('%.' + str(decimals) + 'f') % value
    if '.' in text:
        text = text.rstrip('0').rstrip('.')
    return '0' if text in ('-0', '') else text


def oip_line(input_name, shape, values, label, label_name, decimals):
    """One OIP v2 request body as a JSON line, with the true class as top-level `label`/`labelName`."""
    data = ','.join(fmt(float(v), decimals) for v in values)
    shape_text = json.dumps([int(s) for s in shape])
    return ('{"inputs":[{"name":%s,"shape":%s,"datatype":"FP32","data":[%s]}],"label":%d,"labelName":%s}'
            % (json.dumps(input_name), shape_text, data, int(label), json.dumps(label_name)))


def write_jsonl(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for line in lines:
            f.write(line)
            f.write('\n')


def write_png_gray(path, pixels):
    """Write an 8-bit grayscale PNG from a 2-D uint8 array (stdlib zlib + struct, no PIL)."""
    pixels = np.asarray(pixels, dtype=np.uint8)
    height, width = pixels.shape
    raw = b''.join(b'\x00' + pixels[y].tobytes() for y in range(height))  # filter type 0 per row

    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header)
                + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def update_index(path, key, entries, ids, about):
    """Replace the entries whose `id` is in `ids` inside index JSON {key: [...]} and keep the others,
    so each training script rewrites only its own models / sample sets."""
    index = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            index = json.load(f)
    index['about'] = about
    kept = [e for e in index.get(key, []) if e.get('id') not in ids]
    index[key] = sorted(kept + list(entries), key=lambda e: e['id'])
    write_json(path, index)


def model_index_entry(card, onnx_path, card_path):
    return {
        'id': card['id'],
        'name': card['name'],
        'task': card['task'],
        # Paths are relative to the index file (public/models/), i.e. the URL /models/<file>.
        'file': os.path.basename(onnx_path),
        'card': os.path.basename(card_path),
        'bytes': os.path.getsize(onnx_path),
        'sha256': sha256_file(onnx_path),
    }


def stratified_split(labels, fraction, seed):
    """Indices (train, held-out): per class, a seeded permutation puts round(fraction * n_class)
    rows into held-out. Both index arrays come back sorted."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    train, held = [], []
    for cls in np.unique(labels):
        idx = np.flatnonzero(labels == cls)
        idx = idx[rng.permutation(len(idx))]
        n_held = int(round(fraction * len(idx)))
        held.extend(idx[:n_held].tolist())
        train.extend(idx[n_held:].tolist())
    return np.array(sorted(train)), np.array(sorted(held))
