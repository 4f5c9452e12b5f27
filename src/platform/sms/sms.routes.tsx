import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../time/format.js';
import { Alert, Badge, Heading, Table, Text } from '../views/kern.js';
import { StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { SmsRow, SmsService } from './sms.js';

export const SMS_PATH = '/verwaltung/sms';

export interface SmsPageOptions {
  sms: SmsService;
  demo: boolean;
}

function statusBadge(row: SmsRow) {
  switch (row.status) {
    case 'sent':
      return <Badge kind="success">An den Anbieter übergeben</Badge>;
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

function details(row: SmsRow): string {
  const parts = [row.kind];
  if (row.providerId) parts.push(`Kennung ${row.providerId}`);
  if (row.attempts > 1 || (row.attempts > 0 && row.status !== 'sent')) parts.push(`${row.attempts} Versuche`);
  if (row.status === 'queued' && row.attempts > 0)
    parts.push(`nächster Versuch ${formatDateTime(row.nextAttemptAt)}`);
  if (row.lastError) parts.push(`Fehler: ${row.lastError}`);
  return parts.join(' · ');
}

export function SmsListPage({
  ctx,
  rows,
  sender,
  demo,
}: {
  ctx: PageContext;
  rows: SmsRow[];
  sender: { label: string; delivers: boolean };
  demo: boolean;
}) {
  return (
    <StaffLayout ctx={ctx} title="SMS-Ausgang">
      <Heading level={1}>SMS-Ausgang</Heading>
      {sender.delivers ? (
        <Text>Versand über: {sender.label}.</Text>
      ) : (
        <Alert kind="info" title="SMS werden nur gespeichert, nicht versendet">
          <Text>
            Es ist kein SMS-Anbieter angebunden ({sender.label}). Die Nachrichten stehen nur hier.
            {demo ? ' Im Demo-Modus kann jede Person diese Seite lesen; die Daten sind erfunden.' : ''}
          </Text>
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text>Es wurden noch keine SMS erzeugt.</Text>
      ) : (
        <Table
          caption="SMS, neueste zuerst (Zeit in Berlin)"
          head={['Zeit', 'Empfänger', 'Text', 'Status', 'Einzelheiten']}
          rows={rows.map((row) => [
            formatDateTime(row.createdAt),
            row.recipient,
            row.body,
            statusBadge(row),
            details(row),
          ])}
        />
      )}
    </StaffLayout>
  );
}

/**
 * The SMS outbox (/verwaltung/sms), like the e-mail outbox: readable by anyone in demo mode (invented
 * data, nothing is sent), otherwise by admins only, because it holds citizens' phone numbers.
 */
export async function smsRoutes(app: FastifyInstance, options: SmsPageOptions) {
  const { sms, demo } = options;
  const access = demo ? {} : { preHandler: app.requireStaff('admin') };
  app.get(SMS_PATH, access, async (request, reply) => {
    const rows = await sms.list(200);
    return reply
      .header('cache-control', 'no-store')
      .page(<SmsListPage ctx={request.pageContext()} rows={rows} sender={sms.sender} demo={demo} />);
  });
}
