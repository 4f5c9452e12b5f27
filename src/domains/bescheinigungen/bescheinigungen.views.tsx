import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import { berlinDateOf, formatDate } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  DescriptionList,
  ErrorSummary,
  Heading,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { Section } from '../../platform/views/section.js';
import { bescheinigungenMessages } from './bescheinigungen.messages.js';
import type { Certificate } from './bescheinigungen.repository.js';
import { formatVerificationCode } from './bescheinigungen.rules.js';

export const VERIFY_PATH = '/pruefen';

/** What /pruefen answers: nothing asked yet, an empty code, or the result of a check. */
export type VerifyAnswer =
  | { kind: 'none' }
  | { kind: 'empty' }
  /** Unknown, malformed and tampered-with codes alike; only the input is echoed. */
  | { kind: 'unknown'; echo: string }
  | { kind: 'genuine'; certificate: Certificate }
  | { kind: 'revoked'; certificate: Certificate; revokedAt: Date };

function CodeForm({ ctx, value, error }: { ctx: PageContext; value: string; error: string | undefined }) {
  const t = bescheinigungenMessages(ctx.lang);
  return (
    <form method="get" action={VERIFY_PATH} novalidate>
      <TextInput
        name="code"
        label={t('codeLabel')}
        hint={t('codeHint')}
        value={value}
        error={error}
        autocomplete="off"
        required
        width="medium"
      />
      <Button>{t('submit')}</Button>
    </form>
  );
}

/** A value with line breaks (an address) as it is printed. */
export function withBreaks(text: string) {
  return text.split('\n').flatMap((line, index) => (index === 0 ? [line] : [<br />, line]));
}

function CertificateDetails({
  ctx,
  certificate,
  revokedAt,
}: {
  ctx: PageContext;
  certificate: Certificate;
  revokedAt: Date | null;
}) {
  const t = bescheinigungenMessages(ctx.lang);
  const date = (instant: Date) => formatDate(berlinDateOf(instant), ctx.lang);
  const items = [
    { key: t('titleLabel'), value: <span lang="de">{certificate.title}</span> },
    { key: t('issuedLabel'), value: date(certificate.issuedAt) },
    { key: t('caseLabel'), value: certificate.caseNumber },
    { key: t('issuerLabel'), value: <span lang="de">{certificate.issuer}</span> },
    { key: t('codeShownLabel'), value: formatVerificationCode(certificate.verificationCode) },
    ...(certificate.purpose
      ? [{ key: t('purposeLabel'), value: <span lang="de">{certificate.purpose}</span> }]
      : []),
    {
      key: t('statusLabel'),
      value: revokedAt ? t('statusRevoked', { date: date(revokedAt) }) : t('statusGenuine'),
    },
  ];
  // The data are German (as printed); revoked: every value struck through (<s>: no longer accurate),
  // and the caption says why.
  const german = (text: string) => <span lang="de">{text}</span>;
  const shown = (value: string) =>
    revokedAt ? <s lang="de">{withBreaks(value)}</s> : <span lang="de">{withBreaks(value)}</span>;
  return (
    <Section id="angaben" title={t('documentHeading')}>
      <DescriptionList items={items} />
      <Text>{t('fieldsLanguage')}</Text>
      <Table
        caption={revokedAt ? t('fieldsCaptionRevoked') : t('fieldsCaption')}
        head={[t('fieldLabel'), t('fieldValue')]}
        rows={certificate.fields.map((field) => [german(field.label), shown(field.value)])}
        rowHeader
      />
    </Section>
  );
}

function Result({ ctx, answer }: { ctx: PageContext; answer: VerifyAnswer }) {
  const t = bescheinigungenMessages(ctx.lang);
  if (answer.kind === 'unknown') {
    return (
      <Section id="ergebnis" title={t('resultHeading')}>
        <Text muted>{t('resultFor', { code: answer.echo })}</Text>
        <Alert kind="info" title={t('unknownTitle')}>
          <Text>{t('unknownText')}</Text>
          <Text>
            {t('unknownContact', {
              authority: ctx.site.authority,
              phone: ctx.site.phone,
              email: ctx.site.email,
            })}
          </Text>
        </Alert>
      </Section>
    );
  }
  if (answer.kind === 'genuine' || answer.kind === 'revoked') {
    const { certificate } = answer;
    const revokedAt = answer.kind === 'revoked' ? answer.revokedAt : null;
    return (
      <>
        <Section id="ergebnis" title={t('resultHeading')}>
          <Text muted>{t('resultFor', { code: formatVerificationCode(certificate.verificationCode) })}</Text>
          {revokedAt ? (
            <Alert
              kind="danger"
              title={t('revokedTitle', { date: formatDate(berlinDateOf(revokedAt), ctx.lang) })}
            >
              <Text>{t('revokedText')}</Text>
            </Alert>
          ) : (
            <Alert kind="success" title={t('genuineTitle')}>
              <Text>{t('genuineText', { issuer: certificate.issuer })}</Text>
            </Alert>
          )}
        </Section>
        <CertificateDetails ctx={ctx} certificate={certificate} revokedAt={revokedAt} />
      </>
    );
  }
  return null;
}

/** GET /pruefen (with ?code= it answers directly: the QR code on the certificate links here). */
export function VerifyPage({
  ctx,
  answer,
  value,
}: {
  ctx: PageContext;
  answer: VerifyAnswer;
  value: string;
}) {
  const t = bescheinigungenMessages(ctx.lang);
  const error = answer.kind === 'empty' ? t('codeRequired') : undefined;
  return (
    <CitizenLayout ctx={ctx} title={t('verifyTitle')}>
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={error ? summaryErrors({ code: error }) : []}
      />
      <Heading level={1}>{t('verifyTitle')}</Heading>
      <Text large>{t('verifyLead', { city: ctx.site.name })}</Text>
      <Text>{t('verifyHow')}</Text>
      <CodeForm ctx={ctx} value={value} error={error} />
      <Text small muted>
        {t('privacyNote')}
      </Text>
      <Result ctx={ctx} answer={answer} />
    </CitizenLayout>
  );
}
