import type {
  DocumentStatus,
  DocumentType,
  HandoverChecklist,
} from '../domains/dokumente/dokumente.tables.js';

/**
 * Demo ID documents: every status, most at the town hall, some at the North office. Serial numbers are
 * fixed (9 characters from the Bundesdruckerei's alphabet; L01X is the demo authority code), so the README
 * can list some to try. Names and dates of birth are invented and must never appear on a public page.
 */
export interface DemoDocument {
  serialNumber: string;
  documentType: DocumentType;
  locationId: 'rathaus' | 'nord';
  applicantName: string;
  applicantBirthDate: string;
  /** The code on the pickup slip for the online sign-up (only its hash is stored). */
  signupCode: string;
  /** E-mail for the "ready" message, given with consent at the desk. */
  contactEmail?: string;
  /** The statuses in order with how many days ago each was reached; the first is the application. */
  history: Array<{ status: DocumentStatus; daysAgo: number }>;
  handover?: HandoverChecklist;
}

export const demoDocuments: DemoDocument[] = [
  {
    serialNumber: 'L01XC4F7K',
    documentType: 'personalausweis',
    locationId: 'rathaus',
    applicantName: 'Erika Beispielfrau',
    applicantBirthDate: '1984-03-12',
    signupCode: 'K7MQ-4XTA',
    history: [{ status: 'in_bearbeitung', daysAgo: 9 }],
  },
  {
    serialNumber: 'L01XK7M2T',
    documentType: 'eid_karte',
    locationId: 'nord',
    applicantName: 'Lucia Demoverde',
    applicantBirthDate: '1991-07-30',
    signupCode: 'P3RW-9HNC',
    contactEmail: 'lucia.demoverde@example.invalid',
    history: [{ status: 'in_bearbeitung', daysAgo: 4 }],
  },
  {
    serialNumber: 'L01XR7T2M',
    documentType: 'personalausweis',
    locationId: 'rathaus',
    applicantName: 'Jonas Probemann',
    applicantBirthDate: '2001-11-05',
    signupCode: 'TZ8K-M4QB',
    history: [
      { status: 'in_bearbeitung', daysAgo: 24 },
      { status: 'bereit_zur_abholung', daysAgo: 2 },
    ],
  },
  {
    serialNumber: 'L01XH5J9V',
    documentType: 'reisepass',
    locationId: 'rathaus',
    applicantName: 'Hannelore Testmeier',
    applicantBirthDate: '1958-01-21',
    signupCode: 'WC5N-2LJF',
    history: [
      { status: 'in_bearbeitung', daysAgo: 55 },
      { status: 'bereit_zur_abholung', daysAgo: 31 },
    ],
  },
  {
    serialNumber: 'L01XN3W8P',
    documentType: 'personalausweis',
    locationId: 'nord',
    applicantName: 'Murat Musterer',
    applicantBirthDate: '1976-09-14',
    signupCode: 'HG6V-8RYE',
    history: [
      { status: 'in_bearbeitung', daysAgo: 26 },
      { status: 'bereit_zur_abholung', daysAgo: 1 },
    ],
  },
  {
    serialNumber: 'L01XG2K6Z',
    documentType: 'reisepass',
    locationId: 'rathaus',
    applicantName: 'Sofia Exempla',
    applicantBirthDate: '1999-05-02',
    signupCode: 'BN4T-7ZKD',
    history: [
      { status: 'in_bearbeitung', daysAgo: 40 },
      { status: 'bereit_zur_abholung', daysAgo: 16 },
      { status: 'ausgehaendigt', daysAgo: 12 },
    ],
    handover: {
      identityChecked: true,
      pinLetterReceived: false,
      oldDocument: 'invalidated',
      authorisedPerson: false,
    },
  },
  {
    serialNumber: 'L01XM8Y3C',
    documentType: 'personalausweis',
    locationId: 'rathaus',
    applicantName: 'Peter Platzhalter',
    applicantBirthDate: '1969-12-24',
    signupCode: 'RX2H-5MWG',
    history: [
      { status: 'in_bearbeitung', daysAgo: 22 },
      { status: 'in_direktversand', daysAgo: 1 },
    ],
  },
  {
    serialNumber: 'L01XT6V1F',
    documentType: 'personalausweis',
    locationId: 'nord',
    applicantName: 'Greta Fiktiva',
    applicantBirthDate: '1988-04-18',
    signupCode: 'YK9P-3CTS',
    history: [
      { status: 'in_bearbeitung', daysAgo: 35 },
      { status: 'in_direktversand', daysAgo: 12 },
      { status: 'direktversand_zugestellt', daysAgo: 10 },
    ],
  },
  {
    serialNumber: 'L01XW9P4H',
    documentType: 'reisepass',
    locationId: 'rathaus',
    applicantName: 'Anton Annahme',
    applicantBirthDate: '1995-08-09',
    signupCode: 'FM7L-6QZU',
    history: [
      { status: 'in_bearbeitung', daysAgo: 30 },
      { status: 'in_direktversand', daysAgo: 8 },
      { status: 'direktversand_fehlgeschlagen', daysAgo: 3 },
    ],
  },
  {
    serialNumber: 'L01XZ1L5N',
    documentType: 'personalausweis',
    locationId: 'nord',
    applicantName: 'Wilma Vorlage',
    applicantBirthDate: '1963-02-27',
    signupCode: 'JD3X-8NPV',
    history: [
      { status: 'in_bearbeitung', daysAgo: 50 },
      { status: 'ungueltig', daysAgo: 20 },
    ],
  },
  {
    serialNumber: 'L01XJ4X7R',
    documentType: 'reisepass',
    locationId: 'rathaus',
    applicantName: 'Karl Kulisse',
    applicantBirthDate: '1972-06-15',
    signupCode: 'UE5R-4HWM',
    history: [
      { status: 'in_bearbeitung', daysAgo: 150 },
      { status: 'bereit_zur_abholung', daysAgo: 120 },
      { status: 'vernichtet', daysAgo: 20 },
    ],
  },
];
