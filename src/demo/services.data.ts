/**
 * Demo service catalogue of a citizen office (Bürgeramt) in a mid-sized city in North Rhine-Westphalia.
 *
 * Fees and legal bases reflect the state of 2026:
 * - Personalausweis: 46 EUR (from 24) / 27.60 EUR (under 24) since 7 February 2026 (PAuswGebV as amended by
 *   the VerwaltEntlastVO); direct delivery by post 15 EUR since 1 May 2025.
 * - Reisepass: 70 EUR / 37.50 EUR (PassV § 15, since 2024); no new Kinderreisepass since 1 January 2024.
 * - Meldewesen fees: AVerwGebO NRW, Tarifstelle 5 (certificates 9 EUR, simple register information 11 EUR).
 * - Führungszeugnis and Gewerbezentralregister: 13 EUR each (JVKostG, Anlage Nr. 1130 and 1132).
 * Fees that the city sets itself (certifications, residents' parking) are realistic demo values.
 */

export interface LocalizedText {
  de: string;
  en: string;
}

export interface FeeSeed {
  label: LocalizedText;
  amountCents: number;
  legalBasis: string;
}

export interface ServiceSeed {
  id: string;
  leikaKey: string | null;
  name: LocalizedText;
  shortDescription: LocalizedText;
  description: LocalizedText;
  documents: LocalizedText[];
  fees: FeeSeed[];
  durationMinutes: number;
  bookableOnline: boolean;
  walkIn: boolean;
  onlineApplication: boolean;
  hints: LocalizedText[];
  keywords: string[];
  popularity: number;
  locationIds: Array<'rathaus' | 'nord'>;
}

const t = (de: string, en: string): LocalizedText => ({ de, en });

const fee = (de: string, en: string, amountCents: number, legalBasis: string): FeeSeed => ({
  label: t(de, en),
  amountCents,
  legalBasis,
});

const BOTH: Array<'rathaus' | 'nord'> = ['rathaus', 'nord'];
const RATHAUS_ONLY: Array<'rathaus' | 'nord'> = ['rathaus'];

// Documents and hints shared by several ID-document services.
const DOC_CURRENT_ID = t(
  'Bisheriger Personalausweis, Reisepass oder Kinderreisepass (auch wenn abgelaufen)',
  'Your current identity card, passport or child passport (even if expired)',
);
const DOC_PHOTO = t(
  'Digitales biometrisches Lichtbild: Aufnahme bei uns vor Ort oder Übermittlung durch ein zertifiziertes Fotostudio (QR-Code mitbringen)',
  'Digital biometric photo: taken here at the office or sent by a certified photo studio (bring the QR code)',
);
const DOC_BIRTH_CERT = t(
  'Geburts- oder Eheurkunde, wenn Sie zum ersten Mal einen Ausweis beantragen oder sich Ihr Name geändert hat',
  'Birth or marriage certificate if this is your first ID document or your name has changed',
);
const DOC_MINOR_CONSENT = t(
  'Bei Minderjährigen: Zustimmung aller Sorgeberechtigten und deren Ausweise; das Kind muss mitkommen',
  'For minors: consent of everyone with parental responsibility and their ID documents; the child must come along',
);
const HINT_PIN_LETTER = t(
  'Der PIN-Brief der Bundesdruckerei kommt zuerst per Post. Etwa eine Woche später ist das Dokument abholbereit.',
  'The PIN letter from the Bundesdruckerei arrives first by post. The document is ready for pickup about a week later.',
);
const HINT_STATUS = t(
  'Ob Ihr Dokument fertig ist, sehen Sie in der Online-Statusabfrage mit der Seriennummer von Ihrer Antragsquittung.',
  'Check whether your document is ready with the online status query, using the serial number from your application receipt.',
);

export const demoServices: ServiceSeed[] = [
  {
    id: 'personalausweis',
    leikaKey: '99008001012000',
    name: t('Personalausweis beantragen', 'Apply for an identity card'),
    shortDescription: t(
      'Neuer Personalausweis für Deutsche, mit Online-Ausweisfunktion, digitalem Lichtbild und Fingerabdrücken.',
      'A new identity card for German citizens, with the online ID function, a digital photo and fingerprints.',
    ),
    description: t(
      'Wer Deutscher ist und das 16. Lebensjahr vollendet hat, muss einen gültigen Personalausweis oder Reisepass besitzen. Sie stellen den Antrag persönlich bei der Personalausweisbehörde Ihres Hauptwohnsitzes. Auch Kinder jeden Alters können einen Personalausweis bekommen.\n\nSeit dem 1. Mai 2025 werden nur noch digitale Lichtbilder angenommen. Wir können das Foto direkt bei uns aufnehmen, oder ein zertifiziertes Fotostudio übermittelt es elektronisch. Ab dem 6. Lebensjahr werden zwei Fingerabdrücke auf dem Chip gespeichert.\n\nDen Ausweis stellt die Bundesdruckerei her; das dauert in der Regel zwei bis vier Wochen. Bis zum 24. Geburtstag gilt er 6 Jahre, danach 10 Jahre.',
      'Every German citizen aged 16 or older must hold a valid identity card or passport. You apply in person at the ID authority of your main residence. Children of any age can also get an identity card.\n\nSince 1 May 2025 only digital photos are accepted. We can take the photo here at the office, or a certified photo studio sends it to us electronically. From the age of 6, two fingerprints are stored on the chip.\n\nThe card is produced by the Bundesdruckerei, which usually takes two to four weeks. If you are under 24 it is valid for 6 years, otherwise for 10 years.',
    ),
    documents: [DOC_CURRENT_ID, DOC_BIRTH_CERT, DOC_PHOTO, DOC_MINOR_CONSENT],
    fees: [
      fee(
        'Personalausweis ab 24 Jahren',
        'Identity card, applicant aged 24 or older',
        4600,
        '§ 1 Abs. 1 PAuswGebV (Fassung ab 7. Februar 2026)',
      ),
      fee(
        'Personalausweis unter 24 Jahren',
        'Identity card, applicant under 24',
        2760,
        '§ 1 Abs. 1 PAuswGebV (Fassung ab 7. Februar 2026)',
      ),
      fee(
        'Digitales Lichtbild im Bürgeramt (optional)',
        'Digital photo taken at the citizen office (optional)',
        600,
        'PAuswGebV',
      ),
      fee(
        'Direktversand per Post statt Abholung (optional, ab 16 Jahren)',
        'Direct delivery by post instead of pickup (optional, from age 16)',
        1500,
        '§ 1 Abs. 4 Nr. 3 PAuswGebV',
      ),
      fee(
        'Zuschlag bei Antrag in einer nicht zuständigen Behörde',
        'Surcharge when applying at an authority that is not responsible for you',
        1300,
        '§ 1 Abs. 3 PAuswGebV',
      ),
    ],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      HINT_PIN_LETTER,
      HINT_STATUS,
      t(
        'Zur Abholung bringen Sie den alten Ausweis und den PIN-Brief mit; der alte Ausweis wird entwertet.',
        'Bring your old ID document and the PIN letter when you collect the card; the old document will be invalidated.',
      ),
      t(
        'Nach einem Umzug ändern wir die Anschrift kostenlos per Aufkleber, ein neuer Ausweis ist dafür nicht nötig.',
        'After a move we update the address free of charge with a sticker; you do not need a new card.',
      ),
    ],
    keywords: [
      'personalausweis',
      'ausweis',
      'perso',
      'neuer ausweis',
      'online-ausweis',
      'id card',
      'identity card',
      'national id',
    ],
    popularity: 95,
    locationIds: BOTH,
  },
  {
    id: 'reisepass',
    leikaKey: null,
    name: t('Reisepass beantragen', 'Apply for a passport'),
    shortDescription: t(
      'Biometrischer Reisepass für Reisen außerhalb der EU, auf Wunsch im Expressverfahren oder mit 48 Seiten.',
      'A biometric passport for travel outside the EU, with express processing or 48 pages on request.',
    ),
    description: t(
      'Den Reisepass brauchen Sie für viele Reisen außerhalb der Europäischen Union. Deutsche Staatsangehörige beantragen ihn persönlich bei der Passbehörde ihres Hauptwohnsitzes; das gilt auch für Kinder, denn seit 2024 gibt es keinen Kinderreisepass mehr.\n\nFür den Antrag brauchen wir ein digitales Lichtbild; ab 6 Jahren werden Fingerabdrücke gespeichert. Der Pass gilt bis zum 24. Geburtstag 6 Jahre, danach 10 Jahre.\n\nDie Herstellung dauert meist drei bis sechs Wochen. Im Expressverfahren liegt der Pass in der Regel nach wenigen Werktagen vor. Wer viel reist, kann einen Pass mit 48 statt 32 Seiten wählen.',
      'You need a passport for many journeys outside the European Union. German citizens apply in person at the passport authority of their main residence; this also applies to children, because the child passport was abolished in 2024.\n\nWe need a digital photo for the application, and fingerprints are stored from the age of 6. The passport is valid for 6 years until your 24th birthday and for 10 years after that.\n\nProduction usually takes three to six weeks. With express processing the passport is normally ready within a few working days. Frequent travellers can choose 48 pages instead of 32.',
    ),
    documents: [DOC_CURRENT_ID, DOC_BIRTH_CERT, DOC_PHOTO, DOC_MINOR_CONSENT],
    fees: [
      fee('Reisepass ab 24 Jahren', 'Passport, applicant aged 24 or older', 7000, '§ 15 Abs. 1 PassV'),
      fee('Reisepass unter 24 Jahren', 'Passport, applicant under 24', 3750, '§ 15 Abs. 1 PassV'),
      fee('Zuschlag Expressverfahren', 'Surcharge for express processing', 3200, '§ 15 PassV'),
      fee('Zuschlag Reisepass mit 48 Seiten', 'Surcharge for a 48-page passport', 2200, '§ 15 PassV'),
      fee(
        'Digitales Lichtbild im Bürgeramt (optional)',
        'Digital photo taken at the citizen office (optional)',
        600,
        'PassV',
      ),
      fee(
        'Direktversand per Post statt Abholung (optional, ab 18 Jahren)',
        'Direct delivery by post instead of pickup (optional, from age 18)',
        1500,
        'PassV',
      ),
    ],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      HINT_STATUS,
      t(
        'Prüfen Sie vor der Reise die Einreisebestimmungen beim Auswärtigen Amt, etwa zur Mindestgültigkeit des Passes.',
        'Before travelling, check the entry rules published by the Federal Foreign Office, for example how long the passport must still be valid.',
      ),
      t(
        'Zur Abholung bringen Sie den alten Pass mit; er wird entwertet und Sie können ihn behalten.',
        'Bring your old passport when you collect the new one; it will be invalidated and you may keep it.',
      ),
    ],
    keywords: ['reisepass', 'pass', 'passport', 'travel document', 'expresspass', 'kinderpass'],
    popularity: 85,
    locationIds: BOTH,
  },
  {
    id: 'kinderreisepass',
    leikaKey: null,
    name: t('Kinderreisepass (wird nicht mehr ausgestellt)', 'Child passport (no longer issued)'),
    shortDescription: t(
      'Seit dem 1. Januar 2024 gibt es keine neuen Kinderreisepässe mehr; Kinder erhalten einen Reisepass oder Personalausweis.',
      'No new child passports have been issued since 1 January 2024; children get a regular passport or identity card.',
    ),
    description: t(
      'Seit dem 1. Januar 2024 stellen Passbehörden keine Kinderreisepässe mehr aus. Vorhandene Kinderreisepässe dürfen nicht mehr verlängert oder aktualisiert werden, bleiben aber bis zum aufgedruckten Ablaufdatum gültig.\n\nFür Reisen innerhalb der EU und des Schengen-Raums genügt meist ein Personalausweis für das Kind. Für andere Ziele beantragen Sie einen regulären Reisepass; für Kinder unter 24 Jahren gilt er 6 Jahre.\n\nBitte beachten Sie die längere Herstellungszeit: Planen Sie mehrere Wochen ein oder wählen Sie das Expressverfahren. Einige Staaten akzeptieren den alten Kinderreisepass nicht oder nur mit Visum.',
      'Since 1 January 2024 passport authorities no longer issue child passports. Existing child passports can no longer be extended or updated, but they remain valid until the expiry date printed in them.\n\nFor travel within the EU and the Schengen area an identity card for the child is usually enough. For other destinations, apply for a regular passport; for anyone under 24 it is valid for 6 years.\n\nPlease allow for the longer production time: plan several weeks ahead or choose express processing. Some countries do not accept the old child passport, or only with a visa.',
    ),
    documents: [],
    fees: [],
    durationMinutes: 5,
    bookableOnline: false,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Buchen Sie für Ihr Kind einen Termin für den Reisepass oder den Personalausweis.',
        'Book an appointment for a passport or identity card for your child.',
      ),
      t(
        'Das Kind muss zur Antragstellung mitkommen; alle Sorgeberechtigten müssen zustimmen.',
        'The child must come to the appointment, and everyone with parental responsibility must consent.',
      ),
    ],
    keywords: [
      'kinderreisepass',
      'kinderpass',
      'kinderausweis',
      'child passport',
      'children passport',
      'kinder',
    ],
    popularity: 20,
    locationIds: BOTH,
  },
  {
    id: 'vorlaeufiger-personalausweis',
    leikaKey: null,
    name: t('Vorläufiger Personalausweis', 'Temporary identity card'),
    shortDescription: t(
      'Sofort ausgestelltes Ersatzdokument aus Papier, höchstens drei Monate gültig, etwa bis der neue Ausweis fertig ist.',
      'A paper document issued on the spot and valid for up to three months, for example until your new card is ready.',
    ),
    description: t(
      'Wenn Sie kurzfristig ein Ausweisdokument brauchen, zum Beispiel für eine Reise in ein EU-Land, stellen wir einen vorläufigen Personalausweis direkt bei Ihrem Termin aus. Er gilt höchstens drei Monate und hat keinen Chip.\n\nDer vorläufige Ausweis kann zusätzlich zum regulären Personalausweis beantragt werden. In diesem Fall fallen beide Gebühren an.',
      'If you need an ID document at short notice, for example for a trip to another EU country, we issue a temporary identity card during your appointment. It is valid for up to three months and has no chip.\n\nYou can apply for it in addition to a regular identity card. In that case both fees are charged.',
    ),
    documents: [DOC_CURRENT_ID, DOC_PHOTO, DOC_MINOR_CONSENT],
    fees: [fee('Vorläufiger Personalausweis', 'Temporary identity card', 1000, '§ 1 Abs. 2 PAuswGebV')],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Nicht jedes Land akzeptiert vorläufige Dokumente; prüfen Sie die Einreisebestimmungen.',
        'Not every country accepts temporary documents; check the entry rules.',
      ),
    ],
    keywords: ['vorläufiger ausweis', 'ersatzausweis', 'notausweis', 'temporary id', 'emergency id'],
    popularity: 30,
    locationIds: BOTH,
  },
  {
    id: 'vorlaeufiger-reisepass',
    leikaKey: null,
    name: t('Vorläufiger Reisepass', 'Temporary passport'),
    shortDescription: t(
      'Sofort ausgestellter Reisepass ohne Chip für dringende Reisen, höchstens ein Jahr gültig.',
      'A passport without a chip, issued on the spot for urgent travel and valid for up to one year.',
    ),
    description: t(
      'Wenn Sie dringend verreisen müssen und der reguläre Pass nicht rechtzeitig fertig wird, kann die Passbehörde einen vorläufigen Reisepass ausstellen. Sie erhalten ihn direkt am Termin.\n\nDer vorläufige Pass hat keinen Chip und gilt höchstens ein Jahr. Manche Staaten, etwa die USA, erlauben damit keine visumfreie Einreise. Klären Sie die Einreisebestimmungen vorher.',
      'If you have to travel urgently and a regular passport cannot be produced in time, the passport authority can issue a temporary passport. You receive it during your appointment.\n\nThe temporary passport has no chip and is valid for up to one year. Some countries, such as the USA, do not allow visa-free entry with it. Check the entry rules beforehand.',
    ),
    documents: [
      DOC_CURRENT_ID,
      DOC_PHOTO,
      DOC_MINOR_CONSENT,
      t(
        'Nachweis über die Dringlichkeit der Reise (z. B. Buchung)',
        'Proof that the trip is urgent (e.g. a booking)',
      ),
    ],
    fees: [fee('Vorläufiger Reisepass', 'Temporary passport', 2600, '§ 15 PassV')],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Oft ist ein regulärer Pass im Expressverfahren die bessere Wahl: Er ist nach wenigen Werktagen da und voll gültig.',
        'A regular passport with express processing is often the better choice: it arrives within a few working days and is fully valid.',
      ),
    ],
    keywords: ['vorläufiger reisepass', 'notpass', 'ersatzpass', 'temporary passport', 'emergency passport'],
    popularity: 15,
    locationIds: BOTH,
  },
  {
    id: 'eid-karte',
    leikaKey: null,
    name: t('eID-Karte für Bürgerinnen und Bürger der EU und des EWR', 'eID card for EU and EEA citizens'),
    shortDescription: t(
      'Chipkarte mit Online-Ausweisfunktion für Staatsangehörige anderer EU- und EWR-Staaten ab 16 Jahren.',
      'A chip card with the online ID function for citizens of other EU and EEA countries aged 16 and over.',
    ),
    description: t(
      'Mit der eID-Karte können sich Staatsangehörige anderer EU- und EWR-Staaten online ausweisen, zum Beispiel im Serviceportal der Stadt. Sie ist freiwillig und ab 16 Jahren erhältlich.\n\nDie Karte ist kein Reisedokument und ersetzt nicht Ihren Pass oder Ihre nationale Identitätskarte. Sie hat kein Lichtbild und gilt 10 Jahre.\n\nDeutsche, auch mit einer weiteren EU-Staatsangehörigkeit, erhalten keine eID-Karte; sie nutzen die Online-Ausweisfunktion des Personalausweises.',
      'With the eID card, citizens of other EU and EEA countries can prove their identity online, for example in the city service portal. It is voluntary and available from the age of 16.\n\nThe card is not a travel document and does not replace your passport or national identity card. It has no photo and is valid for 10 years.\n\nGerman citizens, including those who also hold another EU nationality, cannot get an eID card; they use the online ID function of the German identity card.',
    ),
    documents: [
      t(
        'Gültiger Pass oder gültige nationale Identitätskarte Ihres Herkunftsstaates',
        'Valid passport or national identity card of your home country',
      ),
    ],
    fees: [
      fee('eID-Karte', 'eID card', 3700, '§ 2 PAuswGebV'),
      fee(
        'Direktversand per Post statt Abholung (optional)',
        'Direct delivery by post instead of pickup (optional)',
        1500,
        'PAuswGebV',
      ),
    ],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [HINT_PIN_LETTER, HINT_STATUS],
    keywords: ['eid-karte', 'eid', 'unionsbürger', 'eu-bürger', 'online-ausweis', 'eid card', 'eu citizen'],
    popularity: 8,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'ausweis-abholung',
    leikaKey: null,
    name: t('Abholung eines Ausweisdokuments', 'Collect an ID document'),
    shortDescription: t(
      'Fertigen Personalausweis, Reisepass oder eine eID-Karte an der Information abholen: ohne Termin oder mit einem kurzen Termin.',
      'Collect your finished identity card, passport or eID card at the information desk: without an appointment or with a short one.',
    ),
    description: t(
      'Sobald Ihr neues Dokument eingetroffen ist, können Sie es ohne Termin an der Information abholen (Wartenummer am Kiosk) oder einen kurzen Abholtermin buchen. Ob es schon da ist, zeigt die Online-Statusabfrage.\n\nDas alte Dokument wird bei der Abholung entwertet. Die Online-Ausweisfunktion richten Sie danach selbst ein, mit der Transport-PIN aus dem PIN-Brief.\n\nSie können eine andere Person mit der Abholung beauftragen. Sie braucht eine schriftliche Vollmacht, ihren eigenen Ausweis und Ihr bisheriges Dokument.',
      'As soon as your new document has arrived, you can collect it at the information desk without an appointment (take a number at the kiosk) or book a short pickup appointment. The online status query shows whether it is ready.\n\nYour old document is invalidated when you collect the new one. Afterwards you set up the online ID function yourself, using the transport PIN from the PIN letter.\n\nYou can ask someone else to collect it for you. That person needs a written authorisation, their own ID and your previous document.',
    ),
    documents: [
      t('Bisheriges Ausweisdokument', 'Your previous ID document'),
      t('PIN-Brief (bei Personalausweis und eID-Karte)', 'PIN letter (for identity cards and eID cards)'),
      t(
        'Bei Abholung durch eine andere Person: schriftliche Vollmacht und deren Ausweis',
        'If someone else collects it: written authorisation and that person’s ID',
      ),
    ],
    fees: [],
    durationMinutes: 5,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      HINT_STATUS,
      t(
        'Nicht abgeholte Dokumente werden nach Ablauf einer Frist vernichtet; Sie erhalten vorher eine Erinnerung.',
        'Documents that are not collected are destroyed after a set period; you will receive a reminder first.',
      ),
    ],
    keywords: [
      'abholung',
      'abholen',
      'ausweis abholen',
      'pass abholen',
      'pickup',
      'collect id',
      'collect passport',
    ],
    popularity: 65,
    locationIds: BOTH,
  },
  {
    id: 'statusabfrage-ausweis',
    leikaKey: '99008001015000',
    name: t('Statusabfrage Ausweisdokument', 'ID document status query'),
    shortDescription: t(
      'Online prüfen, ob Ihr neuer Ausweis, Reisepass oder Ihre eID-Karte abholbereit ist.',
      'Check online whether your new identity card, passport or eID card is ready for pickup.',
    ),
    description: t(
      'Mit der Seriennummer Ihres neuen Dokuments sehen Sie jederzeit, ob es noch in Herstellung ist, abgeholt werden kann oder per Post verschickt wurde. Die Seriennummer hat neun Zeichen und steht auf Ihrer Antragsquittung.\n\nDie Abfrage zeigt nur den Bearbeitungsstand und den Abholort, keine persönlichen Daten. Ein Termin ist dafür nicht nötig.',
      'Using the serial number of your new document, you can see at any time whether it is still being produced, ready for pickup or has been sent by post. The serial number has nine characters and is printed on your application receipt.\n\nThe query shows only the processing status and the pickup location, no personal data. No appointment is needed.',
    ),
    documents: [
      t(
        'Seriennummer des neuen Dokuments (9 Zeichen, von der Antragsquittung)',
        'Serial number of the new document (9 characters, from the application receipt)',
      ),
    ],
    fees: [],
    durationMinutes: 5,
    bookableOnline: false,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'In Seriennummern kommt die Ziffer 0 vor, nie der Buchstabe O.',
        'Serial numbers contain the digit 0, never the letter O.',
      ),
    ],
    keywords: [
      'status',
      'statusabfrage',
      'ausweis fertig',
      'abholbereit',
      'id status',
      'is my passport ready',
    ],
    popularity: 70,
    locationIds: BOTH,
  },
  {
    id: 'verlustmeldung-ausweis',
    leikaKey: '99008001014000',
    name: t('Verlust eines Ausweisdokuments melden', 'Report a lost ID document'),
    shortDescription: t(
      'Verlorenen oder gestohlenen Personalausweis, Reisepass oder eine eID-Karte melden und sperren lassen.',
      'Report a lost or stolen identity card, passport or eID card and have it blocked.',
    ),
    description: t(
      'Den Verlust eines Personalausweises oder Reisepasses müssen Sie der Ausweisbehörde unverzüglich melden. Wir tragen das Dokument als abhanden gekommen ein, damit niemand es missbrauchen kann.\n\nDie Online-Ausweisfunktion können Sie rund um die Uhr über den Sperr-Notruf 116 116 sperren lassen. Bei einem Diebstahl erstatten Sie bitte zusätzlich Anzeige bei der Polizei.\n\nIm selben Termin können Sie ein neues Dokument und bei Bedarf einen vorläufigen Ausweis beantragen.',
      'You must report the loss of an identity card or passport to the ID authority without delay. We record the document as lost so that nobody can misuse it.\n\nYou can block the online ID function at any time by calling the blocking hotline 116 116. If the document was stolen, please also report it to the police.\n\nIn the same appointment you can apply for a new document and, if needed, a temporary one.',
    ),
    documents: [
      t(
        'Ein anderes Ausweisdokument, falls vorhanden (z. B. Reisepass oder Führerschein)',
        'Another ID document if you have one (e.g. passport or driving licence)',
      ),
      t(
        'Bei Diebstahl: Bescheinigung der Polizei über die Anzeige',
        'If stolen: the police report confirmation',
      ),
    ],
    fees: [],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Taucht das Dokument wieder auf, ist es ungültig; bringen Sie es bitte im Bürgeramt vorbei.',
        'If the document turns up again it is no longer valid; please bring it to the citizen office.',
      ),
      t(
        'Für das neue Dokument fallen die üblichen Gebühren an.',
        'The normal fees apply to the replacement document.',
      ),
    ],
    keywords: [
      'verlust',
      'verloren',
      'gestohlen',
      'diebstahl',
      'sperren',
      'lost id',
      'stolen passport',
      'lost',
    ],
    popularity: 25,
    locationIds: BOTH,
  },
  {
    id: 'anmeldung-ummeldung',
    leikaKey: null,
    name: t('Wohnsitz anmelden oder ummelden', 'Register or update your address'),
    shortDescription: t(
      'Nach einem Zuzug oder Umzug innerhalb der Stadt den Wohnsitz innerhalb von zwei Wochen anmelden.',
      'Register your home within two weeks after moving into the city or moving within it.',
    ),
    description: t(
      'Wer eine Wohnung bezieht, muss sich innerhalb von zwei Wochen nach dem Einzug bei der Meldebehörde anmelden (§ 17 Abs. 1 BMG). Das gilt für den Zuzug aus einer anderen Gemeinde ebenso wie für einen Umzug innerhalb der Stadt.\n\nDafür brauchen Sie die Wohnungsgeberbestätigung, die Ihnen der Vermieter oder die Vermieterin ausstellen muss (§ 19 BMG). Eine Person kann auch für die ganze Familie kommen, wenn sie die Ausweise aller Umziehenden dabei hat.\n\nWir aktualisieren die Anschrift auf Ihrem Personalausweis kostenlos per Aufkleber. Wer die Frist versäumt, handelt ordnungswidrig und riskiert ein Bußgeld.',
      'Anyone moving into a home must register with the registration office within two weeks of moving in (section 17(1) BMG). This applies to moving here from another municipality as well as to moving within the city.\n\nYou need the landlord confirmation (Wohnungsgeberbestätigung), which your landlord is obliged to give you (section 19 BMG). One person can register the whole family if they bring the ID documents of everyone who is moving.\n\nWe update the address on your identity card free of charge with a sticker. Missing the deadline is an administrative offence and may lead to a fine.',
    ),
    documents: [
      t(
        'Personalausweise oder Reisepässe aller umziehenden Personen',
        'Identity cards or passports of everyone who is moving',
      ),
      t(
        'Wohnungsgeberbestätigung, unterschrieben vom Vermieter oder der Vermieterin',
        'Landlord confirmation (Wohnungsgeberbestätigung), signed by the landlord',
      ),
      t(
        'Geburtsurkunden der Kinder, falls diese keinen Ausweis haben',
        'Birth certificates of children without an ID document',
      ),
      t(
        'Bei Vertretung: schriftliche Vollmacht und Ausweis der bevollmächtigten Person',
        'If someone registers on your behalf: written authorisation and their ID',
      ),
    ],
    fees: [],
    durationMinutes: 15,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Ist Ihr Auto im selben Kreis zugelassen, können wir im selben Termin die Anschrift im Fahrzeugschein ändern.',
        'If your car is registered in the same district, we can change the address in the vehicle registration certificate at the same appointment.',
      ),
      t(
        'Einige Behörden, etwa die Steuerverwaltung, erfahren die neue Anschrift automatisch. Bank, Versicherungen und Arbeitgeber informieren Sie selbst.',
        'Some authorities, such as the tax administration, receive the new address automatically. You need to inform your bank, insurers and employer yourself.',
      ),
    ],
    keywords: [
      'anmeldung',
      'ummeldung',
      'umzug',
      'wohnsitz',
      'wohnungsgeberbestätigung',
      'registration',
      'register address',
      'moving',
      'anmelden',
    ],
    popularity: 92,
    locationIds: BOTH,
  },
  {
    id: 'abmeldung',
    leikaKey: null,
    name: t('Wohnsitz abmelden', 'Deregister your address'),
    shortDescription: t(
      'Abmeldung bei Wegzug ins Ausland oder bei Aufgabe einer Nebenwohnung, innerhalb von zwei Wochen.',
      'Deregister within two weeks when you move abroad or give up a secondary residence.',
    ),
    description: t(
      'Abmelden müssen Sie sich nur, wenn Sie ins Ausland ziehen und keine Wohnung in Deutschland behalten oder wenn Sie eine Nebenwohnung aufgeben (§ 17 Abs. 2 BMG). Bei einem Umzug innerhalb Deutschlands genügt die Anmeldung am neuen Wohnort.\n\nDie Abmeldung ist innerhalb von zwei Wochen nach dem Auszug fällig und frühestens eine Woche vorher möglich. Sie können sie persönlich oder schriftlich erledigen und erhalten eine Abmeldebestätigung.',
      'You only need to deregister if you move abroad without keeping a home in Germany, or if you give up a secondary residence (section 17(2) BMG). If you move within Germany, registering at your new place of residence is enough.\n\nDeregistration is due within two weeks after moving out and is possible at the earliest one week before. You can do it in person or in writing, and you will receive a confirmation of deregistration.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t('Neue Anschrift im Ausland, falls bekannt', 'Your new address abroad, if known'),
      t(
        'Bei Vertretung: schriftliche Vollmacht und Ausweis der bevollmächtigten Person',
        'If someone deregisters on your behalf: written authorisation and their ID',
      ),
    ],
    fees: [],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Bewahren Sie die Abmeldebestätigung auf; Rentenversicherung, Krankenkasse oder Beitragsservice verlangen sie oft.',
        'Keep the confirmation of deregistration; the pension insurance, health insurer or broadcasting fee service often ask for it.',
      ),
    ],
    keywords: [
      'abmeldung',
      'abmelden',
      'wegzug',
      'ausland',
      'nebenwohnung',
      'deregistration',
      'moving abroad',
    ],
    popularity: 28,
    locationIds: BOTH,
  },
  {
    id: 'meldebescheinigung',
    leikaKey: null,
    name: t('Meldebescheinigung', 'Certificate of registration'),
    shortDescription: t(
      'Einfache oder erweiterte Bescheinigung über Ihre gemeldete Anschrift, elektronisch kostenlos online abrufbar.',
      'A simple or extended certificate of your registered address, free of charge online in electronic form.',
    ),
    description: t(
      'Die einfache Meldebescheinigung enthält Ihren Namen, die Vornamen, einen Doktorgrad, das Geburtsdatum und Ihre derzeitigen Anschriften (§ 18 Abs. 1 BMG). Für die erweiterte Bescheinigung wählen Sie weitere Angaben aus dem Melderegister, etwa Geburtsort, Staatsangehörigkeit, Einzugsdatum oder frühere Anschriften.\n\nIm Serviceportal erhalten Sie die Bescheinigung elektronisch und kostenlos (§ 18 Abs. 3 BMG). Sie melden sich dafür mit der Online-Ausweisfunktion an; die Daten aus dem Chip müssen genau mit dem Melderegister übereinstimmen.\n\nEine Bescheinigung auf Papier bekommen Sie im Bürgeramt oder per Post. Für bestimmte Zwecke, zum Beispiel Rentenangelegenheiten, kann sie gebührenfrei sein.',
      'The simple certificate shows your family name, first names, any doctoral degree, date of birth and current addresses (section 18(1) BMG). For the extended certificate you choose further data from the population register, such as place of birth, nationality, moving-in date or previous addresses.\n\nIn the service portal you receive the certificate electronically and free of charge (section 18(3) BMG). You log in with the online ID function; the data on the chip must match the register exactly.\n\nA paper certificate is available at the citizen office or by post. For certain purposes, such as pension matters, it may be free of charge.',
    ),
    documents: [
      t('Personalausweis, Reisepass oder eID-Karte', 'Identity card, passport or eID card'),
      t(
        'Für den Online-Antrag: Ausweis mit eingeschalteter Online-Ausweisfunktion und PIN',
        'For the online application: an ID document with the online ID function switched on, and your PIN',
      ),
      t(
        'Bei Vertretung: schriftliche Vollmacht und Ausweis der bevollmächtigten Person',
        'If someone applies on your behalf: written authorisation and their ID',
      ),
    ],
    fees: [
      fee(
        'Elektronische Meldebescheinigung über das Serviceportal',
        'Electronic certificate via the service portal',
        0,
        '§ 18 Abs. 3 BMG',
      ),
      fee(
        'Meldebescheinigung auf Papier (einfach oder erweitert)',
        'Paper certificate (simple or extended)',
        900,
        'AVerwGebO NRW, Tarifstelle 5.2',
      ),
    ],
    durationMinutes: 5,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: true,
    hints: [
      t(
        'Online geht es am schnellsten: Die elektronische Bescheinigung ist kostenlos und sofort verfügbar.',
        'Online is fastest: the electronic certificate is free and available immediately.',
      ),
      t(
        'Besteht eine Auskunftssperre, bearbeiten wir den Antrag persönlich im Bürgeramt.',
        'If an information block is recorded for you, we process the request in person at the citizen office.',
      ),
    ],
    keywords: [
      'meldebescheinigung',
      'meldebestätigung',
      'wohnsitzbescheinigung',
      'aufenthaltsbescheinigung',
      'certificate of registration',
      'proof of address',
      'residence certificate',
    ],
    popularity: 80,
    locationIds: BOTH,
  },
  {
    id: 'fuehrungszeugnis',
    leikaKey: null,
    name: t('Führungszeugnis beantragen', 'Apply for a certificate of good conduct'),
    shortDescription: t(
      'Auszug aus dem Bundeszentralregister für private Zwecke oder zur Vorlage bei einer Behörde, ab 14 Jahren.',
      'An extract from the Federal Central Criminal Register for private use or for an authority, from age 14.',
    ),
    description: t(
      'Das Führungszeugnis weist nach, ob im Bundeszentralregister Eintragungen über Sie bestehen (§ 30 BZRG). Sie können es ab 14 Jahren beantragen. Das private Führungszeugnis (Belegart N) wird Ihnen zugeschickt; das behördliche (Belegart O) geht direkt an die Behörde, deren Anschrift und Verwendungszweck Sie angeben.\n\nFür Tätigkeiten mit Kindern und Jugendlichen wird oft ein erweitertes Führungszeugnis verlangt (§ 30a BZRG). Dafür brauchen wir die schriftliche Bestätigung der Stelle, die es anfordert. Staatsangehörige anderer EU-Staaten erhalten auf Wunsch ein Europäisches Führungszeugnis.\n\nWir leiten den Antrag elektronisch an das Bundesamt für Justiz weiter, das das Zeugnis ausstellt. Mit der Online-Ausweisfunktion können Sie den Antrag auch online stellen.',
      'The certificate of good conduct shows whether there are entries about you in the Federal Central Criminal Register (section 30 BZRG). You can apply from the age of 14. The private certificate (type N) is sent to you; the certificate for an authority (type O) goes directly to the authority whose address and purpose you give us.\n\nFor work with children and young people an extended certificate is often required (section 30a BZRG). For this we need written confirmation from the organisation that asks for it. Citizens of other EU countries can request a European certificate of good conduct.\n\nWe forward the application electronically to the Federal Office of Justice, which issues the certificate. With the online ID function you can also apply online.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Für das erweiterte Führungszeugnis: schriftliche Bestätigung der anfordernden Stelle',
        'For the extended certificate: written confirmation from the requesting organisation',
      ),
      t(
        'Für die Belegart O: Anschrift der Behörde und Verwendungszweck bzw. Aktenzeichen',
        'For type O: the address of the authority and the purpose or reference number',
      ),
    ],
    fees: [fee('Führungszeugnis', 'Certificate of good conduct', 1300, 'JVKostG, Anlage Nr. 1130')],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: true,
    hints: [
      t(
        'Für ein Ehrenamt bei einer gemeinnützigen Einrichtung ist das Führungszeugnis gebührenfrei; bringen Sie eine Bestätigung der Einrichtung mit.',
        'For voluntary work at a non-profit organisation the certificate is free of charge; bring a confirmation from the organisation.',
      ),
      t(
        'Das Bundesamt für Justiz verschickt das Zeugnis in der Regel innerhalb von zwei Wochen.',
        'The Federal Office of Justice usually sends the certificate within two weeks.',
      ),
      t(
        'Eine Vertretung durch Bevollmächtigte ist nicht möglich; für Minderjährige beantragen es die gesetzlichen Vertreter.',
        'Authorised representatives cannot apply for you; for minors, their legal guardians apply.',
      ),
    ],
    keywords: [
      'führungszeugnis',
      'polizeiliches führungszeugnis',
      'erweitertes führungszeugnis',
      'certificate of good conduct',
      'criminal record',
      'police clearance',
    ],
    popularity: 75,
    locationIds: BOTH,
  },
  {
    id: 'gewerbezentralregister-auskunft',
    leikaKey: null,
    name: t('Auskunft aus dem Gewerbezentralregister', 'Extract from the Central Trade Register'),
    shortDescription: t(
      'Nachweis über gewerberechtliche Eintragungen, oft für Erlaubnisse oder öffentliche Aufträge verlangt.',
      'Proof of entries under trade law, often required for licences or public contracts.',
    ),
    description: t(
      'Das Gewerbezentralregister enthält Verwaltungsentscheidungen und Bußgelder im Zusammenhang mit einer gewerblichen Tätigkeit. Eine Auskunft daraus (§ 150 GewO) verlangen zum Beispiel Gewerbeämter bei Erlaubnissen oder Auftraggeber bei öffentlichen Ausschreibungen.\n\nWie beim Führungszeugnis gibt es die Auskunft zur privaten Verwendung oder zur direkten Vorlage bei einer Behörde. Wir leiten den Antrag an das Bundesamt für Justiz weiter.',
      'The Central Trade Register contains administrative decisions and fines related to business activities. An extract (section 150 GewO) is requested, for example, by trade offices for licences or by contracting bodies in public tenders.\n\nAs with the certificate of good conduct, the extract can be for private use or sent directly to an authority. We forward the application to the Federal Office of Justice.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Für die Vorlage bei einer Behörde: deren Anschrift und Aktenzeichen',
        'For submission to an authority: its address and reference number',
      ),
    ],
    fees: [
      fee(
        'Auskunft aus dem Gewerbezentralregister',
        'Extract from the Central Trade Register',
        1300,
        'JVKostG, Anlage Nr. 1132',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Für juristische Personen (z. B. GmbH) beantragt eine vertretungsberechtigte Person die Auskunft mit Handelsregisterauszug.',
        'For legal entities (e.g. a GmbH), an authorised representative applies and brings an extract from the commercial register.',
      ),
    ],
    keywords: [
      'gewerbezentralregister',
      'gzr',
      'gewerbeauskunft',
      'trade register',
      'business register extract',
    ],
    popularity: 18,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'beglaubigung',
    leikaKey: null,
    name: t(
      'Amtliche Beglaubigung von Kopien und Unterschriften',
      'Official certification of copies and signatures',
    ),
    shortDescription: t(
      'Kopien von Dokumenten oder Ihre Unterschrift amtlich beglaubigen lassen, wenn sie einer Behörde vorgelegt werden.',
      'Have copies of documents or your signature officially certified for submission to an authority.',
    ),
    description: t(
      'Wir beglaubigen Kopien, wenn das Original von einer deutschen Behörde stammt oder die Kopie bei einer Behörde vorgelegt werden soll (§ 33 VwVfG NRW). Bringen Sie immer das Original mit; die Kopien können Sie selbst mitbringen.\n\nEine Unterschrift beglaubigen wir, wenn Sie vor uns unterschreiben und das Schriftstück für eine Behörde bestimmt ist (§ 34 VwVfG NRW). Öffentliche Beglaubigungen, etwa für Grundbuch oder Handelsregister, nimmt nur ein Notar vor.\n\nPersonenstandsurkunden wie Geburts- oder Heiratsurkunden beglaubigen wir nicht; neue Ausfertigungen erhalten Sie beim Standesamt. Für Dokumente, die im Ausland verwendet werden sollen, ist oft zusätzlich eine Apostille oder Legalisation durch eine andere Stelle nötig.',
      'We certify copies if the original was issued by a German authority or if the copy is to be submitted to an authority (section 33 VwVfG NRW). Always bring the original; you may bring the copies yourself.\n\nWe certify a signature if you sign in front of us and the document is intended for an authority (section 34 VwVfG NRW). Public certifications, for example for the land register or the commercial register, are done only by a notary.\n\nWe do not certify civil status documents such as birth or marriage certificates; the registry office issues new originals. Documents for use abroad often also need an apostille or legalisation from another body.',
    ),
    documents: [
      t('Originaldokument', 'The original document'),
      t('Kopien, die beglaubigt werden sollen', 'The copies to be certified'),
      t(
        'Für Unterschriftsbeglaubigungen: Personalausweis oder Reisepass',
        'For signature certification: identity card or passport',
      ),
    ],
    fees: [
      fee(
        'Beglaubigung einer Kopie (erste Kopie eines Dokuments)',
        'Certified copy (first copy of a document)',
        500,
        '§ 33 VwVfG NRW; Verwaltungsgebührensatzung der Stadt',
      ),
      fee(
        'Jede weitere Kopie desselben Dokuments',
        'Each additional copy of the same document',
        250,
        '§ 33 VwVfG NRW; Verwaltungsgebührensatzung der Stadt',
      ),
      fee(
        'Beglaubigung einer Unterschrift',
        'Certification of a signature',
        400,
        '§ 34 VwVfG NRW; Verwaltungsgebührensatzung der Stadt',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Fragen Sie vorher, ob eine einfache Kopie genügt; viele Stellen verlangen keine Beglaubigung mehr.',
        'Ask beforehand whether a simple copy will do; many organisations no longer require certification.',
      ),
    ],
    keywords: [
      'beglaubigung',
      'beglaubigen',
      'kopie',
      'abschrift',
      'unterschrift',
      'certified copy',
      'certification',
    ],
    popularity: 45,
    locationIds: BOTH,
  },
  {
    id: 'haushaltsbescheinigung',
    leikaKey: null,
    name: t('Haushaltsbescheinigung', 'Household certificate'),
    shortDescription: t(
      'Bescheinigung, welche Personen mit Ihnen in derselben Wohnung gemeldet sind, etwa für Kindergeld oder Wohngeld.',
      'A certificate of who is registered with you at the same home, for example for child benefit or housing benefit.',
    ),
    description: t(
      'Die Haushaltsbescheinigung bestätigt, welche Personen unter Ihrer Anschrift gemeldet sind. Sie wird zum Beispiel von der Familienkasse, der Wohngeldstelle oder ausländischen Behörden verlangt.\n\nHaben Sie ein Formular der anfordernden Stelle, bringen Sie es mit; wir füllen es aus und bestätigen es. Für viele Sozialleistungen, etwa Wohngeld, ist die Bescheinigung gebührenfrei.',
      'The household certificate confirms which people are registered at your address. It is requested, for example, by the family benefits office, the housing benefit office or authorities abroad.\n\nIf the requesting office gave you a form, bring it along; we fill it in and confirm it. For many social benefits, such as housing benefit, the certificate is free of charge.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Formular der anfordernden Stelle, falls vorhanden',
        'The form from the requesting office, if you have one',
      ),
    ],
    fees: [
      fee(
        'Haushaltsbescheinigung, wenn keine Gebührenbefreiung gilt',
        'Household certificate, unless exempt from fees',
        900,
        'AVerwGebO NRW, Tarifstelle 5.2',
      ),
    ],
    durationMinutes: 5,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Sagen Sie uns, wofür Sie die Bescheinigung brauchen; davon hängt ab, ob eine Gebühr anfällt.',
        'Tell us what you need the certificate for; this determines whether a fee is charged.',
      ),
    ],
    keywords: [
      'haushaltsbescheinigung',
      'haushalt',
      'kindergeld',
      'wohngeld',
      'household certificate',
      'child benefit',
    ],
    popularity: 16,
    locationIds: BOTH,
  },
  {
    id: 'lebensbescheinigung',
    leikaKey: null,
    name: t('Lebensbescheinigung', 'Life certificate'),
    shortDescription: t(
      'Amtliche Bestätigung, dass Sie leben, zum Beispiel für eine Rente aus dem Ausland oder eine Versicherung.',
      'Official confirmation that you are alive, for example for a pension from abroad or an insurance company.',
    ),
    description: t(
      'Renten- und Versorgungsträger, besonders aus dem Ausland, verlangen regelmäßig einen Nachweis, dass die berechtigte Person noch lebt. Wir bestätigen dies auf dem Formular der jeweiligen Stelle.\n\nSie müssen dafür persönlich erscheinen. Für Renten- und Versorgungszwecke ist die Bescheinigung gebührenfrei.',
      'Pension and benefit providers, especially from abroad, regularly ask for proof that the entitled person is still alive. We confirm this on the form of the provider concerned.\n\nYou need to come in person. For pension and benefit purposes the certificate is free of charge.',
    ),
    documents: [
      t('Personalausweis, Reisepass oder Nationalpass', 'Identity card, German or national passport'),
      t('Formular des Renten- oder Versorgungsträgers', 'The form from the pension or benefit provider'),
    ],
    fees: [],
    durationMinutes: 5,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Achten Sie auf die Frist des Rententrägers; ohne rechtzeitigen Nachweis kann die Zahlung ausgesetzt werden.',
        'Watch the deadline set by the pension provider; without timely proof, payments may be suspended.',
      ),
    ],
    keywords: [
      'lebensbescheinigung',
      'lebensnachweis',
      'rente',
      'ausland',
      'life certificate',
      'proof of life',
      'pension',
    ],
    popularity: 11,
    locationIds: BOTH,
  },
  {
    id: 'bewohnerparkausweis',
    leikaKey: null,
    name: t('Bewohnerparkausweis', 'Residents’ parking permit'),
    shortDescription: t(
      'Parkausweis für Bewohnerinnen und Bewohner einer Bewohnerparkzone, ein Jahr gültig.',
      'A parking permit for residents of a residents’ parking zone, valid for one year.',
    ),
    description: t(
      'In ausgewiesenen Bewohnerparkzonen dürfen Sie mit dem Ausweis auf den gekennzeichneten Plätzen parken. Voraussetzung ist, dass Sie in der Zone gemeldet sind und das Fahrzeug auf Sie zugelassen ist oder Ihnen dauerhaft zur Nutzung überlassen wurde.\n\nDer Ausweis gilt ein Jahr und ist an das Kennzeichen gebunden. Er garantiert keinen freien Parkplatz. Seit 2022 legen die Städte in NRW die Gebühr selbst fest.',
      'In designated residents’ parking zones the permit lets you park in the marked spaces. You must be registered in the zone, and the vehicle must be registered to you or permanently provided for your use.\n\nThe permit is valid for one year and is tied to the licence plate. It does not guarantee a free space. Since 2022, cities in North Rhine-Westphalia set the fee themselves.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t('Zulassungsbescheinigung Teil I (Fahrzeugschein)', 'Vehicle registration certificate part I'),
      t(
        'Bei Firmen- oder Leihwagen: Bestätigung der Haltergesellschaft über die dauerhafte Überlassung',
        'For company or loan cars: confirmation from the owner that the car is permanently provided to you',
      ),
    ],
    fees: [
      fee(
        'Bewohnerparkausweis für ein Jahr',
        'Residents’ parking permit for one year',
        3000,
        '§ 6a StVG; Gebührenordnung der Stadt für Bewohnerparkausweise',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Nach einem Umzug oder Fahrzeugwechsel brauchen Sie einen neuen Ausweis.',
        'After moving or changing your vehicle you need a new permit.',
      ),
    ],
    keywords: [
      'bewohnerparkausweis',
      'anwohnerparkausweis',
      'parkausweis',
      'anwohnerparken',
      'parking permit',
      'residents parking',
    ],
    popularity: 35,
    locationIds: BOTH,
  },
  {
    id: 'fischereischein',
    leikaKey: null,
    name: t('Fischereischein (NRW)', 'Fishing licence (North Rhine-Westphalia)'),
    shortDescription: t(
      'Fischereischein für ein oder fünf Jahre nach bestandener Fischerprüfung, Jugendfischereischein ab 10 Jahren.',
      'A fishing licence for one or five years after passing the fishing exam; youth licence from age 10.',
    ),
    description: t(
      'Wer in Nordrhein-Westfalen angeln möchte, braucht einen Fischereischein und zusätzlich die Erlaubnis des Gewässerinhabers. Den Fischereischein erhalten Sie ab 14 Jahren, wenn Sie die Fischerprüfung bestanden haben. Er gilt für ein Kalenderjahr oder für fünf aufeinanderfolgende Kalenderjahre.\n\nKinder und Jugendliche von 10 bis 15 Jahren können ohne Prüfung einen Jugendfischereischein bekommen; sie dürfen dann nur in Begleitung einer Person mit Fischereischein angeln. Mit der Gebühr wird eine Fischereiabgabe in gleicher Höhe erhoben, die dem Land für die Förderung der Fischerei zufließt.',
      'To fish in North Rhine-Westphalia you need a fishing licence as well as permission from whoever holds the fishing rights. You can get the licence from the age of 14 once you have passed the fishing exam. It is valid for one calendar year or for five consecutive calendar years.\n\nChildren and young people aged 10 to 15 can get a youth fishing licence without an exam; they may then fish only when accompanied by a licence holder. Together with the fee, a fishing levy of the same amount is charged, which the state uses to support fisheries.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Zeugnis über die bestandene Fischerprüfung (beim ersten Antrag)',
        'Certificate of the passed fishing exam (first application)',
      ),
      t('Bisheriger Fischereischein, falls vorhanden', 'Your previous fishing licence, if any'),
      t('Ein aktuelles Passfoto', 'A recent passport photo'),
      t(
        'Für den Jugendfischereischein: Einverständnis eines Elternteils',
        'For the youth licence: consent of a parent',
      ),
    ],
    fees: [
      fee(
        'Jahresfischereischein (8 € Gebühr und 8 € Fischereiabgabe)',
        'One-year licence (EUR 8 fee plus EUR 8 fishing levy)',
        1600,
        'AVerwGebO NRW; Fischereiabgabe nach LFischG NRW',
      ),
      fee(
        'Fünfjahresfischereischein (24 € Gebühr und 24 € Fischereiabgabe)',
        'Five-year licence (EUR 24 fee plus EUR 24 fishing levy)',
        4800,
        'AVerwGebO NRW; Fischereiabgabe nach LFischG NRW',
      ),
      fee(
        'Jugendfischereischein (4 € Gebühr und 4 € Fischereiabgabe)',
        'Youth licence (EUR 4 fee plus EUR 4 fishing levy)',
        800,
        'AVerwGebO NRW; Fischereiabgabe nach LFischG NRW',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Der Fischereischein gilt jeweils bis zum 31. Dezember des letzten Gültigkeitsjahres; die Verlängerung erledigen Sie bei uns.',
        'The licence is valid until 31 December of its last year; you can renew it with us.',
      ),
      t(
        'Die Fischerprüfung legen Sie bei der unteren Fischereibehörde des Kreises ab, nicht im Bürgeramt.',
        'The fishing exam is taken at the district’s lower fisheries authority, not at the citizen office.',
      ),
    ],
    keywords: [
      'fischereischein',
      'angelschein',
      'angeln',
      'jugendfischereischein',
      'fishing licence',
      'fishing license',
    ],
    popularity: 10,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'fahrzeugschein-adressaenderung',
    leikaKey: null,
    name: t('Adressänderung im Fahrzeugschein', 'Address change in the vehicle registration certificate'),
    shortDescription: t(
      'Neue Anschrift in der Zulassungsbescheinigung Teil I eintragen lassen, ohne Gang zur Zulassungsstelle.',
      'Have your new address entered in the vehicle registration certificate part I without visiting the registration office.',
    ),
    description: t(
      'Nach einem Umzug müssen Sie der Zulassungsbehörde die neue Anschrift unverzüglich mitteilen (§ 15 FZV). Bleiben Sie im selben Kreis, erledigen wir das direkt im Bürgeramt, am besten gleich zusammen mit der Ummeldung.\n\nWir erfassen Kennzeichen und Nummer der Zulassungsbescheinigung, bringen einen Adressaufkleber an oder bestellen eine neue Bescheinigung und leiten die Änderung an die Zulassungsbehörde des Kreises weiter. Diese informiert das Kraftfahrt-Bundesamt, den Zoll für die Kfz-Steuer und Ihre Versicherung.\n\nDer Service gilt für Fahrzeuge von Privatpersonen. Ziehen Sie aus einem anderen Zulassungsbezirk zu, wenden Sie sich an die Zulassungsstelle des Kreises; Ihr Kennzeichen können Sie dabei behalten.',
      'After a move you must tell the vehicle registration authority your new address without delay (section 15 FZV). If you stay within the same district, we handle this at the citizen office, ideally together with your change of address.\n\nWe record the licence plate and the certificate number, attach an address sticker or order a new certificate, and forward the change to the district’s vehicle registration authority. It informs the Federal Motor Transport Authority, customs for the vehicle tax and your insurer.\n\nThe service is for vehicles owned by private individuals. If you move here from another registration district, please contact the district’s registration office; you can keep your licence plate.',
    ),
    documents: [
      t('Zulassungsbescheinigung Teil I (Fahrzeugschein)', 'Vehicle registration certificate part I'),
      t(
        'Personalausweis oder Reisepass mit der neuen Anschrift',
        'Identity card or passport showing the new address',
      ),
      t(
        'Bei Vertretung: schriftliche Vollmacht der Halterin oder des Halters und deren Ausweis',
        'If someone comes on your behalf: written authorisation from the vehicle owner and the owner’s ID',
      ),
    ],
    fees: [
      fee(
        'Änderung der Halteranschrift in der Zulassungsbescheinigung Teil I',
        'Change of the owner’s address in the registration certificate part I',
        1170,
        'GebOSt, Anlage 1 (Gebührentarif für Maßnahmen im Straßenverkehr)',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Melden Sie zuerst Ihren Wohnsitz um; die Anschrift im Fahrzeugschein muss zum Melderegister passen.',
        'Register your new address first; the address in the vehicle certificate must match the population register.',
      ),
    ],
    keywords: [
      'fahrzeugschein',
      'zulassungsbescheinigung',
      'kfz',
      'auto',
      'adressänderung',
      'ummeldung auto',
      'vehicle registration',
      'car address change',
    ],
    popularity: 40,
    locationIds: BOTH,
  },
  {
    id: 'briefwahl',
    leikaKey: null,
    name: t('Briefwahl (Wahlschein beantragen)', 'Postal voting (apply for a polling card)'),
    shortDescription: t(
      'Wahlschein und Briefwahlunterlagen beantragen oder im Briefwahlbüro direkt vor Ort wählen.',
      'Apply for a polling card and postal voting documents, or vote on the spot at the postal voting office.',
    ),
    description: t(
      'Bei Wahlen können Sie mit einem Wahlschein per Briefwahl abstimmen. Den Antrag stellen Sie online, schriftlich oder persönlich; ein telefonischer Antrag ist nicht möglich.\n\nIm Briefwahlbüro im Rathaus erhalten Sie die Unterlagen sofort und können gleich dort wählen. Der Service steht nur während der Vorbereitungszeit einer Wahl zur Verfügung.\n\nFür Bundestagswahlen ist der Antrag bis Freitag vor der Wahl um 18 Uhr möglich, bei plötzlicher Erkrankung bis zum Wahltag um 15 Uhr. Der Wahlbrief muss spätestens am Wahltag um 18 Uhr bei der zuständigen Stelle eingehen.',
      'In elections you can vote by post with a polling card. You can apply online, in writing or in person; applications by telephone are not possible.\n\nAt the postal voting office in the town hall you receive the documents immediately and can vote on the spot. This service is only available in the run-up to an election.\n\nFor federal elections you can apply until 6 pm on the Friday before election day, or until 3 pm on election day in case of sudden illness. Your ballot letter must reach the responsible office by 6 pm on election day.',
    ),
    documents: [
      t('Wahlbenachrichtigung, falls vorhanden', 'Your poll card notification, if you have it'),
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Bei Abholung für eine andere Person: schriftliche Vollmacht',
        'If collecting for someone else: written authorisation',
      ),
    ],
    fees: [],
    durationMinutes: 10,
    bookableOnline: false,
    walkIn: true,
    onlineApplication: true,
    hints: [
      t(
        'Planen Sie die Postlaufzeit ein und schicken Sie den Wahlbrief rechtzeitig ab.',
        'Allow time for the post and send your ballot letter early enough.',
      ),
    ],
    keywords: ['briefwahl', 'wahlschein', 'wahl', 'wählen', 'postal vote', 'absentee ballot', 'election'],
    popularity: 22,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'fundsachen',
    leikaKey: null,
    name: t('Fundsachen abgeben oder abholen', 'Hand in or claim lost property'),
    shortDescription: t(
      'Gefundene Gegenstände abgeben oder nachfragen, ob etwas, das Sie verloren haben, abgegeben wurde.',
      'Hand in items you have found, or ask whether something you lost has been handed in.',
    ),
    description: t(
      'Das Fundbüro nimmt Gegenstände an, die im Stadtgebiet gefunden wurden, und bewahrt sie auf. Wer etwas verloren hat, kann nachfragen und den Gegenstand nach Nachweis des Eigentums abholen.\n\nFinderinnen und Finder haben Anspruch auf Finderlohn: 5 Prozent vom Wert bis 500 Euro, darüber 3 Prozent (§ 971 BGB). Meldet sich niemand, können sie die Sache nach sechs Monaten erwerben (§ 973 BGB).\n\nGefundene Ausweise leiten wir an die ausstellende Behörde weiter. Funde in Bussen und Bahnen gehören zum Fundbüro des Verkehrsunternehmens.',
      'The lost property office accepts items found within the city and keeps them. If you have lost something you can ask, and collect the item once you have shown it is yours.\n\nFinders are entitled to a reward: 5 percent of the value up to 500 euros and 3 percent above that (section 971 BGB). If nobody claims the item, the finder can acquire it after six months (section 973 BGB).\n\nFound ID documents are passed on to the issuing authority. Items found on buses and trains belong to the transport company’s lost property office.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Beim Abholen: Nachweis des Eigentums, z. B. Schlüssel, Kaufbeleg oder genaue Beschreibung',
        'When claiming: proof of ownership, e.g. keys, receipt or an exact description',
      ),
    ],
    fees: [],
    durationMinutes: 10,
    bookableOnline: false,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Bei der Herausgabe können Gebühren und Auslagen nach der Gebührensatzung der Stadt anfallen.',
        'When an item is returned, fees and expenses may be charged under the city’s fee schedule.',
      ),
    ],
    keywords: [
      'fundsachen',
      'fundbüro',
      'gefunden',
      'verloren',
      'lost and found',
      'lost property',
      'found item',
    ],
    popularity: 14,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'uebermittlungssperre',
    leikaKey: null,
    name: t('Übermittlungssperre eintragen lassen', 'Object to data transfers (transfer block)'),
    shortDescription: t(
      'Der Weitergabe Ihrer Meldedaten an Parteien, Adressbuchverlage, die Bundeswehr und andere widersprechen.',
      'Object to your registration data being passed to political parties, directory publishers, the armed forces and others.',
    ),
    description: t(
      'Ohne Angabe von Gründen können Sie bestimmten Datenübermittlungen aus dem Melderegister widersprechen. Dazu gehören Auskünfte an Parteien vor Wahlen, die Veröffentlichung von Alters- und Ehejubiläen, Adressbuchverlage (§ 50 Abs. 5 BMG), die Übermittlung an die Bundeswehr zum Versand von Informationsmaterial (§ 36 Abs. 2 BMG) und an Religionsgesellschaften von Familienangehörigen (§ 42 Abs. 3 BMG).\n\nDie Sperre ist gebührenfrei und gilt, bis Sie sie widerrufen. Sie können sie persönlich oder schriftlich beantragen.',
      'Without giving reasons, you can object to certain transfers of data from the population register. These include information to political parties before elections, publication of birthday and wedding anniversaries, directory publishers (section 50(5) BMG), transfers to the armed forces for sending information material (section 36(2) BMG), and transfers to religious communities about family members (section 42(3) BMG).\n\nThe block is free of charge and remains in place until you withdraw it. You can apply in person or in writing.',
    ),
    documents: [t('Personalausweis oder Reisepass', 'Identity card or passport')],
    fees: [],
    durationMinutes: 5,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Dem Widerspruch gegen Ehejubiläen müssen beide Eheleute zustimmen.',
        'An objection to publishing a wedding anniversary must be made by both spouses.',
      ),
    ],
    keywords: [
      'übermittlungssperre',
      'widerspruch',
      'datenschutz',
      'werbung',
      'data protection',
      'opt out',
      'sperre',
    ],
    popularity: 12,
    locationIds: BOTH,
  },
  {
    id: 'auskunftssperre',
    leikaKey: null,
    name: t('Auskunftssperre im Melderegister', 'Information block in the population register'),
    shortDescription: t(
      'Sperre jeder Melderegisterauskunft, wenn Ihnen durch die Herausgabe Ihrer Anschrift Gefahr droht.',
      'A block on all register information if disclosing your address would put you at risk.',
    ),
    description: t(
      'Wenn Tatsachen die Annahme rechtfertigen, dass Ihnen oder einer anderen Person durch eine Melderegisterauskunft eine Gefahr für Leben, Gesundheit oder persönliche Freiheit droht, tragen wir eine Auskunftssperre ein (§ 51 BMG). Das betrifft zum Beispiel Betroffene von Stalking oder häuslicher Gewalt.\n\nSie müssen die Gefährdung glaubhaft machen, etwa mit einer Strafanzeige, einer gerichtlichen Schutzanordnung oder einer Bestätigung einer Beratungsstelle. Die Sperre gilt zwei Jahre und kann verlängert werden; sie ist gebührenfrei.',
      'If there are facts suggesting that information from the population register could endanger the life, health or personal freedom of you or another person, we record an information block (section 51 BMG). This applies, for example, to people affected by stalking or domestic violence.\n\nYou must show that the danger is credible, for example with a criminal complaint, a court protection order or a confirmation from a counselling centre. The block lasts two years, can be extended and is free of charge.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Nachweise über die Gefährdung (z. B. Strafanzeige, Schutzanordnung, Schreiben einer Beratungsstelle)',
        'Evidence of the danger (e.g. criminal complaint, protection order, letter from a counselling centre)',
      ),
    ],
    fees: [],
    durationMinutes: 20,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Beantragen Sie die Sperre am besten zusammen mit der Anmeldung der neuen Wohnung.',
        'Ideally, apply for the block together with registering your new home.',
      ),
      t(
        'Denken Sie rechtzeitig an die Verlängerung vor Ablauf der zwei Jahre.',
        'Remember to extend the block before the two years are up.',
      ),
    ],
    keywords: [
      'auskunftssperre',
      'sperrvermerk',
      'stalking',
      'gefährdung',
      'information block',
      'address protection',
    ],
    popularity: 5,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'melderegisterauskunft',
    leikaKey: null,
    name: t('Melderegisterauskunft', 'Information from the population register'),
    shortDescription: t(
      'Auskunft über Namen und Anschrift einer anderen Person, einfach oder bei berechtigtem Interesse erweitert.',
      'Information about another person’s name and address, simple or extended if you have a legitimate interest.',
    ),
    description: t(
      'Jede Person kann eine einfache Melderegisterauskunft über eine andere Person erhalten: Namen, Doktorgrad und derzeitige Anschriften (§ 44 BMG). Die gesuchte Person muss anhand Ihrer Angaben eindeutig bestimmbar sein. Für gewerbliche Zwecke müssen Sie den Zweck angeben; für Werbung oder Adresshandel gibt es nur mit Einwilligung Auskunft.\n\nEine erweiterte Auskunft mit weiteren Daten, etwa früheren Anschriften, erteilen wir nur bei einem glaubhaft gemachten berechtigten Interesse (§ 45 BMG). Liegt eine Auskunftssperre vor, wird keine Auskunft erteilt.',
      'Anyone can obtain simple information about another person from the population register: names, doctoral degree and current addresses (section 44 BMG). The person you are looking for must be clearly identifiable from the details you give. For commercial purposes you must state the purpose; information for advertising or address trading is given only with consent.\n\nExtended information with further data, such as previous addresses, is given only if you credibly show a legitimate interest (section 45 BMG). If an information block is recorded, no information is given.',
    ),
    documents: [
      t('Personalausweis oder Reisepass', 'Identity card or passport'),
      t(
        'Möglichst genaue Angaben zur gesuchten Person (Name, Geburtsdatum, letzte bekannte Anschrift)',
        'As many details as possible about the person (name, date of birth, last known address)',
      ),
      t(
        'Für die erweiterte Auskunft: Nachweis des berechtigten Interesses',
        'For extended information: proof of legitimate interest',
      ),
    ],
    fees: [
      fee(
        'Einfache Melderegisterauskunft je Person',
        'Simple register information per person',
        1100,
        'AVerwGebO NRW, Tarifstelle 5.1.1',
      ),
      fee(
        'Erweiterte Melderegisterauskunft je Person',
        'Extended register information per person',
        1500,
        'AVerwGebO NRW, Tarifstelle 5.1.2',
      ),
    ],
    durationMinutes: 10,
    bookableOnline: true,
    walkIn: true,
    onlineApplication: false,
    hints: [
      t(
        'Die Gebühr fällt auch an, wenn die Person nicht gefunden wird.',
        'The fee is also charged if the person cannot be found.',
      ),
    ],
    keywords: [
      'melderegisterauskunft',
      'meldeauskunft',
      'adresse ermitteln',
      'address search',
      'register information',
    ],
    popularity: 9,
    locationIds: RATHAUS_ONLY,
  },
  {
    id: 'befreiung-ausweispflicht',
    leikaKey: '99008002010000',
    name: t('Befreiung von der Ausweispflicht', 'Exemption from the obligation to hold an ID'),
    shortDescription: t(
      'Befreiung für Menschen, die dauerhaft im Pflegeheim leben oder sich wegen einer Behinderung nicht allein bewegen können.',
      'An exemption for people who live permanently in a care home or cannot move about alone because of a disability.',
    ),
    description: t(
      'Auf Antrag kann die Personalausweisbehörde Menschen von der Pflicht befreien, einen Ausweis zu besitzen (§ 1 Abs. 3 PAuswG). Das kommt in Frage, wenn für die Person eine rechtliche Betreuung besteht, sie voraussichtlich dauerhaft in einem Krankenhaus oder Pflegeheim lebt oder sich wegen einer dauerhaften Behinderung nicht allein in der Öffentlichkeit bewegen kann.\n\nDen Antrag können Angehörige oder rechtliche Betreuer stellen. Die Befreiung ist gebührenfrei.',
      'On application, the ID authority can exempt people from the obligation to hold an ID document (section 1(3) PAuswG). This may apply if a court has appointed a legal guardian (Betreuer) for the person, is expected to live permanently in a hospital or care home, or cannot move about in public alone because of a permanent disability.\n\nRelatives or legal guardians can apply on the person’s behalf. The exemption is free of charge.',
    ),
    documents: [
      t(
        'Letztes Ausweisdokument der betroffenen Person, falls vorhanden',
        'The person’s last ID document, if any',
      ),
      t(
        'Nachweis, z. B. ärztliches Attest, Bestätigung des Pflegeheims oder Betreuerausweis',
        'Evidence, e.g. a medical certificate, confirmation from the care home or the guardian’s certificate',
      ),
      t('Ausweis der antragstellenden Person', 'ID of the person applying'),
    ],
    fees: [],
    durationMinutes: 20,
    bookableOnline: true,
    walkIn: false,
    onlineApplication: false,
    hints: [
      t(
        'Ohne Ausweis lassen sich manche Angelegenheiten (z. B. bei Bank oder Notar) schwerer erledigen; ein gültiger Ausweis kann trotzdem sinnvoll sein.',
        'Without an ID some matters (e.g. at a bank or notary) are harder to arrange; a valid ID may still be useful.',
      ),
    ],
    keywords: ['befreiung', 'ausweispflicht', 'pflegeheim', 'betreuung', 'exemption', 'care home'],
    popularity: 4,
    locationIds: RATHAUS_ONLY,
  },
];
