import { type FormState, fieldProps } from '../forms/field-props.js';
import { summaryErrors, validationMessages } from '../forms/forms.js';
import { formatDateTime } from '../time/format.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  Checkbox,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Heading,
  LinkButton,
  PostForm,
  Table,
  Text,
  TextInput,
} from '../views/kern.js';
import { StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { ServiceAccount } from './service-accounts.repository.js';
import { type ServiceAccountScope, scopeLabels, serviceAccountScopes } from './service-accounts.service.js';

/** Staff pages of the service accounts (admin only, German). */

export const SERVICE_ACCOUNTS_PATH = '/verwaltung/dienstkonten';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

function AccountStatus({ account }: { account: ServiceAccount }) {
  if (account.revokedAt)
    return <Badge kind="danger">{`Gesperrt seit ${formatDateTime(account.revokedAt)}`}</Badge>;
  return <Badge kind="success">Aktiv</Badge>;
}

function AccountActions({ account, ctx }: { account: ServiceAccount; ctx: PageContext }) {
  if (account.revokedAt) return <>–</>;
  return (
    <PostForm action={`${SERVICE_ACCOUNTS_PATH}/${account.id}/sperren`} token={ctx.csrf()} inline>
      <Button variant="tertiary">{`„${account.name}“ sperren`}</Button>
    </PostForm>
  );
}

export function ServiceAccountListPage({
  ctx,
  accounts,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  accounts: ServiceAccount[];
  values?: Values;
  errors?: Errors;
}) {
  const form: FormState = { values, errors };
  const chosen = listOf(values.scopes);
  return (
    <StaffLayout ctx={ctx} title="Dienstkonten">
      <Heading level={1}>Dienstkonten</Heading>
      <ErrorSummary title={validationMessages('de')('summaryTitle')} errors={summaryErrors(errors)} />
      <Text>
        Dienstkonten sind Zugänge für andere Programme, zum Beispiel das Fachverfahren des Meldewesens, das
        den Status von Ausweisdokumenten über die Schnittstelle meldet (PUT /api/v1/documents/…/status, siehe
        API-Beschreibung). Jedes Konto hat einen API-Schlüssel, der nur beim Anlegen einmal angezeigt wird.
        Ein gesperrtes Konto bleibt gesperrt; für einen neuen Schlüssel legen Sie ein neues Konto an.
      </Text>
      {accounts.length === 0 ? (
        <Text muted>Es gibt noch keine Dienstkonten.</Text>
      ) : (
        <Table
          caption={`Dienstkonten (${accounts.length}), neueste zuerst`}
          head={[
            'Name',
            'Schlüssel beginnt mit',
            'Berechtigungen',
            'Angelegt',
            'Zuletzt benutzt',
            'Status',
            'Aktion',
          ]}
          rowHeader
          rows={accounts.map((account) => [
            account.name,
            <code>{`${account.keyPrefix}…`}</code>,
            account.scopes.join(', '),
            `${formatDateTime(account.createdAt)} von ${account.createdBy}`,
            account.lastUsedAt ? formatDateTime(account.lastUsedAt) : 'noch nie',
            <AccountStatus account={account} />,
            <AccountActions account={account} ctx={ctx} />,
          ])}
        />
      )}
      <section aria-labelledby="anlegen">
        <Heading level={2} id="anlegen">
          Dienstkonto anlegen
        </Heading>
        <PostForm action={SERVICE_ACCOUNTS_PATH} token={ctx.csrf()}>
          <TextInput
            {...fieldProps(form, 'name')}
            label="Name"
            hint="Welches Programm den Schlüssel benutzt, zum Beispiel „Fachverfahren Meldewesen“ oder „Scanner Information“."
            autocomplete="off"
            width="medium"
          />
          <Fieldset legend="Berechtigungen" id="scopes" error={errors.scopes}>
            {serviceAccountScopes.map((scope: ServiceAccountScope) => (
              <Checkbox
                name="scopes"
                id={`scope-${scope.replace(':', '-')}`}
                value={scope}
                label={scopeLabels[scope]}
                checked={chosen.includes(scope)}
              />
            ))}
          </Fieldset>
          <ButtonGroup>
            <Button>Dienstkonto anlegen</Button>
          </ButtonGroup>
        </PostForm>
      </section>
    </StaffLayout>
  );
}

/** The key, shown exactly once after creating the account (the route sets no-store). */
export function ServiceAccountKeyPage({
  ctx,
  account,
  apiKey,
}: {
  ctx: PageContext;
  account: ServiceAccount;
  apiKey: string;
}) {
  const title = `API-Schlüssel für „${account.name}“`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Alert kind="success" title="Das Dienstkonto wurde angelegt.">
        <Text>
          Der Schlüssel wird nur jetzt angezeigt: Gespeichert ist nur eine Prüfsumme, niemand kann ihn später
          wieder abrufen. Kopieren Sie ihn jetzt in die Einstellungen des Programms. Geht er verloren, sperren
          Sie das Konto und legen ein neues an.
        </Text>
      </Alert>
      <DescriptionList
        items={[
          { key: 'Name', value: account.name },
          { key: 'Berechtigungen', value: account.scopes.join(', ') },
        ]}
      />
      <TextInput
        name="key"
        id="api-schluessel"
        label="API-Schlüssel"
        hint="Zum Kopieren: in das Feld klicken, alles markieren und kopieren. Das Programm sendet ihn im Kopf jeder Anfrage: Authorization: Bearer <Schlüssel>."
        value={apiKey}
        autocomplete="off"
      />
      <ButtonGroup>
        <LinkButton href={SERVICE_ACCOUNTS_PATH} variant="secondary">
          Zurück zu den Dienstkonten
        </LinkButton>
      </ButtonGroup>
    </StaffLayout>
  );
}
