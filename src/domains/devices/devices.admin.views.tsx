import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { DateTime } from '../../platform/views/date-time.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  DescriptionList,
  ErrorSummary,
  Heading,
  LinkButton,
  PostForm,
  Select,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { type Device, ENROLMENT_DAYS, type EnrolmentLink } from './devices.service.js';
import type { DeviceKind } from './devices.tables.js';

/** Staff pages of the devices (German only). */

export const DEVICES_PATH = '/verwaltung/geraete';

export const kindLabels: Record<DeviceKind, string> = {
  kiosk: 'Kiosk',
  display: 'Aufrufanzeige',
};

const kindOptions = (Object.keys(kindLabels) as DeviceKind[]).map((kind) => ({
  value: kind,
  label: kindLabels[kind],
}));

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

function Lines({ lines }: { lines: ComponentChildren[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/** Link offen / angemeldet seit / zuletzt gesehen / gesperrt. */
function DeviceStatus({ device }: { device: Device }) {
  if (device.revokedAt) {
    return (
      <Lines
        lines={[
          <Badge kind="danger">Gesperrt</Badge>,
          <>
            seit <DateTime value={device.revokedAt} />
          </>,
        ]}
      />
    );
  }
  const lines: ComponentChildren[] = [];
  if (device.enrolledAt) {
    lines.push(<Badge kind="success">Angemeldet</Badge>);
    lines.push(
      <>
        angemeldet seit <DateTime value={device.enrolledAt} />
      </>,
    );
    lines.push(
      device.lastSeenAt ? (
        <>
          zuletzt gesehen <DateTime value={device.lastSeenAt} />
        </>
      ) : (
        'noch nicht gesehen'
      ),
    );
  }
  if (device.link === 'open' && device.enrolmentUntil) {
    lines.push(<Badge kind="info">Link offen</Badge>);
    lines.push(
      <>
        gültig bis <DateTime value={device.enrolmentUntil} />
      </>,
    );
  } else if (device.link === 'demo') {
    lines.push(<Badge kind="info">Link offen</Badge>);
    lines.push('fester Demo-Code, ohne Ablauf');
  } else if (!device.enrolledAt) {
    lines.push(<Badge kind="warning">Nicht angemeldet</Badge>);
    lines.push(device.link === 'expired' ? 'Anmeldelink abgelaufen' : 'kein gültiger Anmeldelink');
  }
  return <Lines lines={lines} />;
}

function DeviceActions({ device, ctx }: { device: Device; ctx: PageContext }) {
  if (device.revokedAt) return <>–</>;
  return (
    <ButtonGroup>
      <PostForm action={`${DEVICES_PATH}/${device.id}/anmeldelink`} token={ctx.csrf()} inline>
        <Button variant="secondary">Neuen Anmeldelink erzeugen</Button>
      </PostForm>
      <PostForm action={`${DEVICES_PATH}/${device.id}/sperren`} token={ctx.csrf()} inline>
        <Button variant="tertiary">Sperren</Button>
      </PostForm>
    </ButtonGroup>
  );
}

function groupByLocation(devices: Device[]): Array<{ locationId: string; name: string; devices: Device[] }> {
  const groups = new Map<string, { locationId: string; name: string; devices: Device[] }>();
  for (const device of devices) {
    const group = groups.get(device.locationId) ?? {
      locationId: device.locationId,
      name: device.locationName.de,
      devices: [],
    };
    group.devices.push(device);
    groups.set(device.locationId, group);
  }
  return [...groups.values()];
}

export function DeviceListPage({
  ctx,
  devices,
  locations,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  devices: Device[];
  locations: Array<{ id: string; name: LocalizedText }>;
  values?: Values;
  errors?: Errors;
}) {
  const groups = groupByLocation(devices);
  const form: FormState = { values, errors };
  const kind = fieldProps(form, 'kind');
  return (
    <StaffLayout ctx={ctx} title="Geräte">
      <Heading level={1}>Geräte</Heading>
      <ErrorSummary title={validationMessages('de')('summaryTitle')} errors={summaryErrors(errors)} />
      <Text>
        Kioske (Wartenummern ziehen im Foyer) und Aufrufanzeigen (aufgerufene Nummern im Wartebereich) eines
        Standorts. Ein Gerät wird angemeldet, indem jemand seinen Anmeldelink einmal im Browser des Geräts
        öffnet und dort bestätigt. Ein Link gilt {ENROLMENT_DAYS} Tage und funktioniert nur einmal; ein
        gesperrtes Gerät bleibt gesperrt.
      </Text>
      {groups.length === 0 ? <Text muted>Es sind noch keine Geräte registriert.</Text> : null}
      {groups.map((group) => (
        <section aria-labelledby={`standort-${group.locationId}`}>
          <Heading level={2} id={`standort-${group.locationId}`}>
            {group.name}
          </Heading>
          <Table
            caption={`Geräte am Standort ${group.name} (${group.devices.length})`}
            head={['Name', 'Art', 'Status', 'Aktionen']}
            rows={group.devices.map((device) => [
              device.name,
              kindLabels[device.kind],
              <DeviceStatus device={device} />,
              <DeviceActions device={device} ctx={ctx} />,
            ])}
          />
        </section>
      ))}
      <section aria-labelledby="registrieren">
        <Heading level={2} id="registrieren">
          Gerät registrieren
        </Heading>
        <PostForm action={DEVICES_PATH} token={ctx.csrf()}>
          <Select
            {...fieldProps(form, 'locationId')}
            label="Standort"
            options={[
              { value: '', label: 'Bitte wählen' },
              ...locations.map((location) => ({ value: location.id, label: location.name.de })),
            ]}
          />
          <Select {...kind} label="Art" value={kind.value || 'kiosk'} options={kindOptions} />
          <TextInput
            {...fieldProps(form, 'name')}
            label="Name"
            hint="Woran man das Gerät vor Ort erkennt, zum Beispiel „Kiosk Foyer“ oder „Anzeige Wartebereich 2. OG“."
            autocomplete="off"
            width="medium"
          />
          <ButtonGroup>
            <Button>Gerät registrieren</Button>
          </ButtonGroup>
        </PostForm>
      </section>
    </StaffLayout>
  );
}

/**
 * The enrolment link, shown exactly once after registering or reissuing: only its hash is stored, so
 * nobody can look it up later. The page must not be cached (the route sets no-store).
 */
export function EnrolmentLinkPage({
  ctx,
  link,
  reissued,
}: {
  ctx: PageContext;
  link: EnrolmentLink;
  reissued: boolean;
}) {
  const { device } = link;
  const title = `Anmeldelink für „${device.name}“`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Alert
        kind="success"
        title={reissued ? 'Ein neuer Anmeldelink wurde erzeugt.' : 'Das Gerät wurde registriert.'}
      >
        <Text>
          Der Link wird nur jetzt angezeigt: Gespeichert ist nur eine Prüfsumme, niemand kann ihn später
          wieder abrufen. Kopieren Sie ihn jetzt, oder erzeugen Sie später einen neuen.
          {reissued ? ' Der vorige Link funktioniert nicht mehr.' : ''}
        </Text>
      </Alert>
      <DescriptionList
        items={[
          { key: 'Gerät', value: device.name },
          { key: 'Art', value: kindLabels[device.kind] },
          { key: 'Standort', value: device.locationName.de },
          {
            key: 'Gültig bis',
            value: link.validUntil ? <DateTime value={link.validUntil} /> : 'ohne Ablauf (Demo)',
          },
        ]}
      />
      <TextInput
        name="link"
        id="anmeldelink"
        label="Anmeldelink"
        hint="Zum Kopieren: in das Feld klicken, alles markieren und kopieren."
        value={link.url}
        type="url"
        autocomplete="off"
      />
      <Heading level={2}>So wird das Gerät angemeldet</Heading>
      <Text>
        Öffnen Sie den Link im Browser des Geräts selbst (nicht auf Ihrem Rechner) und bestätigen Sie dort mit
        der Schaltfläche. Der Link funktioniert nur einmal. Meldet man mit einem neuen Link einen anderen
        Browser an, verliert der bisher angemeldete Browser den Zugang.
      </Text>
      <ButtonGroup>
        <LinkButton href={DEVICES_PATH} variant="secondary">
          Zurück zu den Geräten
        </LinkButton>
      </ButtonGroup>
    </StaffLayout>
  );
}
