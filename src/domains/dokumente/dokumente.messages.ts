import { defineMessages } from '../../platform/i18n/i18n.js';
import type { DocumentStatus } from './dokumente.tables.js';

/** Texts of the citizen pages about ID documents: the status query and the sign-up for the ready e-mail. */
export const dokumenteMessages = defineMessages({
  de: {
    // Status query
    statusTitle: 'Ausweisstatus abfragen',
    statusLead:
      'Ist Ihr neuer Personalausweis, Reisepass oder Ihre eID-Karte schon da? Geben Sie die Seriennummer des neuen Dokuments ein. Sie steht auf Ihrer Antragsquittung (Abholschein).',
    serialLabel: 'Seriennummer des neuen Dokuments',
    serialHint:
      '9 Zeichen, zum Beispiel L01X 7K4P2. Groß- und Kleinschreibung und Leerzeichen spielen keine Rolle; statt des Buchstabens O lesen wir die Ziffer 0.',
    serialRequired: 'Bitte geben Sie die Seriennummer ein.',
    submitStatus: 'Status abfragen',
    privacyNote:
      'Die Abfrage zeigt nur den Bearbeitungsstand und den Abholort, nie persönliche Daten. Ihre Eingabe wird nicht gespeichert.',
    resultHeading: 'Ergebnis',
    resultFor: 'Seriennummer {serial}',
    documentTypeLabel: 'Dokument',
    statusLabel: 'Status',
    updatedLabel: 'Stand',
    updatedValue: '{date}, {time} Uhr',
    unknownTitle: 'Keine Auskunft zu dieser Nummer',
    unknownText:
      'Zu der Seriennummer „{serial}“ können wir Ihnen keinen Status anzeigen. Bitte prüfen Sie die Nummer auf Ihrer Antragsquittung: Sie hat 9 Zeichen, Ziffern und Großbuchstaben.',
    unknownRecent:
      'Wenn Sie Ihr Dokument erst vor kurzem beantragt haben, kann es einige Tage dauern, bis es hier erscheint. Bei Fragen hilft Ihnen Ihr Bürgeramt weiter.',
    // Explanations per status
    explain_in_bearbeitung:
      'Ihr Dokument wird bei der Bundesdruckerei hergestellt. Das dauert in der Regel drei bis vier Wochen. Sobald es bei uns eingetroffen ist, zeigt diese Seite „Abholbereit“.',
    explain_bereit_zur_abholung:
      'Ihr Dokument ist da und liegt zur Abholung bereit. Bitte holen Sie es persönlich ab oder lassen Sie es von einer bevollmächtigten Person abholen.',
    explain_ausgehaendigt: 'Ihr Dokument wurde bereits ausgehändigt.',
    explain_in_direktversand:
      'Ihr Dokument ist auf dem Postweg zu Ihnen (Direktversand). Sie müssen es nicht abholen.',
    explain_direktversand_zugestellt: 'Ihr Dokument wurde per Post zugestellt.',
    explain_direktversand_fehlgeschlagen:
      'Die Zustellung per Post hat nicht geklappt. Das Dokument geht an Ihr Bürgeramt zurück; bitte melden Sie sich dort.',
    explain_ungueltig:
      'Das Dokument wurde für ungültig erklärt und kann nicht ausgehändigt werden. Bitte wenden Sie sich an Ihr Bürgeramt.',
    explain_vernichtet:
      'Das Dokument wurde nicht innerhalb der Frist abgeholt und ist vernichtet worden. Wenn Sie ein Dokument brauchen, beantragen Sie bitte ein neues.',
    // Pickup place
    pickupHeading: 'Abholort',
    contactHeading: 'Ihr Bürgeramt',
    addressLabel: 'Adresse',
    phoneLabel: 'Telefon',
    locationLink: 'Alles zu {name}: Anfahrt, Barrierefreiheit, die nächsten Tage',
    noticesIntro: 'Feiertage, Schließungen und besondere Öffnungszeiten in den nächsten Wochen:',
    // What to bring
    bringHeading: 'Das bringen Sie zur Abholung mit',
    bringOldDocument:
      'Ihr bisheriges Ausweisdokument, falls Sie eines haben (es wird bei der Abholung entwertet)',
    bringPinLetter: 'den PIN-Brief der Bundesdruckerei, den Sie per Post bekommen haben',
    bringAuthorisedIntro: 'Holt eine andere Person das Dokument für Sie ab, braucht sie:',
    bringAuthorisation: 'eine schriftliche, von Ihnen unterschriebene Vollmacht',
    bringOwnId: 'ihren eigenen gültigen Ausweis oder Reisepass',
    bringYourOldDocument: 'Ihr bisheriges Ausweisdokument, falls Sie eines haben',
    bringYourPinLetter: 'Ihren PIN-Brief',
    // Appointment
    appointmentHeading: 'Termin zur Abholung',
    appointmentText: 'Mit einem Termin müssen Sie nicht warten.',
    appointmentLink: 'Termin zur Abholung buchen',
    walkInText: 'Für die Abholung brauchen Sie keinen Termin: Kommen Sie während der Öffnungszeiten vorbei.',
    serviceLink: 'Mehr zur Abholung eines Ausweisdokuments',
    // Sign-up teaser
    notifyHeading: 'Benachrichtigung per E-Mail',
    notifyText:
      'Mit dem Code von Ihrem Abholschein können Sie sich per E-Mail benachrichtigen lassen, sobald Ihr Dokument abholbereit ist.',
    notifyLink: 'Benachrichtigung einrichten',
    // Sign-up
    signupTitle: 'Benachrichtigung, wenn Ihr Dokument abholbereit ist',
    signupLead:
      'Wir schreiben Ihnen eine E-Mail, sobald Ihr neues Dokument zur Abholung bereitliegt. Sie brauchen dazu die Seriennummer und den Code von Ihrem Abholschein.',
    codeLabel: 'Code vom Abholschein',
    codeHint: '8 Zeichen, zum Beispiel K7MQ-4XTA.',
    codeRequired: 'Bitte geben Sie den Code von Ihrem Abholschein ein.',
    emailLabel: 'E-Mail-Adresse',
    emailHint: 'An diese Adresse schicken wir die Nachricht.',
    privacyTitle: 'Datenschutz',
    privacyPurpose:
      'Wir verwenden Ihre E-Mail-Adresse nur für diese eine Nachricht und löschen sie, sobald die Nachricht verschickt oder das Dokument abgeholt ist.',
    privacyMore: 'Datenschutzerklärung',
    consentLabel: 'Ich willige ein, dass meine E-Mail-Adresse für diese Benachrichtigung gespeichert wird.',
    consentRequired: 'Ohne Ihre Einwilligung können wir Sie nicht benachrichtigen.',
    signupSubmit: 'Benachrichtigung einrichten',
    sentTitle: 'Vielen Dank',
    sentText:
      'Wenn die Seriennummer und der Code zu einem Dokument passen, das noch nicht abgeholt ist, schreiben wir Ihnen eine E-Mail, sobald es abholbereit ist.',
    sentNoMail:
      'Kommt keine Nachricht, prüfen Sie bitte die Angaben auf Ihrem Abholschein, oder sehen Sie in der Statusabfrage nach.',
    backToStatus: 'Zur Statusabfrage',
  },
  en: {
    statusTitle: 'Check the status of your ID document',
    statusLead:
      'Is your new identity card, passport or eID card ready? Enter the serial number of the new document. You will find it on your application receipt (pickup slip).',
    serialLabel: 'Serial number of the new document',
    serialHint:
      '9 characters, for example L01X 7K4P2. Upper or lower case and spaces do not matter; a letter O is read as the digit 0.',
    serialRequired: 'Please enter the serial number.',
    submitStatus: 'Check status',
    privacyNote:
      'The query shows only the processing status and the pickup place, never any personal data. What you enter is not stored.',
    resultHeading: 'Result',
    resultFor: 'Serial number {serial}',
    documentTypeLabel: 'Document',
    statusLabel: 'Status',
    updatedLabel: 'Last updated',
    updatedValue: '{date}, {time}',
    unknownTitle: 'No information for this number',
    unknownText:
      'We cannot show a status for the serial number "{serial}". Please check the number on your application receipt: it has 9 characters, digits and capital letters.',
    unknownRecent:
      'If you applied only recently, it may take a few days until your document appears here. Your citizen office can help with any questions.',
    explain_in_bearbeitung:
      'Your document is being produced by the Federal Printing Office (Bundesdruckerei). This usually takes three to four weeks. As soon as it has arrived, this page shows "Ready for pickup".',
    explain_bereit_zur_abholung:
      'Your document has arrived and is ready for pickup. Please collect it in person or send someone you have authorised.',
    explain_ausgehaendigt: 'Your document has already been handed over.',
    explain_in_direktversand:
      'Your document is on its way to you by post (direct delivery). You do not need to collect it.',
    explain_direktversand_zugestellt: 'Your document has been delivered by post.',
    explain_direktversand_fehlgeschlagen:
      'Delivery by post did not work. The document is being returned to your citizen office; please contact them.',
    explain_ungueltig:
      'The document has been declared invalid and cannot be handed over. Please contact your citizen office.',
    explain_vernichtet:
      'The document was not collected in time and has been destroyed. If you need a document, please apply for a new one.',
    pickupHeading: 'Pickup place',
    contactHeading: 'Your citizen office',
    addressLabel: 'Address',
    phoneLabel: 'Phone',
    locationLink: 'All about {name}: directions, accessibility, the coming days',
    noticesIntro: 'Public holidays, closures and special opening hours in the coming weeks:',
    bringHeading: 'What to bring for pickup',
    bringOldDocument: 'your previous ID document, if you have one (it is invalidated at pickup)',
    bringPinLetter: 'the PIN letter from the Federal Printing Office that you received by post',
    bringAuthorisedIntro: 'If someone else collects the document for you, that person needs:',
    bringAuthorisation: 'a written authorisation signed by you',
    bringOwnId: 'their own valid identity card or passport',
    bringYourOldDocument: 'your previous ID document, if you have one',
    bringYourPinLetter: 'your PIN letter',
    appointmentHeading: 'Appointment for pickup',
    appointmentText: 'With an appointment you do not have to wait.',
    appointmentLink: 'Book an appointment for pickup',
    walkInText: 'You do not need an appointment for pickup: just come during opening hours.',
    serviceLink: 'More about collecting an ID document',
    notifyHeading: 'Notification by e-mail',
    notifyText:
      'With the code from your pickup slip you can ask for an e-mail as soon as your document is ready for pickup.',
    notifyLink: 'Set up the notification',
    signupTitle: 'Notification when your document is ready',
    signupLead:
      'We will send you an e-mail as soon as your new document is ready for pickup. You need the serial number and the code from your pickup slip.',
    codeLabel: 'Code from the pickup slip',
    codeHint: '8 characters, for example K7MQ-4XTA.',
    codeRequired: 'Please enter the code from your pickup slip.',
    emailLabel: 'E-mail address',
    emailHint: 'We will send the message to this address.',
    privacyTitle: 'Data protection',
    privacyPurpose:
      'We use your e-mail address only for this one message and delete it as soon as the message has been sent or the document has been collected.',
    privacyMore: 'Privacy policy',
    consentLabel: 'I agree that my e-mail address is stored for this notification.',
    consentRequired: 'Without your consent we cannot notify you.',
    signupSubmit: 'Set up the notification',
    sentTitle: 'Thank you',
    sentText:
      'If the serial number and the code match a document that has not been collected yet, we will send you an e-mail as soon as it is ready for pickup.',
    sentNoMail:
      'If no message arrives, please check the details on your pickup slip, or look at the status query.',
    backToStatus: 'Back to the status query',
  },
});

export type DokumenteMessageKey = Parameters<ReturnType<typeof dokumenteMessages>>[0];

/** The explanation of a status for citizens. */
export const explainKey = (status: DocumentStatus): DokumenteMessageKey => `explain_${status}`;
