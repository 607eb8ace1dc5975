// Recognise common non-ONNX files by their magic bytes, so a wrong file gets a message saying
// what it looks like ("a PNG image") instead of a protobuf parse error.

const ascii = (b: Uint8Array, start: number, len: number) =>
  String.fromCharCode(...b.subarray(start, start + len));

/**
 * Describe what `bytes` looks like when it is a known non-ONNX format, e.g. 'a PNG image' or
 * 'a ZIP archive (for example a PyTorch .pt checkpoint)'; null when nothing matches.
 */
export function sniffFormat(bytes: Uint8Array): string | null {
  const b = bytes;
  const n = b.length;
  const starts = (...sig: number[]) => n >= sig.length && sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (n >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'a WebP image';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return 'a ZIP archive (for example a PyTorch .pt checkpoint or a zipped model; unzip it or export the model to ONNX)';
  }
  if (starts(0x1f, 0x8b)) return 'a gzip-compressed file (decompress it first)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x89, 0x48, 0x44, 0x46)) return 'an HDF5 file (for example a Keras .h5 model; convert it to ONNX)';
  if (n >= 8 && ascii(b, 4, 4) === 'ORTM') return 'an ONNX Runtime .ort model (this tool reads .onnx files)';
  if (n >= 8 && ascii(b, 4, 4) === 'TFL3') return 'a TensorFlow Lite model (convert it to ONNX)';
  if (n >= 2 && b[0] === 0x80 && b[1]! >= 2 && b[1]! <= 5) return 'a Python pickle (for example a PyTorch/scikit-learn file; export it to ONNX)';
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'a Parquet file';
  if (starts(0x00, 0x61, 0x73, 0x6d)) return 'a WebAssembly module';
  if (n >= 10 && b[8] === 0x7b && b[9] === 0x22) return 'a safetensors file (weights only, no graph)';
  return sniffText(b);
}

function sniffText(b: Uint8Array): string | null {
  const head = b.subarray(0, Math.min(b.length, 512));
  let printable = 0;
  for (const c of head) if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2) printable++;
  if (head.length < 4 || printable < head.length * 0.95) return null;
  const text = new TextDecoder().decode(head).trimStart();
  // Only the kind is reported, never the file's bytes: the file may be /etc/shadow or a secret
  // (/proc/self/environ), and these messages end up in logs.
  if (/^<(!doctype|html)/i.test(text)) return 'an HTML page (a download link may have returned a web page)';
  if (text.startsWith('version https://git-lfs')) return 'a Git LFS pointer file (fetch the real file with git lfs pull)';
  if (text.startsWith('{') || text.startsWith('[')) return 'a JSON file (text)';
  if (text.startsWith('ir_version') || text.startsWith('<')) return 'a text file (ONNX models are binary protobuf; this may be a text dump of one)';
  return 'a text file';
}
