import { ValidationError } from '../../platform/errors/errors.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { Alert, Badge, DescriptionList, Heading, RadioGroup, Text } from '../../platform/views/kern.js';
import type { CertificateIssuer } from '../bescheinigungen/certificate-issuer.js';
import type { PopulationRegister, RegisterRecord } from '../melderegister/population-register.js';
import type { CaseHandler, CaseRecord } from '../vorgaenge/case-handlers.js';
import { answersOf, certificateInput, SERVICE_KEY } from './meldebescheinigung.definition.js';
import type { CertificateMails } from './meldebescheinigung.mails.js';
import {
  addressLine,
  type Difference,
  differences,
  eidDataOf,
  extraFieldLabels,
  extraFields,
  germanDate,
  givenNamesLine,
} from './meldebescheinigung.rules.js';
import type { RegisterCheckSeal } from './register-check.js';

export const personRequiredMessage =
  'Bitte wählen Sie die Person im Melderegister aus, für die die Bescheinigung ausgestellt wird.';
export const checkExpiredMessage =
  'Der Abgleich mit dem Melderegister ist abgelaufen oder passt nicht zu diesem Vorgang. Bitte laden Sie die Seite neu und wählen Sie die Person noch einmal aus.';

export interface HandlerDeps {
  register: PopulationRegister;
  certificates: CertificateIssuer;
  mails: CertificateMails;
  seal: RegisterCheckSeal;
  now?: () => Date;
}

const certificateId = (record: CaseRecord): string | undefined =>
  typeof record.data.certificateId === 'string' ? record.data.certificateId : undefined;

function PersonHint({ person, found }: { person: RegisterRecord; found: Difference[] }) {
  const main = person.addresses.find((address) => address.kind === 'Hauptwohnung');
  const secondary = person.addresses.filter((address) => address.kind === 'Nebenwohnung');
  return (
    <>
      {person.usualGivenName ? (
        <>
          Vornamen: {givenNamesLine(person)}
          <br />
        </>
      ) : null}
      Hauptwohnung: {main ? addressLine(main) : 'keine'}
      {secondary.map((address) => (
        <>
          <br />
          Nebenwohnung: {addressLine(address)}
        </>
      ))}
      {person.informationBlock ? (
        <>
          <br />
          <Badge kind="danger">Auskunftssperre</Badge>
        </>
      ) : null}
      <br />
      {found.length === 0 ? (
        'Stimmt mit den Daten aus dem Online-Ausweis überein.'
      ) : (
        <>
          <strong>Abweichungen zum Online-Ausweis:</strong>
          {found.map((difference) => (
            <>
              <br />
              <strong>{difference.label}</strong>: Register „{difference.register}“, Ausweis „{difference.eid}
              “
            </>
          ))}
        </>
      )}
    </>
  );
}

/**
 * The cases of the Meldebescheinigung for the clerks: the register check (persons with the eID's family
 * name and date of birth, differences highlighted), approval = the certificate from the chosen register
 * record (electronic: done, e-mailed when an address was given; paper: to be printed and posted).
 */
export function meldebescheinigungHandler(deps: HandlerDeps): CaseHandler {
  const now = deps.now ?? (() => new Date());
  return {
    serviceKey: SERVICE_KEY,
    title: { de: 'Meldebescheinigung', en: 'Certificate of registration' },
    numberPrefix: 'MB',
    startUrl: `/portal/antraege/${SERVICE_KEY}`,
    finishLabel: 'Gedruckt und versandt',

    async staffPanel(caseRecord, context = {}) {
      const answers = answersOf(caseRecord);
      const request = (
        <DescriptionList
          items={[
            {
              key: 'Art',
              value:
                answers.art === 'erweitert' ? 'Erweiterte Meldebescheinigung' : 'Einfache Meldebescheinigung',
            },
            ...(answers.art === 'erweitert'
              ? [
                  {
                    key: 'Zusätzliche Angaben',
                    value: extraFields
                      .filter((field) => answers.angaben?.includes(field))
                      .map((field) => extraFieldLabels[field].de)
                      .join(', '),
                  },
                  { key: 'Zweck', value: answers.zweck || '–' },
                ]
              : []),
            {
              key: 'Zustellung',
              value: answers.zustellung === 'papier' ? 'Papier per Post' : 'Elektronisch',
            },
          ]}
        />
      );
      const eid = eidDataOf(caseRecord.identity);
      if (!eid)
        return <Alert kind="danger" title="Die Daten aus dem Online-Ausweis fehlen in diesem Vorgang." />;
      let persons: RegisterRecord[];
      try {
        persons = await deps.register.search({ familyName: eid.familyName, birthDate: eid.birthDate });
      } catch {
        return (
          <Alert kind="warning" title="Das Melderegister ist gerade nicht erreichbar.">
            <Text>Bitte laden Sie die Seite in einigen Minuten neu.</Text>
          </Alert>
        );
      }
      // A look-up of register data by a clerk: audited with the case and the number found, nothing else.
      await context.audit?.({
        action: 'melderegister.check',
        entityType: 'melderegister',
        entityId: caseRecord.id,
        after: { caseId: caseRecord.id, results: persons.length },
      });
      const chosen = context.values?.personId;
      return (
        <>
          <Heading level={4}>Abgleich mit dem Melderegister</Heading>
          {request}
          <Text>
            Gesucht nach Familienname „{eid.familyName}“ und Geburtsdatum {germanDate(eid.birthDate)}. Die
            Bescheinigung wird aus den Daten der gewählten Person im Melderegister erstellt.
          </Text>
          {persons.length === 0 ? (
            <Alert kind="warning" title="Keine Person im Melderegister gefunden.">
              <Text>
                Mit diesem Familiennamen und Geburtsdatum ist niemand gemeldet. Ohne Eintrag kann keine
                Bescheinigung ausgestellt werden; lehnen Sie den Antrag gegebenenfalls mit Begründung ab.
              </Text>
            </Alert>
          ) : (
            <RadioGroup
              name="personId"
              legend="Person im Melderegister"
              value={typeof chosen === 'string' ? chosen : undefined}
              error={context.errors?.personId}
              options={persons.map((person) => ({
                value: person.personId,
                label: `${[person.doctoralDegree, person.givenNames, person.familyName].filter(Boolean).join(' ')}, geboren am ${germanDate(person.birthDate)}`,
                hint: <PersonHint person={person} found={differences(eid, person)} />,
              }))}
            />
          )}
          <input
            type="hidden"
            name="registerAbgleich"
            value={deps.seal.seal(caseRecord.id, persons, now())}
          />
        </>
      );
    },

    async approve({ case: caseRecord, form }, tx) {
      const personId = form.personId?.trim();
      if (!personId) throw new ValidationError({ personId: personRequiredMessage });
      const persons = deps.seal.open(form.registerAbgleich, caseRecord.id, now());
      if (!persons) throw new ValidationError({ personId: checkExpiredMessage });
      const person = persons.find((candidate) => candidate.personId === personId);
      if (!person) throw new ValidationError({ personId: personRequiredMessage });

      const answers = answersOf(caseRecord);
      const issued = await deps.certificates.issue(certificateInput(caseRecord, person, answers), tx);
      const data = { certificateId: issued.id, personId };
      if (answers.zustellung === 'papier') {
        return {
          status: 'approved',
          data,
          timeline: {
            de: 'Ihre Meldebescheinigung ist ausgestellt und wird jetzt gedruckt und per Post verschickt.',
            en: 'Your certificate of registration has been issued and is now being printed and posted.',
          },
        };
      }
      const email = caseRecord.email ?? (answers.email || null);
      if (email) {
        await deps.mails.request(tx, {
          caseId: caseRecord.id,
          caseNumber: caseRecord.number,
          certificateId: issued.id,
          recipient: email,
          applicantName: caseRecord.applicantName,
          lang: caseRecord.lang,
        });
      }
      const timeline: LocalizedText = {
        de: 'Ihre Meldebescheinigung ist ausgestellt. Sie können sie auf dieser Seite als PDF herunterladen.',
        en: 'Your certificate of registration has been issued. You can download it as a PDF on this page.',
      };
      return { status: 'completed', data, timeline };
    },

    async downloads(caseRecord) {
      const id = certificateId(caseRecord);
      if (!id) return [];
      return [
        {
          id,
          label: { de: 'Meldebescheinigung (PDF)', en: 'Certificate of registration (PDF)' },
          filename: `Meldebescheinigung-${caseRecord.number}.pdf`,
          revokedAt: await deps.certificates.revokedAt(id),
        },
      ];
    },

    // The electronic certificate issued at submit keeps the address in the answers only (no status
    // e-mails for a case finished at once).
    contactEmail(caseRecord) {
      return caseRecord.email ?? (answersOf(caseRecord).email || null);
    },

    async download(caseRecord, id) {
      if (id !== certificateId(caseRecord)) return undefined;
      return { body: await deps.certificates.pdf(id), contentType: 'application/pdf' };
    },
  };
}
