import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { type UploadType, uploadTypes } from './antraege.definition.js';
import { cleanFilename } from './antraege.rules.js';

/** A file part of a multipart form as the engine's multipart scope hands it over. */
export interface IncomingFile {
  filename: string;
  data: Buffer;
  /** The file was longer than the global cap (the rest was not read). */
  truncated: boolean;
}

export function isIncomingFile(value: unknown): value is IncomingFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    Buffer.isBuffer((value as IncomingFile).data) &&
    typeof (value as IncomingFile).filename === 'string'
  );
}

/** A file input left empty still sends a part: no name, no content. */
export function isEmptyPart(file: IncomingFile): boolean {
  return file.filename === '' && file.data.length === 0;
}

export type UploadCheck =
  | { ok: true; filename: string; contentType: UploadType; size: number; sha256: string }
  | { ok: false; problem: 'type' | 'size' | 'empty' };

/**
 * Checks an uploaded file: not empty, not larger than `maxBytes`, and of an accepted type as its content
 * says (magic bytes). The name and the browser's content type are not trusted: a PNG called "scan.pdf"
 * is a PNG, a text file called "scan.pdf" is refused.
 */
export async function checkUpload(
  file: IncomingFile,
  accept: readonly UploadType[],
  maxBytes: number,
): Promise<UploadCheck> {
  if (file.truncated || file.data.length > maxBytes) return { ok: false, problem: 'size' };
  if (file.data.length === 0) return { ok: false, problem: 'empty' };
  const found = await fileTypeFromBuffer(file.data);
  const type = uploadTypes.find((candidate) => candidate === found?.mime);
  if (!type || !accept.includes(type)) return { ok: false, problem: 'type' };
  return {
    ok: true,
    filename: cleanFilename(file.filename),
    contentType: type,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
  };
}

const typeNames: Record<UploadType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** "PDF, JPEG oder PNG" / "PDF, JPEG or PNG". */
export function typeList(accept: readonly UploadType[], or: string): string {
  const names = uploadTypes.filter((type) => accept.includes(type)).map((type) => typeNames[type]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}`;
}

export function typeName(type: string): string {
  return typeNames[type as UploadType] ?? type;
}
