import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { validationMessages } from '../../platform/forms/forms.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  DescriptionList,
  ErrorSummary,
  Heading,
  Link,
  LinkButton,
  PostForm,
  Select,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { PASSWORD_MIN_LENGTH } from './staff.form.js';
import type { StaffAccount } from './staff.service.js';
import { DateTime, roleLabels, roleOptions } from './staff.views.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

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

/**
 * A staff form posted with its CSRF token: the fields come as children, then the submit button and, where
 * there is a way back, "Abbrechen".
 */
function UserForm({
  ctx,
  action,
  submit,
  submitVariant,
  cancelHref,
  children,
}: {
  ctx: PageContext;
  action: string;
  submit: string;
  submitVariant?: 'secondary';
  cancelHref?: string;
  children?: ComponentChildren;
}) {
  return (
    <PostForm action={action} token={ctx.csrf()}>
      {children}
      <ButtonGroup>
        <Button variant={submitVariant}>{submit}</Button>
        {cancelHref ? (
          <LinkButton href={cancelHref} variant="secondary">
            Abbrechen
          </LinkButton>
        ) : null}
      </ButtonGroup>
    </PostForm>
  );
}

/** Name, e-mail address and role of an account: the same fields when it is created and when it is edited. */
function AccountFields({
  values,
  errors,
  nameHint,
  defaultRole = '',
}: {
  values: Values;
  errors: Errors;
  nameHint?: string;
  defaultRole?: string;
}) {
  const form: FormState = { values, errors };
  const role = fieldProps(form, 'role');
  return (
    <>
      <TextInput {...fieldProps(form, 'displayName')} label="Name" hint={nameHint} autocomplete="off" />
      <TextInput
        {...fieldProps(form, 'email')}
        label="E-Mail-Adresse"
        optional="optional"
        type="email"
        autocomplete="off"
      />
      <Select {...role} label="Rolle" value={role.value || defaultRole} options={roleOptions} />
    </>
  );
}

/** A password and its repetition: the first one of a new account, or a new one set by an administrator. */
function PasswordFields({
  errors,
  label,
  repeatLabel,
}: {
  errors: Errors;
  label: string;
  repeatLabel: string;
}) {
  return (
    <>
      <TextInput
        name="password"
        label={label}
        hint={passwordHint}
        type="password"
        error={errors.password}
        autocomplete="new-password"
      />
      <TextInput
        name="passwordRepeat"
        label={repeatLabel}
        type="password"
        error={errors.passwordRepeat}
        autocomplete="new-password"
      />
    </>
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
      <UserForm
        ctx={ctx}
        action="/verwaltung/benutzer/neu"
        submit="Benutzerkonto anlegen"
        cancelHref="/verwaltung/benutzer"
      >
        <TextInput
          {...fieldProps({ values, errors }, 'username')}
          label="Benutzername"
          hint="Kleinbuchstaben, Ziffern, Punkt und Bindestrich, 3 bis 40 Zeichen, zum Beispiel m.muster. Der Name lässt sich später nicht ändern."
          autocomplete="off"
          width="medium"
        />
        <AccountFields
          values={values}
          errors={errors}
          nameHint="Vor- und Nachname, wie er im Protokoll erscheinen soll."
          defaultRole="sachbearbeitung"
        />
        <PasswordFields errors={errors} label="Erstes Passwort" repeatLabel="Passwort wiederholen" />
      </UserForm>
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
          <UserForm ctx={ctx} action={userPath(user)} submit="Angaben speichern">
            <AccountFields values={shown} errors={errors} />
          </UserForm>

          <Heading level={2}>Passwort zurücksetzen</Heading>
          <Text>
            Das neue Passwort gilt sofort. Alle Anmeldungen dieses Kontos werden beendet
            {locked ? ' und die Sperre wird aufgehoben' : ''}.
          </Text>
          <UserForm
            ctx={ctx}
            action={`${userPath(user)}/passwort`}
            submit="Passwort zurücksetzen"
            submitVariant="secondary"
          >
            <PasswordFields
              errors={passwordErrors}
              label="Neues Passwort"
              repeatLabel="Neues Passwort wiederholen"
            />
          </UserForm>

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
        <UserForm
          ctx={ctx}
          action={`${userPath(user)}/stilllegen`}
          submit="Ja, Konto stilllegen"
          cancelHref={userPath(user)}
        />
      )}
    </StaffLayout>
  );
}
