import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../time/format.js';
import { Alert, Badge, DescriptionList, Heading, Link, List, Table, Text } from '../views/kern.js';
import { StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { OutboxRow } from './mail.service.js';

/** Staff pages of the outbox ("Post"): German only. */

export type TextPart = { kind: 'text'; value: string } | { kind: 'link'; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Cuts trailing punctuation that belongs to the sentence, not the URL ("…/termin/abc." or "(…/abc)"). */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    if ('.,;:!?»“”’'.includes(last)) url = url.slice(0, -1);
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0))
      url = url.slice(0, -1);
    else if (last === ']' && !url.includes('[')) url = url.slice(0, -1);
    else return url;
  }
}

/**
 * Splits plain text into text and http(s) links. The page builds elements from the parts (escaped by
 * Preact); no HTML from a mail is ever injected, and only http/https URLs become links.
 */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = 0;
  const push = (value: string) => {
    if (!value) return;
    const previous = parts.at(-1);
    if (previous?.kind === 'text') previous.value += value;
    else parts.push({ kind: 'text', value });
  };
  for (const match of text.matchAll(URL_RE)) {
    const href = trimUrl(match[0]);
    let valid = false;
    try {
      const url = new URL(href);
      valid = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      valid = false;
    }
    if (!valid) continue;
    push(text.slice(rest, match.index));
    parts.push({ kind: 'link', href });
    rest = match.index + href.length;
  }
  push(text.slice(rest));
  return parts;
}

/** A plain-text mail body: paragraphs at blank lines, line breaks kept, URLs clickable. */
export function MailBody({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph) => {
        const children: ComponentChildren[] = [];
        paragraph.split('\n').forEach((line, index) => {
          if (index > 0) children.push(<br />);
          for (const part of textParts(line)) {
            children.push(
              part.kind === 'link' ? (
                <Link href={part.href} external>
                  {part.href}
                </Link>
              ) : (
                part.value
              ),
            );
          }
        });
        return <Text>{children}</Text>;
      })}
    </>
  );
}

export function statusBadge(row: Pick<OutboxRow, 'status' | 'attempts'>) {
  switch (row.status) {
    case 'sent':
      return <Badge kind="success">Versendet</Badge>;
    case 'stored':
      return <Badge kind="info">Nur gespeichert</Badge>;
    case 'failed':
      return <Badge kind="danger">Fehlgeschlagen</Badge>;
    default:
      return row.attempts > 0 ? (
        <Badge kind="warning">Wartet auf erneuten Versuch</Badge>
      ) : (
        <Badge kind="info">Wartet auf Versand</Badge>
      );
  }
}

export interface MailboxSettings {
  demo: boolean;
  smtpConfigured: boolean;
}

function DemoBanner({ settings }: { settings: MailboxSettings }) {
  if (!settings.demo) return null;
  return settings.smtpConfigured ? (
    <Alert kind="info" title="Demo: hier sind alle E-Mails einsehbar">
      <Text>Sie werden zusätzlich über den eingerichteten SMTP-Server versendet.</Text>
    </Alert>
  ) : (
    <Alert kind="info" title="Demo: hier landen alle E-Mails, weil kein SMTP-Server eingerichtet ist">
      <Text>
        Es wird nichts versendet. Die Links in den Nachrichten (z. B. zum Bestätigen eines Termins)
        funktionieren trotzdem.
      </Text>
    </Alert>
  );
}

export function mailUrl(id: number): string {
  return `/verwaltung/post/${id}`;
}

export function attachmentUrl(id: number, index: number): string {
  return `/verwaltung/post/${id}/anhang/${index}`;
}

export function MailboxListPage({
  ctx,
  rows,
  settings,
}: {
  ctx: PageContext;
  rows: OutboxRow[];
  settings: MailboxSettings;
}) {
  return (
    <StaffLayout ctx={ctx} title="Postausgang">
      <DemoBanner settings={settings} />
      <Heading level={1}>Postausgang</Heading>
      {rows.length === 0 ? (
        <Text>Es wurden noch keine E-Mails erzeugt.</Text>
      ) : (
        <Table
          caption="E-Mails, neueste zuerst (Zeit in Berlin)"
          head={['Zeit', 'Empfänger', 'Betreff (öffnet die E-Mail)', 'Status']}
          rows={rows.map((row) => [
            formatDateTime(row.createdAt),
            row.recipient,
            <Link href={mailUrl(row.id)}>{row.subject || `E-Mail ${row.id} (ohne Betreff)`}</Link>,
            statusBadge(row),
          ])}
        />
      )}
    </StaffLayout>
  );
}

function sizeOf(base64: string): string {
  const bytes = Buffer.byteLength(base64, 'base64');
  return bytes < 1024 ? `${bytes} Byte` : `${Math.ceil(bytes / 1024)} KB`;
}

export function MailboxMessagePage({
  ctx,
  row,
  from,
  settings,
}: {
  ctx: PageContext;
  row: OutboxRow;
  from: string;
  settings: MailboxSettings;
}) {
  const items: Array<{ key: string; value: ComponentChildren }> = [
    { key: 'Von', value: from },
    { key: 'An', value: row.recipient },
    { key: 'Betreff', value: row.subject },
    { key: 'Erzeugt', value: formatDateTime(row.createdAt) },
    { key: 'Status', value: statusBadge(row) },
  ];
  if (row.sentAt) items.push({ key: 'Versendet', value: formatDateTime(row.sentAt) });
  if (row.attempts > 0) items.push({ key: 'Zustellversuche', value: String(row.attempts) });
  if (row.status === 'queued' && row.attempts > 0) {
    items.push({ key: 'Nächster Versuch', value: formatDateTime(row.nextAttemptAt) });
  }
  if (row.lastError) items.push({ key: 'Letzter Fehler', value: row.lastError });
  items.push({ key: 'Anlass', value: row.reference ? `${row.kind} (${row.reference})` : row.kind });
  items.push({ key: 'Sprache', value: row.lang });

  return (
    <StaffLayout ctx={ctx} title={`E-Mail: ${row.subject}`}>
      <DemoBanner settings={settings} />
      <Text>
        <Link href="/verwaltung/post">Zurück zum Postausgang</Link>
      </Text>
      <Heading level={1}>{row.subject || `E-Mail ${row.id}`}</Heading>
      <DescriptionList items={items} />
      <Heading level={2}>Nachricht</Heading>
      <div lang={row.lang}>
        <MailBody text={row.text} />
      </div>
      {row.attachments.length > 0 ? (
        <>
          <Heading level={2}>Anhänge</Heading>
          <List
            items={row.attachments.map((attachment, index) => (
              <>
                <Link href={attachmentUrl(row.id, index)}>{`${attachment.filename} herunterladen`}</Link> (
                {attachment.contentType}, {sizeOf(attachment.content)})
              </>
            ))}
          />
        </>
      ) : null}
    </StaffLayout>
  );
}
