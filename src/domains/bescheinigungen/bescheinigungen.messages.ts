import { defineMessages } from '../../platform/i18n/i18n.js';

/** Texts of the public verification page /pruefen. */
export const bescheinigungenMessages = defineMessages({
  de: {
    verifyTitle: 'Bescheinigung prüfen',
    verifyLead:
      'Hier prüfen Sie, ob eine elektronisch ausgestellte Bescheinigung der Stadt {city} echt und noch gültig ist, zum Beispiel eine Meldebescheinigung, die Ihnen vorgelegt wurde.',
    verifyHow:
      'Geben Sie den Prüfcode ein, der unten auf der Bescheinigung steht, oder scannen Sie den QR-Code daneben: Er öffnet diese Seite mit dem Ergebnis.',
    codeLabel: 'Prüfcode',
    codeHint:
      '16 Zeichen, zum Beispiel K7Q2-M9XD-4HRT-0PWS. Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.',
    codeRequired: 'Bitte geben Sie den Prüfcode von der Bescheinigung ein.',
    submit: 'Prüfen',
    resultHeading: 'Ergebnis',
    resultFor: 'Ergebnis für den Prüfcode {code}',
    genuineTitle: 'Echt',
    genuineText:
      'Diese Bescheinigung wurde von {issuer} ausgestellt und ist unverändert. Vergleichen Sie die Angaben unten mit dem Dokument, das Ihnen vorliegt: Nur wenn sie übereinstimmen, ist das Dokument echt.',
    revokedTitle: 'Widerrufen am {date}',
    revokedText:
      'Diese Bescheinigung wurde von der ausstellenden Behörde widerrufen und ist nicht mehr gültig. Die Angaben unten dienen nur dem Vergleich.',
    unknownTitle: 'Nicht echt oder unbekannt',
    unknownText:
      'Zu diesem Prüfcode ist keine gültige Bescheinigung bekannt. Bitte prüfen Sie, ob Sie den Code richtig eingegeben haben. Stimmt der Code, ist das Dokument nicht echt oder wurde verändert.',
    unknownContact: 'Bei Fragen wenden Sie sich an: {authority}, {phone}, {email}.',
    documentHeading: 'Angaben zur Bescheinigung',
    titleLabel: 'Bescheinigung',
    issuedLabel: 'Ausgestellt am',
    caseLabel: 'Vorgangsnummer',
    issuerLabel: 'Ausstellende Behörde',
    codeShownLabel: 'Prüfcode',
    purposeLabel: 'Zur Vorlage bei',
    statusLabel: 'Status',
    statusGenuine: 'Gültig',
    statusRevoked: 'Widerrufen am {date}, nicht mehr gültig',
    fieldsCaption: 'Bescheinigte Angaben',
    fieldsCaptionRevoked: 'Bescheinigte Angaben (widerrufen, nicht mehr gültig)',
    fieldLabel: 'Angabe',
    fieldValue: 'Inhalt',
    fieldsLanguage: 'Die Angaben stehen hier so, wie sie auf der Bescheinigung gedruckt sind.',
    privacyNote:
      'Die Prüfung zeigt nur, was auf der Bescheinigung selbst steht. Die Anzahl der Abfragen je Anschluss ist begrenzt.',
  },
  en: {
    verifyTitle: 'Verify a certificate',
    verifyLead:
      'Check here whether a certificate issued electronically by the city of {city} is genuine and still valid, for example a certificate of registration that has been shown to you.',
    verifyHow:
      'Enter the verification code printed at the bottom of the certificate, or scan the QR code next to it: it opens this page with the result.',
    codeLabel: 'Verification code',
    codeHint:
      '16 characters, for example K7Q2-M9XD-4HRT-0PWS. Upper or lower case, spaces and hyphens do not matter.',
    codeRequired: 'Please enter the verification code from the certificate.',
    submit: 'Verify',
    resultHeading: 'Result',
    resultFor: 'Result for the verification code {code}',
    genuineTitle: 'Genuine',
    genuineText:
      'This certificate was issued by {issuer} and has not been changed. Compare the details below with the document in front of you: the document is genuine only if they match.',
    revokedTitle: 'Revoked on {date}',
    revokedText:
      'This certificate has been revoked by the issuing authority and is no longer valid. The details below are shown for comparison only.',
    unknownTitle: 'Not genuine or unknown',
    unknownText:
      'No valid certificate is known for this verification code. Please check that you entered the code correctly. If the code is right, the document is not genuine or has been altered.',
    unknownContact: 'If you have questions, contact: {authority}, {phone}, {email}.',
    documentHeading: 'About the certificate',
    titleLabel: 'Certificate',
    issuedLabel: 'Issued on',
    caseLabel: 'Case number',
    issuerLabel: 'Issuing authority',
    codeShownLabel: 'Verification code',
    purposeLabel: 'To be presented to',
    statusLabel: 'Status',
    statusGenuine: 'Valid',
    statusRevoked: 'Revoked on {date}, no longer valid',
    fieldsCaption: 'Certified details',
    fieldsCaptionRevoked: 'Certified details (revoked, no longer valid)',
    fieldLabel: 'Item',
    fieldValue: 'Content',
    fieldsLanguage: 'The details are shown in German, exactly as printed on the certificate.',
    privacyNote:
      'The check shows only what is printed on the certificate itself. The number of checks per connection is limited.',
  },
});
