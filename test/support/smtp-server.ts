import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the server received it: envelope and the raw message. */
export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on 127.0.0.1 (plain text, no auth) that records what it receives;
 * `rejectRcpt` refuses every recipient (550).
 */
export async function startSmtpServer(options: { rejectRcpt?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.rejectRcpt) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The messages received for `address`, parsed, in the order they arrived. */
    to: (address: string): Promise<ParsedMail[]> =>
      Promise.all(received.filter((mail) => mail.to.includes(address)).map((mail) => simpleParser(mail.raw))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
