import { validationMessages } from '../../platform/forms/forms.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  CsrfField,
  DescriptionList,
  ErrorSummary,
  Heading,
  Link,
  LinkButton,
  Select,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { PASSWORD_MIN_LENGTH } from './staff.form.js';
import type { StaffAccount } from './staff.service.js';
import { DateTime, PostForm, roleLabels, roleOptions } from './staff.views.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const summary = (errors: Errors) => Object.entries(errors).map(([field, message]) => ({ field, message }));
const summaryTitle = validationMessages('de')('summaryTitle');
const passwordHint = `Mindestens ${PASSWORD_MIN_LENGTH} Zeichen. Ein langer Satz ist sicherer als ein kurzes Wort mit Sonderzeichen.`;

export function userPath(user: Pick<StaffAccount, 'id'>): string {
  return `/verwaltung/benutzer/${user.id}`;
}

function StatusBadge({ user, now }: { user: StaffAccount; now: Date }) {
  if (user.retiredAt) return <Badge kind="info">Stillgelegt</Badge>;
  if (user.lockedUntil && user.lockedUntil > now) return <Badge kind="warning">Gesperrt</Badge>;
  return <Badge kind="success">Aktiv</Badge>;
}

export function UserListPage({ ctx, users, now }: { ctx: PageContext; users: StaffAccount[]; now: Date }) {
  return (
    <StaffLayout ctx={ctx} title="Benutzer">
      <Heading level={1}>Benutzer</Heading>
      <Text>
        Konten der Mitarbeitenden. Konten werden nie gelöscht, sondern stillgelegt: so bleibt im Protokoll
        nachvollziehbar, wer was geändert hat.
      </Text>
      <ButtonGroup>
        <LinkButton href="/verwaltung/benutzer/neu">Neues Benutzerkonto anlegen</LinkButton>
      </ButtonGroup>
      <Table
        caption={`Benutzerkonten (${users.length})`}
        head={['Benutzername', 'Name', 'Rolle', 'E-Mail', 'Status', 'Letzte Anmeldung']}
        rows={users.map((user) => [
          <Link href={userPath(user)}>{user.username}</Link>,
          user.displayName,
          roleLabels[user.role],
          user.email ?? '–',
          <StatusBadge user={user} now={now} />,
          user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : 'noch nie',
        ])}
      />
    </StaffLayout>
  );
}

export function NewUserPage({
  ctx,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors;
}) {
  return (
    <StaffLayout ctx={ctx} title="Neues Benutzerkonto">
      <Heading level={1}>Neues Benutzerkonto</Heading>
      <ErrorSummary title={summaryTitle} errors={summary(errors)} />
      <PostForm action="/verwaltung/benutzer/neu">
        <CsrfField token={ctx.csrf()} />
        <TextInput
          name="username"
          label="Benutzername"
          hint="Kleinbuchstaben, Ziffern, Punkt und Bindestrich, 3 bis 40 Zeichen, zum Beispiel m.muster. Der Name lässt sich später nicht ändern."
          value={text(values.username)}
          error={errors.username}
          autocomplete="off"
          width="medium"
        />
        <TextInput
          name="displayName"
          label="Name"
          hint="Vor- und Nachname, wie er im Protokoll erscheinen soll."
          value={text(values.displayName)}
          error={errors.displayName}
          autocomplete="off"
        />
        <TextInput
          name="email"
          label="E-Mail-Adresse"
          optional="optional"
          type="email"
          value={text(values.email)}
          error={errors.email}
          autocomplete="off"
        />
        <Select
          name="role"
          label="Rolle"
          value={text(values.role) || 'sachbearbeitung'}
          options={roleOptions}
          error={errors.role}
        />
        <TextInput
          name="password"
          label="Erstes Passwort"
          hint={passwordHint}
          type="password"
          error={errors.password}
          autocomplete="new-password"
        />
        <TextInput
          name="passwordRepeat"
          label="Passwort wiederholen"
          type="password"
          error={errors.passwordRepeat}
          autocomplete="new-password"
        />
        <ButtonGroup>
          <Button>Benutzerkonto anlegen</Button>
          <LinkButton href="/verwaltung/benutzer" variant="secondary">
            Abbrechen
          </LinkButton>
        </ButtonGroup>
      </PostForm>
    </StaffLayout>
  );
}

export interface EditUserPageProps {
  ctx: PageContext;
  user: StaffAccount;
  now: Date;
  /** The details form's submitted values and messages after a failed save. */
  values?: Values;
  errors?: Errors;
  /** The password form's messages after a failed reset. */
  passwordErrors?: Errors;
}

export function EditUserPage({
  ctx,
  user,
  now,
  values,
  errors = {},
  passwordErrors = {},
}: EditUserPageProps) {
  const shown = values ?? { displayName: user.displayName, email: user.email ?? '', role: user.role };
  const isSelf = ctx.staff?.id === user.id;
  const locked = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
  return (
    <StaffLayout ctx={ctx} title={`Benutzer ${user.username}`}>
      <Text>
        <Link href="/verwaltung/benutzer">Zurück zur Übersicht der Benutzer</Link>
      </Text>
      <Heading level={1}>Benutzer {user.username}</Heading>
      <ErrorSummary title={summaryTitle} errors={summary({ ...errors, ...passwordErrors })} />
      <DescriptionList
        items={[
          { key: 'Benutzername', value: user.username },
          { key: 'Status', value: <StatusBadge user={user} now={now} /> },
          { key: 'Angelegt am', value: <DateTime value={user.createdAt} /> },
          {
            key: 'Letzte Anmeldung',
            value: user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : 'noch nie',
          },
          ...(locked ? [{ key: 'Gesperrt bis', value: <DateTime value={locked} /> }] : []),
          ...(user.retiredAt ? [{ key: 'Stillgelegt am', value: <DateTime value={user.retiredAt} /> }] : []),
        ]}
      />
      {user.retiredAt ? (
        <Alert kind="info" title="Dieses Konto ist stillgelegt.">
          <Text>
            Es kann sich nicht mehr anmelden und nicht mehr geändert werden. Seine Einträge im Protokoll
            bleiben erhalten.
          </Text>
        </Alert>
      ) : (
        <>
          <Heading level={2}>Angaben</Heading>
          <PostForm action={`/verwaltung/benutzer/${user.id}`}>
            <CsrfField token={ctx.csrf()} />
            <TextInput
              name="displayName"
              label="Name"
              value={text(shown.displayName)}
              error={errors.displayName}
              autocomplete="off"
            />
            <TextInput
              name="email"
              label="E-Mail-Adresse"
              optional="optional"
              type="email"
              value={text(shown.email)}
              error={errors.email}
              autocomplete="off"
            />
            <Select
              name="role"
              label="Rolle"
              value={text(shown.role)}
              options={roleOptions}
              error={errors.role}
            />
            <ButtonGroup>
              <Button>Angaben speichern</Button>
            </ButtonGroup>
          </PostForm>

          <Heading level={2}>Passwort zurücksetzen</Heading>
          <Text>
            Das neue Passwort gilt sofort. Alle Anmeldungen dieses Kontos werden beendet
            {locked ? ' und die Sperre wird aufgehoben' : ''}.
          </Text>
          <PostForm action={`/verwaltung/benutzer/${user.id}/passwort`}>
            <CsrfField token={ctx.csrf()} />
            <TextInput
              name="password"
              label="Neues Passwort"
              hint={passwordHint}
              type="password"
              error={passwordErrors.password}
              autocomplete="new-password"
            />
            <TextInput
              name="passwordRepeat"
              label="Neues Passwort wiederholen"
              type="password"
              error={passwordErrors.passwordRepeat}
              autocomplete="new-password"
            />
            <ButtonGroup>
              <Button variant="secondary">Passwort zurücksetzen</Button>
            </ButtonGroup>
          </PostForm>

          <Heading level={2}>Konto stilllegen</Heading>
          {isSelf ? (
            <Text>Ihr eigenes Konto können Sie nicht stilllegen.</Text>
          ) : (
            <>
              <Text>Ein stillgelegtes Konto kann sich nicht mehr anmelden. Es wird nicht gelöscht.</Text>
              <ButtonGroup>
                <LinkButton href={`/verwaltung/benutzer/${user.id}/stilllegen`} variant="secondary">
                  Konto {user.username} stilllegen …
                </LinkButton>
              </ButtonGroup>
            </>
          )}
        </>
      )}
    </StaffLayout>
  );
}

export function RetireUserPage({
  ctx,
  user,
  problem,
}: {
  ctx: PageContext;
  user: StaffAccount;
  problem?: string;
}) {
  return (
    <StaffLayout ctx={ctx} title={`Konto ${user.username} stilllegen`}>
      <Heading level={1}>Konto {user.username} stilllegen?</Heading>
      {problem ? (
        <Alert kind="danger" title="Das Konto kann nicht stillgelegt werden." live>
          <Text>{problem}</Text>
        </Alert>
      ) : null}
      <Text>
        {user.displayName} ({roleLabels[user.role]}) kann sich danach nicht mehr anmelden; laufende
        Anmeldungen werden sofort beendet. Das Konto und seine Einträge im Protokoll bleiben erhalten. Der
        Benutzername kann nicht neu vergeben werden.
      </Text>
      {problem ? (
        <ButtonGroup>
          <LinkButton href={userPath(user)} variant="secondary">
            Zurück zum Konto
          </LinkButton>
        </ButtonGroup>
      ) : (
        <PostForm action={`/verwaltung/benutzer/${user.id}/stilllegen`}>
          <CsrfField token={ctx.csrf()} />
          <ButtonGroup>
            <Button>Ja, Konto stilllegen</Button>
            <LinkButton href={userPath(user)} variant="secondary">
              Abbrechen
            </LinkButton>
          </ButtonGroup>
        </PostForm>
      )}
    </StaffLayout>
  );
}
