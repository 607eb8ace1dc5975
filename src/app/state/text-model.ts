// Text model folders in the page: the files of a picked/dropped folder (or a bundled demo folder)
// become a TextModelFolder (src/lib/text), and the tokenizer is built in the engine worker.
import { readModelFolder, type FolderFile, type TextModelFolder } from '../../lib/text/folder.ts';
import type { TokenizerInfo } from '../../engine-web/protocol.ts';
import { readFileBytes, fetchBytes, type ByteProgress } from './fetch-progress.ts';

/** What a loaded text model carries beside its bytes. */
export interface TextModelInfo {
  folder: TextModelFolder;
  tokenizer: TokenizerInfo;
  /** The files as picked (a user's folder, not a bundled demo), so the folder can be kept on the device. */
  files?: FolderFile[];
}

/** The files of a Hugging Face-style folder the app fetches for a bundled demo. */
export const FOLDER_FILES = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'config.json'] as const;

/** True when a pick/drop is a model folder: an .onnx file with tokenizer.json or config.json beside it. */
export function looksLikeFolder(files: readonly File[]): boolean {
  const names = files.map((f) => f.name);
  return names.some((n) => /\.onnx$/i.test(n)) && names.some((n) => n === 'tokenizer.json' || n === 'config.json');
}

/** Reads chosen files (webkitdirectory or a multi-file drop) into a folder, with the files as read
 * (to keep them on the device); nested folders keep only base names. */
export async function readPickedFolder(files: readonly File[], onProgress?: ByteProgress): Promise<{ folder: TextModelFolder; files: FolderFile[] }> {
  const total = files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  const read: FolderFile[] = [];
  for (const f of files) {
    if (/(^|\/)\.|\.(md|txt|png|jpg|gitattributes)$/i.test(f.name)) continue; // README, hidden files
    const data = await readFileBytes(f, (loaded) => onProgress?.(done + loaded, total));
    done += f.size;
    read.push({ name: f.name, data });
  }
  return { folder: readModelFolder(read), files: read };
}

/** Fetches a bundled demo folder (public/models/<id>/); optional JSON files may be absent. */
export async function fetchFolder(baseUrl: string, onProgress?: ByteProgress): Promise<TextModelFolder> {
  const read: FolderFile[] = [];
  for (const name of FOLDER_FILES) {
    try {
      read.push({ name, data: await fetchBytes(`${baseUrl}${name}`, name === 'model.onnx' ? onProgress : undefined) });
    } catch (e) {
      if (name === 'model.onnx' || name === 'tokenizer.json') throw e;
    }
  }
  return readModelFolder(read);
}

/** Files dropped as a directory (DataTransfer items) flattened to File objects, first level and one below. */
export async function filesFromDrop(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.some((e) => e.isDirectory)) return [...dt.files];
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
    } else if (entry.isDirectory && depth < 2) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
      for (const c of children) await walk(c, depth + 1);
    }
  };
  for (const e of entries) await walk(e, 0);
  return out;
}
