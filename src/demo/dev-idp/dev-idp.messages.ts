import { defineMessages } from '../../platform/i18n/i18n.js';

export const devIdpMessages = defineMessages({
  de: {
    siteName: 'Demo-Identitätsanbieter',
    siteNote: 'Nur für die Demo: steht an der Stelle von BundID. Alle Personen sind erfunden.',
    skipLink: 'Zum Inhalt springen',
    levelNORMAL: 'Vertrauensniveau normal',
    levelSUBSTANTIELL: 'Vertrauensniveau substanziell (ELSTER-Zertifikat)',
    levelHOCH: 'Vertrauensniveau hoch (Online-Ausweis)',

    personTitle: 'Mit der Online-Ausweisfunktion anmelden',
    personIntro:
      'Das Serviceportal möchte Sie mit Ihrem Personalausweis anmelden. In dieser Demo legen Sie keinen Ausweis auf, sondern wählen eine Testperson.',
    personLegend: 'Testperson',
    personContinue: 'Weiter',
    cancel: 'Anmeldung abbrechen',

    pinTitle: 'PIN eingeben',
    pinIntro:
      'Die AusweisApp hat den Ausweis von {name} erkannt. Geben Sie die 6-stellige PIN ein, um Ihre Daten an das Serviceportal zu übermitteln.',
    pinElster:
      'Diese Testperson meldet sich mit einem ELSTER-Zertifikat an; in der Demo gilt dafür dieselbe PIN.',
    pinDemo: 'Demo-PIN: 123456',
    pinLabel: 'PIN (6 Ziffern)',
    pinTries: 'Verbleibende Versuche: {tries}',
    pinSubmit: 'Anmelden',
    pinOtherPerson: 'Andere Testperson wählen',
    pinRequired: 'Bitte geben Sie Ihre PIN ein.',
    pinFormat: 'Die PIN besteht aus genau 6 Ziffern.',
    pinWrong: 'Die PIN ist falsch. Sie haben noch {tries} Versuch(e).',
    pinBlockedTitle: 'PIN gesperrt',
    pinBlockedText:
      'Die PIN wurde dreimal falsch eingegeben. Bei einem echten Ausweis entsperren Sie sie mit der PUK aus dem PIN-Brief. In der Demo können Sie eine andere Testperson wählen oder die Anmeldung abbrechen.',
    summaryTitle: 'Es gibt ein Problem',

    expiredTitle: 'Anmeldung abgelaufen',
    expiredText:
      'Diese Anmeldung ist abgelaufen oder schon abgeschlossen. Bitte starten Sie die Anmeldung im Serviceportal noch einmal.',
    backToPortal: 'Zum Serviceportal',

    logoutTitle: 'Abmelden',
    logoutText:
      'Möchten Sie sich beim Identitätsanbieter abmelden? Danach fragt die nächste Anmeldung wieder nach Ihrem Ausweis.',
    logoutConfirm: 'Abmelden',
    loggedOutTitle: 'Sie sind abgemeldet',
    loggedOutText: 'Sie sind beim Identitätsanbieter abgemeldet.',
    errorTitle: 'Fehler bei der Anmeldung',
    errorText: 'Der Identitätsanbieter konnte die Anfrage nicht bearbeiten.',
    errorCode: 'Fehlercode: {code}',
  },
  en: {
    siteName: 'Demo identity provider',
    siteNote: 'Demo only: stands in for BundID. All people are made up.',
    skipLink: 'Skip to content',
    levelNORMAL: 'Trust level normal',
    levelSUBSTANTIELL: 'Trust level substantial (ELSTER certificate)',
    levelHOCH: 'Trust level high (online ID)',

    personTitle: 'Log in with the online ID function',
    personIntro:
      'The service portal wants to log you in with your ID card. In this demo you do not place a card on the reader; you choose a test person.',
    personLegend: 'Test person',
    personContinue: 'Continue',
    cancel: 'Cancel log-in',

    pinTitle: 'Enter PIN',
    pinIntro:
      'The AusweisApp has recognised the ID card of {name}. Enter the 6-digit PIN to send your data to the service portal.',
    pinElster: 'This test person logs in with an ELSTER certificate; in the demo the same PIN applies.',
    pinDemo: 'Demo PIN: 123456',
    pinLabel: 'PIN (6 digits)',
    pinTries: 'Tries left: {tries}',
    pinSubmit: 'Log in',
    pinOtherPerson: 'Choose another test person',
    pinRequired: 'Please enter your PIN.',
    pinFormat: 'The PIN has exactly 6 digits.',
    pinWrong: 'The PIN is wrong. You have {tries} more try/tries.',
    pinBlockedTitle: 'PIN blocked',
    pinBlockedText:
      'The PIN was entered wrongly three times. With a real ID card you unblock it with the PUK from the PIN letter. In the demo you can choose another test person or cancel the log-in.',
    summaryTitle: 'There is a problem',

    expiredTitle: 'Log-in expired',
    expiredText:
      'This log-in has expired or is already complete. Please start the log-in at the service portal again.',
    backToPortal: 'Go to the service portal',

    logoutTitle: 'Log out',
    logoutText:
      'Do you want to log out of the identity provider? The next log-in will ask for your ID card again.',
    logoutConfirm: 'Log out',
    loggedOutTitle: 'You are logged out',
    loggedOutText: 'You are logged out of the identity provider.',
    errorTitle: 'Log-in error',
    errorText: 'The identity provider could not process the request.',
    errorCode: 'Error code: {code}',
  },
});
