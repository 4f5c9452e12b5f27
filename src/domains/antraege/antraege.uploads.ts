import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { type PageDefinition, type UploadType, uploadTypes } from './antraege.definition.js';
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

/** What one multipart POST may carry: `files` file parts of at most `fileSize` bytes each. */
export interface MultipartLimits {
  files: number;
  fileSize: number;
}

/**
 * The limits of a POST to `page` (undefined: a form without file fields): one file per file field (our
 * file inputs take one file, and a browser sends one part for each, chosen or not), each at most the
 * largest `maxBytes` of those fields and never more than the global cap. A longer file is cut there and
 * marked truncated, which gives the field's "too large" message.
 */
export function multipartLimits(page: PageDefinition | undefined, uploadMaxBytes: number): MultipartLimits {
  const fileFields = (page?.fields ?? []).flatMap((field) => (field.kind === 'file' ? [field] : []));
  if (fileFields.length === 0) return { files: 0, fileSize: 0 };
  const largest = Math.max(...fileFields.map((field) => field.maxBytes));
  return { files: fileFields.length, fileSize: Math.min(largest, uploadMaxBytes) };
}

/**
 * Reads a multipart body within `limits` into the shape of a urlencoded one: text fields as strings (a
 * name sent more than once: an array), file parts as IncomingFile. Throws the multipart plugin's limit
 * errors (FilesLimitError, …) when the body carries more than allowed.
 */
export async function readMultipart(
  request: FastifyRequest,
  limits: MultipartLimits,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null);
  const add = (name: string, value: unknown) => {
    const previous = body[name];
    if (previous === undefined) body[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else body[name] = [previous, value];
  };
  // (The scope registers the plugin with throwFileSizeLimit: false: a cut file is marked, not thrown.)
  const parts = request.parts({ limits: { files: limits.files, fileSize: limits.fileSize } });
  for await (const part of parts) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      add(part.fieldname, { filename: part.filename ?? '', data, truncated: part.file.truncated });
    } else if (typeof part.value === 'string') {
      add(part.fieldname, part.value);
    }
  }
  return body;
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
