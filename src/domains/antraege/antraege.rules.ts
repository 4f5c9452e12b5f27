import type { z } from 'zod';
import { asArray, type ValidationCode, validationMessages } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import type {
  Answers,
  FieldDefinition,
  PageDefinition,
  ServiceDefinition,
  UploadedFile,
} from './antraege.definition.js';

/** Path segments the engine uses itself; no page may be called like them. */
export const reservedPageIds = ['zusammenfassung', 'absenden', 'dateien'] as const;
export const SUMMARY = 'zusammenfassung';

const SLUG = /^[a-z][a-z0-9-]{1,40}$/;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,40}$/;

/** Checks a definition once, at registration: a mistake here is a programming error. */
export function checkDefinition(definition: ServiceDefinition): void {
  const problem = (message: string) => new Error(`service definition "${definition.key}": ${message}`);
  if (!SLUG.test(definition.key)) throw problem('the key must be a lower-case slug');
  if (definition.pages.length === 0) throw problem('it needs at least one page');
  const pageIds = new Set<string>();
  const fieldNames = new Set<string>();
  for (const page of definition.pages) {
    if (!SLUG.test(page.id)) throw problem(`page id "${page.id}" must be a lower-case slug`);
    if ((reservedPageIds as readonly string[]).includes(page.id))
      throw problem(`page id "${page.id}" is reserved`);
    if (pageIds.has(page.id)) throw problem(`page id "${page.id}" is used twice`);
    pageIds.add(page.id);
    for (const field of page.fields) {
      if (!FIELD_NAME.test(field.name))
        throw problem(`field name "${field.name}" must be letters and digits`);
      if (fieldNames.has(field.name)) throw problem(`field name "${field.name}" is used twice`);
      fieldNames.add(field.name);
    }
  }
}

export function isApplicable(page: PageDefinition, answers: Answers): boolean {
  return page.when ? page.when(answers) : true;
}

/** The pages that are part of the application for these answers, in order. */
export function applicablePages(definition: ServiceDefinition, answers: Answers): PageDefinition[] {
  return definition.pages.filter((page) => isApplicable(page, answers));
}

export function visibleFields(page: PageDefinition, answers: Answers): FieldDefinition[] {
  return page.fields.filter((field) => (field.when ? field.when(answers) : true));
}

export function findPage(definition: ServiceDefinition, id: string): PageDefinition | undefined {
  return definition.pages.find((page) => page.id === id);
}

/** The applicable page after `pageId` (in definition order), or undefined: the summary comes next. */
export function nextPage(
  definition: ServiceDefinition,
  answers: Answers,
  pageId: string,
): PageDefinition | undefined {
  const index = definition.pages.findIndex((page) => page.id === pageId);
  return definition.pages.slice(index + 1).find((page) => isApplicable(page, answers));
}

/** The applicable page before `pageId` (or before the summary); undefined on the first page. */
export function previousPage(
  definition: ServiceDefinition,
  answers: Answers,
  pageId: string,
): PageDefinition | undefined {
  const index =
    pageId === SUMMARY ? definition.pages.length : definition.pages.findIndex((p) => p.id === pageId);
  return definition.pages
    .slice(0, Math.max(index, 0))
    .reverse()
    .find((page) => isApplicable(page, answers));
}

/** Answers with the files of each file field (from the uploads), as the schemas expect them. */
export function withFiles(
  definition: ServiceDefinition,
  answers: Answers,
  files: Array<UploadedFile & { field: string }>,
): Answers {
  const merged: Answers = { ...answers };
  for (const page of definition.pages) {
    for (const field of page.fields) {
      if (field.kind !== 'file') continue;
      merged[field.name] = files
        .filter((file) => file.field === field.name)
        .map(({ field: _field, ...file }) => file);
    }
  }
  return merged;
}

/**
 * A page's values from a posted form: text trimmed, a missing radio choice undefined, check boxes as a
 * list. Only the visible fields; file fields come from the uploads (`files`).
 */
export function readPageValues(
  page: PageDefinition,
  body: Record<string, unknown>,
  answers: Answers,
): Answers {
  const values: Answers = {};
  for (const field of visibleFields(page, answers)) {
    const raw = body[field.name];
    switch (field.kind) {
      case 'radio': {
        const value = Array.isArray(raw) ? raw[0] : raw;
        values[field.name] = typeof value === 'string' && value !== '' ? value : undefined;
        break;
      }
      case 'checkboxes':
        values[field.name] = asArray(raw);
        break;
      case 'file':
        values[field.name] = answers[field.name] ?? [];
        break;
      default: {
        const value = Array.isArray(raw) ? raw[0] : raw;
        values[field.name] = typeof value === 'string' ? value.trim() : '';
      }
    }
  }
  return values;
}

/** The part of the answers that belongs to a page's visible fields (what its schema checks). */
export function pageInput(page: PageDefinition, answers: Answers): Answers {
  const input: Answers = {};
  for (const field of visibleFields(page, answers)) {
    if (answers[field.name] !== undefined) input[field.name] = answers[field.name];
  }
  return input;
}

export type PageCheck = { ok: true; data: Answers } | { ok: false; errors: Record<string, string> };

/** Validation messages by field, in the order of the fields on the page; a field may reword a code. */
export function fieldErrors(
  page: PageDefinition,
  issues: z.core.$ZodIssue[],
  lang: Lang,
): Record<string, string> {
  const t = validationMessages(lang);
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    if (found[name]) continue;
    const code = issue.message as ValidationCode;
    const field = page.fields.find((candidate) => candidate.name === name);
    const own = field?.messages?.[code];
    const known = /^[a-zA-Z]+$/.test(code) && t(code) !== undefined;
    found[name] = own ? pick(own, lang) : known ? t(code) : t('invalid');
  }
  const ordered: Record<string, string> = {};
  for (const field of page.fields) {
    const message = found[field.name];
    if (message) ordered[field.name] = message;
  }
  for (const [name, message] of Object.entries(found)) ordered[name] ??= message;
  return ordered;
}

/** Checks a page's values with its schema. */
export function checkPage(page: PageDefinition, values: Answers, lang: Lang): PageCheck {
  const result = page.schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data as Answers };
  return { ok: false, errors: fieldErrors(page, result.error.issues, lang) };
}

/**
 * The draft's answers after a page was saved: that page's fields replaced by its new values (a field
 * left empty or now hidden is dropped), everything else kept. File fields are not kept here.
 */
export function mergeAnswers(answers: Answers, page: PageDefinition, values: Answers): Answers {
  const merged: Answers = { ...answers };
  for (const field of page.fields) delete merged[field.name];
  for (const field of page.fields) {
    if (field.kind === 'file') continue;
    const value = values[field.name];
    if (value !== undefined) merged[field.name] = value;
  }
  return merged;
}

export type ApplicationCheck =
  | { complete: true; answers: Answers }
  | { complete: false; page: PageDefinition };

/**
 * Validates the whole application page by page, in order: the validated answers of all applicable
 * pages (answers of pages no longer applicable are left out), or the first page still to be done.
 */
export function checkApplication(
  definition: ServiceDefinition,
  answers: Answers,
  lang: Lang,
): ApplicationCheck {
  const valid: Answers = {};
  for (const page of applicablePages(definition, answers)) {
    const result = checkPage(page, pageInput(page, answers), lang);
    if (!result.ok) return { complete: false, page };
    Object.assign(valid, result.data);
  }
  return { complete: true, answers: valid };
}

/** The first applicable page that is not done yet (undefined: all are). */
export function firstOpenPage(
  definition: ServiceDefinition,
  answers: Answers,
  lang: Lang,
): PageDefinition | undefined {
  const check = checkApplication(definition, answers, lang);
  return check.complete ? undefined : check.page;
}

/** Whether the citizen may be on `pageId` now: applicable, and every applicable page before it done. */
export function mayVisit(
  definition: ServiceDefinition,
  answers: Answers,
  pageId: string,
  lang: Lang,
): boolean {
  for (const page of applicablePages(definition, answers)) {
    if (page.id === pageId) return true;
    if (!checkPage(page, pageInput(page, answers), lang).ok) return false;
  }
  return pageId === SUMMARY;
}

export interface Step {
  id: string;
  title: string;
  /** done: answered (and every step before it); current: this page; open: still to do. */
  state: 'done' | 'current' | 'open';
  /** The citizen may go there now (every step before it is answered); the step list links it. */
  reachable: boolean;
}

export interface Progress {
  /** 1-based number of the current step. */
  number: number;
  total: number;
  steps: Step[];
}

/** "Schritt 2 von 4": the applicable pages plus the summary. */
export function progress(
  definition: ServiceDefinition,
  answers: Answers,
  currentId: string,
  lang: Lang,
  summaryTitle: string,
): Progress {
  const pages = applicablePages(definition, answers);
  const ids = [...pages.map((page) => page.id), SUMMARY];
  const currentIndex = Math.max(ids.indexOf(currentId), 0);
  let reachable = true;
  const steps = ids.map((id, index): Step => {
    const page = pages.find((candidate) => candidate.id === id);
    const valid = page ? checkPage(page, pageInput(page, answers), lang).ok : false;
    const step: Step = {
      id,
      title: page ? pick(page.title, lang) : summaryTitle,
      state: index === currentIndex ? 'current' : reachable && valid ? 'done' : 'open',
      reachable: reachable && index !== currentIndex,
    };
    reachable &&= valid;
    return step;
  });
  return { number: currentIndex + 1, total: ids.length, steps };
}

/** "12 KB", "1,5 MB" (en: "1.5 MB"). */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  const text = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  return `${lang === 'de' ? text.replace('.', ',') : text} MB`;
}

/** A file name as shown and stored: no directories, no control characters, at most 120 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (C0 and DEL) go: they have no place in a name shown on pages and in e-mails.
  const cleaned = [...base.normalize('NFC')]
    .filter((character) => {
      const code = character.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trim();
  if (cleaned === '') return 'datei';
  if (cleaned.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 120 - extension.length) + extension;
}
