import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { summaryErrors } from '../../platform/forms/forms.js';
import {
  Button,
  Checkbox,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  List,
  PostForm,
  RadioGroup,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';

/** Staff pages for the queue settings (German only); the routes are in queue.admin.routes.tsx. */

export const SETTINGS_BASE = '/verwaltung/warteschlange';
export const SETTINGS_ROLES = ['admin', 'teamleitung'] as const;

export type FormValues = Record<string, unknown>;
export type FormErrors = Record<string, string>;

/** The fields of the rules form: name, label, hint. */
export const RULE_FIELDS = [
  ['appointmentPrefix', 'Kürzel für Termine', '1 bis 3 Buchstaben, z. B. T (Nummern wie „T 007“)'],
  [
    'walkInPrefix',
    'Kürzel für Wartende ohne Termin',
    '1 bis 3 Buchstaben, anders als das Kürzel für Termine',
  ],
  [
    'walkInStopMinutesBeforeClose',
    'Keine Wartenummern mehr ab … Minuten vor Schluss',
    '0 bis 480; z. B. 30: bei Schluss um 18:00 gibt es ab 17:30 keine Nummern mehr',
  ],
  [
    'checkInEarliestMinutes',
    'Einchecken frühestens … Minuten vor dem Termin',
    '0 bis 480; wer früher kommt, wird gebeten, später einzuchecken',
  ],
  [
    'lateToleranceMinutes',
    'Verspätung, die noch als pünktlich gilt (Minuten)',
    '0 bis 240; innerhalb dieser Zeit behält der Termin seinen Vorrang',
  ],
] as const;

export const CALL_FIELDS = [
  ['maxCalls', 'Aufrufe bis „nicht erschienen“', '1 bis 10; nach so vielen unbeantworteten Aufrufen'],
  [
    'recallAfterSeconds',
    'Erneuter Aufruf frühestens nach … Sekunden',
    '0 bis 3600; verhindert versehentliches Doppelklicken',
  ],
] as const;

export function SettingsIndexPage({
  ctx,
  locations,
}: {
  ctx: PageContext;
  locations: Array<{ id: string; name: string }>;
}) {
  return (
    <StaffLayout ctx={ctx} title="Warteschlange">
      <Heading level={1}>Warteschlange</Heading>
      <Text>
        Regeln für Wartenummern und Einchecken, Tageskontingente ohne Termin und die Leistungen je Schalter –
        für jeden Standort eigens.
      </Text>
      {locations.length === 0 ? (
        <Text>Es gibt keinen aktiven Standort.</Text>
      ) : (
        <List
          items={locations.map((location) => (
            <Link href={`${SETTINGS_BASE}/${location.id}`}>Warteschlange: {location.name}</Link>
          ))}
        />
      )}
    </StaffLayout>
  );
}

/** A short field of the settings: a prefix is text, every other field a whole number. */
function ShortInput({
  form,
  name,
  label,
  hint,
  optional,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  optional?: string;
}) {
  return (
    <TextInput
      {...fieldProps(form, name)}
      label={label}
      hint={hint}
      optional={optional}
      width="short"
      inputmode={name.endsWith('Prefix') ? 'text' : 'numeric'}
    />
  );
}

/** One form of the settings page under its heading; `none` says why there is nothing to set instead. */
function SettingsForm({
  title,
  action,
  token,
  submit,
  none,
  children,
}: {
  title: string;
  action: string;
  token: string;
  submit: string;
  none?: string | false;
  children: ComponentChildren;
}) {
  return (
    <>
      <Heading level={2}>{title}</Heading>
      {none ? (
        <Text>{none}</Text>
      ) : (
        <PostForm action={action} token={token}>
          {children}
          <Button>{submit}</Button>
        </PostForm>
      )}
    </>
  );
}

export interface SettingsPageProps {
  ctx: PageContext;
  location: { id: string; name: string };
  /** Values of the rules form (saved or as submitted). */
  rules: FormValues;
  /** The walk-in services with the quota field's value ('' = unlimited). */
  quotas: Array<{ id: string; name: string; value: string }>;
  counters: Array<{ id: string; name: string; serviceIds: string[] }>;
  services: Array<{ id: string; name: string; walkIn: boolean }>;
  errors?: FormErrors;
}

export function SettingsPage({
  ctx,
  location,
  rules,
  quotas,
  counters,
  services,
  errors = {},
}: SettingsPageProps) {
  const base = `${SETTINGS_BASE}/${location.id}`;
  const title = `Warteschlange: ${location.name}`;
  const rulesForm: FormState = { values: rules, errors };
  const quotasForm: FormState = {
    values: Object.fromEntries(quotas.map((quota) => [`quota-${quota.id}`, quota.value])),
    errors,
  };
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title="Es gibt ein Problem" errors={summaryErrors(errors)} />
      <Heading level={1}>{title}</Heading>
      <Text>
        <Link href={SETTINGS_BASE}>Anderen Standort wählen</Link>
      </Text>

      <SettingsForm title="Regeln" action={base} token={ctx.csrf()} submit="Regeln speichern">
        {RULE_FIELDS.map(([name, label, hint]) => (
          <ShortInput form={rulesForm} name={name} label={label} hint={hint} />
        ))}
        <RadioGroup
          {...fieldProps(rulesForm, 'lateRule')}
          legend="Wer später kommt"
          hint="Gilt für Verspätungen über die Toleranz hinaus."
          options={[
            { value: 'walk_in', label: 'Einchecken wie ohne Termin (hinten anstellen)' },
            { value: 'refuse', label: 'Einchecken ablehnen (neuen Termin buchen)' },
          ]}
        />
        {CALL_FIELDS.map(([name, label, hint]) => (
          <ShortInput form={rulesForm} name={name} label={label} hint={hint} />
        ))}
      </SettingsForm>

      <SettingsForm
        title="Tageskontingente ohne Termin"
        action={`${base}/kontingente`}
        token={ctx.csrf()}
        submit="Kontingente speichern"
        none={quotas.length === 0 && 'An diesem Standort gibt es keine Leistung mit Wartenummer ohne Termin.'}
      >
        <Text>
          Wie viele Wartenummern ohne Termin je Leistung und Tag ausgegeben werden. Leer = unbegrenzt, 0 =
          keine.
        </Text>
        {quotas.map((quota) => (
          <ShortInput
            form={quotasForm}
            name={`quota-${quota.id}`}
            label={`${quota.name}: Wartenummern pro Tag`}
            optional="leer = unbegrenzt"
          />
        ))}
      </SettingsForm>

      <SettingsForm
        title="Leistungen je Schalter"
        action={`${base}/schalter`}
        token={ctx.csrf()}
        submit="Schalter speichern"
        none={counters.length === 0 && 'Dieser Standort hat keine Schalter.'}
      >
        <Text>
          Ein Schalter ruft nur Personen mit den angekreuzten Leistungen auf. Ohne Haken bearbeitet er alle
          Leistungen.
        </Text>
        {counters.map((counter) => (
          <>
            <input type="hidden" name="counters" value={counter.id} />
            <Fieldset
              legend={`${counter.name}${counter.serviceIds.length === 0 ? ' (bearbeitet alle Leistungen)' : ''}`}
              id={`counter-${counter.id}`}
              error={errors[`counter-${counter.id}`]}
            >
              {services.map((service) => (
                <Checkbox
                  name={`counter-${counter.id}`}
                  id={`counter-${counter.id}-${service.id}`}
                  value={service.id}
                  label={service.walkIn ? `${service.name} (auch ohne Termin)` : service.name}
                  checked={counter.serviceIds.includes(service.id)}
                />
              ))}
            </Fieldset>
          </>
        ))}
      </SettingsForm>
    </StaffLayout>
  );
}
