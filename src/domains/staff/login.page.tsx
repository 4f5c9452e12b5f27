import { validationMessages } from '../../platform/forms/forms.js';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Heading,
  PostForm,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';

export interface LoginPageProps {
  ctx: PageContext;
  target: string;
  username?: string;
  /** Field messages (empty fields). */
  errors?: Record<string, string>;
  /** A failed log-in: wrong credentials or a lock-out; never says whether the user name exists. */
  failure?: string;
}

export function LoginPage({ ctx, target, username, errors = {}, failure }: LoginPageProps) {
  const t = validationMessages('de');
  return (
    <StaffLayout ctx={ctx} title="Anmelden">
      <Heading level={1}>Anmelden</Heading>
      <Text>Melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort für die Verwaltung an.</Text>
      <ErrorSummary
        title={t('summaryTitle')}
        errors={Object.entries(errors).map(([field, message]) => ({ field, message }))}
      />
      {failure ? (
        <Alert kind="danger" title="Anmeldung fehlgeschlagen" live>
          <Text>{failure}</Text>
        </Alert>
      ) : null}
      <PostForm action="/verwaltung/anmelden" token={ctx.csrf()}>
        <input type="hidden" name="weiter" value={target} />
        <TextInput
          name="username"
          label="Benutzername"
          value={username}
          autocomplete="username"
          error={errors.username}
          required
        />
        <TextInput
          name="password"
          label="Passwort"
          type="password"
          autocomplete="current-password"
          error={errors.password}
          required
        />
        <ButtonGroup>
          <Button>Anmelden</Button>
        </ButtonGroup>
      </PostForm>
      <Text muted small>
        Passwort vergessen oder Konto gesperrt? Wenden Sie sich an die Administration Ihres Amtes.
      </Text>
    </StaffLayout>
  );
}
