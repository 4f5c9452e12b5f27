import { z } from 'zod';
import { actorOf } from '../../platform/audit/actor.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { defineService, type ServiceDefinition } from '../antraege/antraege.definition.js';
import type { CertificateIssuer, IssueCertificateInput } from '../bescheinigungen/certificate-issuer.js';
import type { PopulationRegister, RegisterRecord } from '../melderegister/population-register.js';
import type { CaseRecord } from '../vorgaenge/case-handlers.js';
import type { CasesService } from '../vorgaenge/vorgaenge.service.js';
import type { CertificateMails } from './meldebescheinigung.mails.js';
import {
  type CertificateKind,
  certificateFields,
  certificateTitle,
  type ExtraField,
  extraFieldLabels,
  extraFields,
} from './meldebescheinigung.rules.js';

export const SERVICE_KEY = 'meldebescheinigung';
export const PAPER_FEE_CENTS = 900;

const isEmail = (value: string) => z.email().safeParse(value).success;

const artSchema = z.object({ art: z.enum(['einfach', 'erweitert'], 'choice') });
const angabenSchema = z.object({
  angaben: z.array(z.enum(extraFields, 'choice'), 'required').min(1, 'required'),
  zweck: z.string().max(200, 'tooLong').optional(),
});
const zustellungSchema = z
  .object({
    zustellung: z.enum(['elektronisch', 'papier'], 'choice'),
    email: z
      .string()
      .max(254, 'tooLong')
      .refine((value) => value === '' || isEmail(value), 'email'),
  })
  .superRefine((value, ctx) => {
    // The paper certificate needs an address to tell the citizen it is on its way.
    if (value.zustellung === 'papier' && value.email === '') {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'required' });
    }
  });

export type MeldebescheinigungAnswers = z.infer<typeof artSchema> &
  Partial<z.infer<typeof angabenSchema>> &
  z.infer<typeof zustellungSchema>;

/** What the certificate for a case is made from: the register record and the chosen kind and fields. */
export function certificateInput(
  caseRecord: Pick<CaseRecord, 'id' | 'number'>,
  record: RegisterRecord,
  answers: Pick<MeldebescheinigungAnswers, 'art' | 'angaben' | 'zweck'>,
): IssueCertificateInput {
  const kind: CertificateKind = answers.art;
  const purpose = answers.zweck?.trim();
  return {
    caseId: caseRecord.id,
    caseNumber: caseRecord.number,
    kind: `meldebescheinigung-${kind}`,
    title: certificateTitle(kind),
    fields: certificateFields(record, kind, kind === 'erweitert' ? (answers.angaben ?? []) : []),
    ...(purpose ? { purpose } : {}),
    subjectName: [record.doctoralDegree, record.givenNames, record.familyName].filter(Boolean).join(' '),
  };
}

/** Answers as stored with a case (validated at submit). */
export function answersOf(caseRecord: CaseRecord): MeldebescheinigungAnswers {
  return caseRecord.answers as MeldebescheinigungAnswers;
}

const inReview: LocalizedText = {
  de: 'Ihr Antrag ist eingegangen. Ihr Antrag wird von der Meldebehörde geprüft; Sie erhalten die Bescheinigung in der Regel innerhalb von 3 Werktagen.',
  en: 'Your application has arrived. It will be checked by the registration office; you will usually receive the certificate within 3 working days.',
};

const reviewAfterPayment: LocalizedText = {
  de: 'Ihr Antrag ist eingegangen. Bitte bezahlen Sie die Gebühr von 9,00 Euro online. Danach wird Ihr Antrag von der Meldebehörde geprüft; die Bescheinigung geht in der Regel innerhalb von 3 Werktagen in die Post.',
  en: 'Your application has arrived. Please pay the fee of 9.00 euros online. Your application will then be checked by the registration office; the certificate is usually posted within 3 working days.',
};

export interface MeldebescheinigungDeps {
  register: PopulationRegister;
  certificates: CertificateIssuer;
  mails: CertificateMails;
  cases: CasesService;
  /** Online payment works (a provider is configured): only then is the paper certificate offered. */
  paperByPost: boolean;
}

/**
 * The Meldebescheinigung (§ 18 BMG) on the application engine: simple or extended, electronic (free,
 * at once when the eID data match the register) or on paper by post (9 EUR, paid online).
 */
export function meldebescheinigungDefinition(deps: MeldebescheinigungDeps): ServiceDefinition {
  const paper = {
    value: 'papier',
    label: { de: 'Auf Papier per Post (9,00 Euro)', en: 'On paper by post (9.00 euros)' },
    hint: {
      de: 'Sie bezahlen die Gebühr nach dem Absenden online. Wir drucken die Bescheinigung und schicken sie an Ihre Hauptwohnung; sie geht in der Regel innerhalb von 3 Werktagen in die Post.',
      en: 'You pay the fee online after sending. We print the certificate and post it to your main residence; it is usually posted within 3 working days.',
    },
  };
  // Without online payment the paper certificate is only available at the office.
  const deliverySchema = deps.paperByPost
    ? zustellungSchema
    : zustellungSchema.refine((value) => value.zustellung !== 'papier', {
        path: ['zustellung'],
        message: 'choice',
      });
  return defineService<MeldebescheinigungAnswers>({
    key: SERVICE_KEY,
    title: { de: 'Meldebescheinigung', en: 'Certificate of registration' },
    description: {
      de: 'Bescheinigung Ihrer gemeldeten Anschrift, einfach oder erweitert. Elektronisch kostenlos und meist sofort als PDF, auf Papier per Post für 9,00 Euro.',
      en: 'A certificate of your registered address, simple or extended. Electronic: free and usually at once as a PDF; on paper by post: 9.00 euros.',
    },
    startLabel: {
      de: 'Meldebescheinigung online beantragen',
      en: 'Apply online for a certificate of registration',
    },
    requiredTrustLevel: 'HOCH',
    pages: [
      {
        id: 'art',
        title: { de: 'Welche Meldebescheinigung brauchen Sie?', en: 'Which certificate do you need?' },
        intro: {
          de: 'Die Meldebescheinigung bestätigt, wo Sie gemeldet sind. Wenn Sie nicht wissen, welche Sie brauchen, reicht fast immer die einfache.',
          en: 'The certificate of registration confirms where you are registered. If you are not sure which one you need, the simple one is almost always enough.',
        },
        schema: artSchema,
        fields: [
          {
            name: 'art',
            kind: 'radio',
            label: { de: 'Art der Bescheinigung', en: 'Type of certificate' },
            options: [
              {
                value: 'einfach',
                label: { de: 'Einfache Meldebescheinigung', en: 'Simple certificate' },
                hint: {
                  de: 'Mit Namen, Vornamen, Doktorgrad, Geburtsdatum und Ihrer jetzigen Anschrift. Das genügt zum Beispiel für Arbeitgeber, Banken oder Vermieter.',
                  en: 'With your name, first names, doctoral degree, date of birth and your current address. Enough for example for employers, banks or landlords.',
                },
              },
              {
                value: 'erweitert',
                label: { de: 'Erweiterte Meldebescheinigung', en: 'Extended certificate' },
                hint: {
                  de: 'Zusätzlich Angaben, die Sie selbst auswählen, etwa Geburtsort, Staatsangehörigkeit oder frühere Anschriften. Nur nötig, wenn eine Stelle diese Angaben ausdrücklich verlangt.',
                  en: 'Also data you choose yourself, such as place of birth, nationality or previous addresses. Only needed when an office asks for this data explicitly.',
                },
              },
            ],
            messages: {
              choice: {
                de: 'Bitte wählen Sie, ob Sie eine einfache oder eine erweiterte Meldebescheinigung brauchen.',
                en: 'Please choose whether you need a simple or an extended certificate.',
              },
            },
          },
        ],
      },
      {
        id: 'angaben',
        title: {
          de: 'Welche Angaben sollen zusätzlich darauf stehen?',
          en: 'Which further data should it show?',
        },
        intro: {
          de: 'Wählen Sie nur, was die Stelle verlangt, der Sie die Bescheinigung vorlegen. Die Angaben kommen aus dem Melderegister.',
          en: 'Only choose what the office you show the certificate to asks for. The data come from the population register.',
        },
        when: (answers) => answers.art === 'erweitert',
        schema: angabenSchema,
        fields: [
          {
            name: 'angaben',
            kind: 'checkboxes',
            label: { de: 'Zusätzliche Angaben', en: 'Further data' },
            hint: { de: 'Wählen Sie mindestens eine Angabe.', en: 'Choose at least one.' },
            options: extraFields.map((field) => ({ value: field, label: extraFieldLabels[field] })),
            messages: {
              required: {
                de: 'Bitte wählen Sie mindestens eine zusätzliche Angabe aus.',
                en: 'Please choose at least one further item.',
              },
            },
          },
          {
            name: 'zweck',
            kind: 'textarea',
            rows: 2,
            optional: true,
            label: { de: 'Zweck', en: 'Purpose' },
            hint: {
              de: 'Zum Beispiel „zur Vorlage bei der Familienkasse“. Er wird auf die Bescheinigung gedruckt. Höchstens 200 Zeichen.',
              en: 'For example "for the family benefits office" (please write it in German). It is printed on the certificate. At most 200 characters.',
            },
            messages: {
              tooLong: {
                de: 'Der Zweck darf höchstens 200 Zeichen lang sein.',
                en: 'The purpose may be at most 200 characters long.',
              },
            },
          },
        ],
      },
      {
        id: 'zustellung',
        title: { de: 'Wie möchten Sie die Bescheinigung erhalten?', en: 'How would you like to receive it?' },
        schema: deliverySchema,
        fields: [
          {
            name: 'zustellung',
            kind: 'radio',
            label: { de: 'Zustellung', en: 'Delivery' },
            options: [
              {
                value: 'elektronisch',
                label: { de: 'Elektronisch (kostenlos)', en: 'Electronic (free of charge)' },
                hint: {
                  de: 'Sie laden die Bescheinigung gleich nach dem Absenden als PDF herunter; mit E-Mail-Adresse schicken wir sie Ihnen auch zu. Sie ist elektronisch versiegelt: Jede Stelle kann ihre Echtheit mit dem aufgedruckten Prüfcode prüfen.',
                  en: 'You download the certificate as a PDF right after sending; with an e-mail address we also send it to you. It is sealed electronically: any office can check that it is genuine with the printed verification code.',
                },
              },
              ...(deps.paperByPost ? [paper] : []),
            ],
            messages: {
              choice: {
                de: 'Bitte wählen Sie, ob Sie die Bescheinigung elektronisch oder auf Papier erhalten möchten.',
                en: 'Please choose whether you want the certificate electronically or on paper.',
              },
            },
          },
          {
            name: 'email',
            kind: 'email',
            label: { de: 'E-Mail-Adresse', en: 'E-mail address' },
            hint: {
              de: 'Für die Papierbescheinigung nötig: Wir schreiben Ihnen, wenn sie verschickt ist. Bei der elektronischen freiwillig: Dann schicken wir Ihnen das PDF.',
              en: 'Needed for the paper certificate: we write to you when it has been posted. Optional for the electronic one: then we send you the PDF.',
            },
            messages: {
              required: {
                de: 'Für die Bescheinigung auf Papier brauchen wir Ihre E-Mail-Adresse.',
                en: 'For the paper certificate we need your e-mail address.',
              },
            },
          },
        ],
      },
    ],

    summary(answers) {
      const rows: ReturnType<ServiceDefinition['summary']> = [
        {
          label: { de: 'Art der Bescheinigung', en: 'Type of certificate' },
          value:
            answers.art === 'erweitert'
              ? { de: 'Erweiterte Meldebescheinigung', en: 'Extended certificate' }
              : { de: 'Einfache Meldebescheinigung', en: 'Simple certificate' },
          page: 'art',
        },
      ];
      if (answers.art === 'erweitert') {
        const chosen = extraFields.filter((field) => answers.angaben?.includes(field));
        rows.push(
          {
            label: { de: 'Zusätzliche Angaben', en: 'Further data' },
            value: {
              de: chosen.map((field) => extraFieldLabels[field].de).join(', '),
              en: chosen.map((field) => extraFieldLabels[field].en).join(', '),
            },
            page: 'angaben',
          },
          {
            label: { de: 'Zweck', en: 'Purpose' },
            value: answers.zweck ? answers.zweck : { de: 'keine Angabe', en: 'none given' },
            page: 'angaben',
          },
        );
      }
      rows.push(
        {
          label: { de: 'Zustellung', en: 'Delivery' },
          value:
            answers.zustellung === 'papier'
              ? { de: 'Auf Papier per Post', en: 'On paper by post' }
              : { de: 'Elektronisch als PDF', en: 'Electronic, as a PDF' },
          page: 'zustellung',
        },
        {
          label: { de: 'E-Mail-Adresse', en: 'E-mail address' },
          value: answers.email ? answers.email : { de: 'keine', en: 'none' },
          page: 'zustellung',
        },
      );
      return rows;
    },

    nextSteps(answers) {
      if (answers.zustellung === 'papier') {
        return [
          {
            de: 'Nach dem Absenden bezahlen Sie 9,00 Euro online. Danach druckt die Meldebehörde Ihre Bescheinigung und schickt sie per Post an Ihre Hauptwohnung, in der Regel innerhalb von 3 Werktagen.',
            en: 'After sending you pay 9.00 euros online. The registration office then prints your certificate and posts it to your main residence, usually within 3 working days.',
          },
        ];
      }
      return [
        {
          de: 'Nach dem Absenden vergleichen wir die Daten Ihres Online-Ausweises mit dem Melderegister. Stimmen sie überein, können Sie die Bescheinigung sofort als PDF herunterladen.',
          en: 'After sending we compare the data of your online ID with the population register. If they match, you can download the certificate as a PDF at once.',
        },
        {
          de: 'Andernfalls prüft die Meldebehörde Ihren Antrag; Sie erhalten die Bescheinigung dann in der Regel innerhalb von 3 Werktagen.',
          en: 'Otherwise the registration office checks your application; you will then usually receive the certificate within 3 working days.',
        },
      ];
    },

    payment(answers) {
      if (answers.zustellung !== 'papier') return null;
      return {
        amountCents: PAPER_FEE_CENTS,
        purpose: 'Meldebescheinigung',
        items: [
          {
            reference: 'MB-PAPIER',
            description: 'Meldebescheinigung (Papier)',
            quantity: 1,
            unitPriceCents: PAPER_FEE_CENTS,
          },
        ],
      };
    },

    paid: (caseRecord) => ({
      status: 'submitted',
      timeline:
        caseRecord.reviewReason === 'paper'
          ? {
              de: 'Zahlung eingegangen. Die Meldebehörde druckt Ihre Bescheinigung und schickt sie per Post, in der Regel innerhalb von 3 Werktagen.',
              en: 'Payment received. The registration office prints your certificate and posts it, usually within 3 working days.',
            }
          : {
              de: 'Zahlung eingegangen. Ihr Antrag wird von der Meldebehörde geprüft; die Bescheinigung geht in der Regel innerhalb von 3 Werktagen in die Post.',
              en: 'Payment received. Your application will be checked by the registration office; the certificate is usually posted within 3 working days.',
            },
    }),

    async submit(ctx) {
      const { answers, citizen } = ctx;
      const identified = await deps.register.identify({
        familyName: citizen.familyName,
        givenNames: citizen.givenNames,
        birthDate: citizen.birthDate,
        address: citizen.address,
      });
      if (identified.kind === 'unavailable') {
        return {
          kind: 'unavailable',
          title: {
            de: 'Das Melderegister ist gerade nicht erreichbar',
            en: 'The population register cannot be reached at the moment',
          },
          message: {
            de: 'Das Melderegister ist gerade nicht erreichbar, bitte später erneut versuchen. Ihre Angaben bleiben gespeichert; Sie können den Antrag in einigen Minuten noch einmal absenden.',
            en: 'The population register cannot be reached at the moment, please try again later. Your answers are kept; you can send the application again in a few minutes.',
          },
        };
      }
      const email = answers.email || null;
      // To a clerk: the fee of a paper certificate is paid first (the engine starts the payment).
      const review = async (reviewReason: 'mismatch' | 'information_block') => ({
        kind: 'case' as const,
        case: await ctx.createCase(
          answers.zustellung === 'papier'
            ? { status: 'payment_pending', email, reviewReason, timeline: reviewAfterPayment }
            : { status: 'submitted', email, reviewReason, timeline: inReview },
        ),
      });
      if (identified.kind === 'no-match') return review('mismatch');
      // An information block (§ 51 BMG) needs a clerk; the citizen's texts do not say why.
      if (identified.informationBlock) return review('information_block');
      const personId = identified.personId;
      if (answers.zustellung === 'papier') {
        const paper = await ctx.createCase({
          status: 'payment_pending',
          email,
          reviewReason: 'paper',
          data: { personId },
          timeline: {
            de: 'Ihr Antrag ist eingegangen. Bitte bezahlen Sie die Gebühr von 9,00 Euro online; danach druckt die Meldebehörde Ihre Bescheinigung und schickt sie per Post.',
            en: 'Your application has arrived. Please pay the fee of 9.00 euros online; the registration office then prints your certificate and posts it.',
          },
        });
        return { kind: 'case', case: paper };
      }

      // Electronic and matching: the certificate at once, from the register's data.
      const record = await deps.register.read(personId);
      if (!record) return review('mismatch');
      // No status e-mails for this case (it is finished at once): the one e-mail brings the PDF.
      const done = await ctx.createCase(
        {
          status: 'submitted',
          email: null,
          data: { personId },
          timeline: {
            de: 'Ihr Antrag ist eingegangen. Ihre Daten stimmen mit dem Melderegister überein.',
            en: 'Your application has arrived. Your data match the population register.',
          },
        },
        async (tx, created) => {
          const input = certificateInput(created, record, answers);
          const issued = await deps.certificates.issue(input, tx);
          // Issued by the system on the citizen's submit (no clerk): audited with ids only.
          await deps.cases.audited(
            actorOf(null),
            {
              action: 'certificate.issue',
              entityType: 'certificate',
              entityId: issued.id,
              after: {
                caseId: created.id,
                caseNumber: created.number,
                kind: input.kind,
                personId,
                automatic: true,
              },
            },
            tx,
          );
          if (email) {
            await deps.mails.request(tx, {
              caseId: created.id,
              caseNumber: created.number,
              certificateId: issued.id,
              recipient: email,
              applicantName: created.applicantName,
              lang: created.lang,
            });
          }
          return deps.cases.transition(tx, created.id, {
            status: 'completed',
            data: { certificateId: issued.id },
            timeline: {
              de: email
                ? 'Ihre Meldebescheinigung ist ausgestellt. Sie können sie auf dieser Seite als PDF herunterladen; wir schicken sie Ihnen außerdem per E-Mail.'
                : 'Ihre Meldebescheinigung ist ausgestellt. Sie können sie auf dieser Seite als PDF herunterladen.',
              en: email
                ? 'Your certificate of registration has been issued. You can download it as a PDF on this page; we are also sending it to you by e-mail.'
                : 'Your certificate of registration has been issued. You can download it as a PDF on this page.',
            },
          });
        },
      );
      if (email) await deps.mails.deliver(done.id);
      return {
        kind: 'case',
        case: done,
        message: {
          de: `Ihre Meldebescheinigung ist fertig (Vorgang ${done.number}). Sie können sie jetzt herunterladen.`,
          en: `Your certificate of registration is ready (case ${done.number}). You can download it now.`,
        },
      };
    },
  });
}

export type { ExtraField };
