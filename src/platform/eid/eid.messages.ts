import { defineMessages } from '../i18n/i18n.js';

export const eidMessages = defineMessages({
  de: {
    loggedInAs: 'Angemeldet als',
    logout: 'Abmelden',
    levelNORMAL: 'normal',
    levelSUBSTANTIELL: 'substanziell',
    levelHOCH: 'hoch',
    home: 'Zur Startseite',
    tryAgain: 'Erneut anmelden',
    bookAppointment: 'Termin im Bürgeramt vereinbaren',

    notConfiguredTitle: 'Anmeldung zurzeit nicht möglich',
    notConfiguredText:
      'Die Anmeldung mit der Online-Ausweisfunktion ist für dieses Serviceportal noch nicht eingerichtet. Ihre Anliegen können Sie weiterhin im Bürgeramt erledigen.',

    cancelledTitle: 'Anmeldung abgebrochen',
    cancelledText:
      'Sie haben die Anmeldung abgebrochen. Es wurden keine Daten übermittelt. Sie können es jederzeit noch einmal versuchen.',
    refusedTitle: 'Anmeldung nicht gelungen',
    refusedText:
      'Der Identitätsanbieter hat die Anmeldung nicht bestätigt (Fehlercode: {code}). Bitte versuchen Sie es noch einmal.',
    expiredTitle: 'Anmeldung abgelaufen',
    expiredText:
      'Die Anmeldung hat zu lange gedauert oder wurde in einem anderen Browserfenster begonnen. Bitte starten Sie die Anmeldung noch einmal.',
    invalidTitle: 'Anmeldung ungültig',
    invalidText:
      'Die Antwort des Identitätsanbieters passt nicht zu der Anmeldung, die dieser Browser begonnen hat. Aus Sicherheitsgründen wurde sie verworfen. Bitte starten Sie die Anmeldung noch einmal.',
    unavailableTitle: 'Anmeldedienst nicht erreichbar',
    unavailableText:
      'Der Identitätsanbieter ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal.',
    claimsTitle: 'Anmeldedaten unvollständig',
    claimsText:
      'Der Identitätsanbieter hat nicht alle nötigen Angaben übermittelt (fehlend oder ungültig: {claim}). Bitte versuchen Sie es noch einmal; wenn der Fehler bleibt, wenden Sie sich an das Bürgeramt.',
    failedTitle: 'Anmeldung nicht gelungen',
    failedText:
      'Die Anmeldung konnte nicht abgeschlossen werden. Bitte versuchen Sie es noch einmal; wenn der Fehler bleibt, wenden Sie sich an das Bürgeramt.',

    loggedOutTitle: 'Sie sind abgemeldet',
    loggedOutText:
      'Sie sind vom Serviceportal und beim Identitätsanbieter abgemeldet. Schließen Sie zur Sicherheit das Browserfenster, wenn Sie einen fremden Computer benutzen.',
    loggedOutAgain: 'Mit dem Personalausweis anmelden',

    levelTitle: 'Anmeldung mit dem Personalausweis nötig',
    levelCurrent: 'Sie sind als {name} mit dem Vertrauensniveau „{current}“ angemeldet.',
    levelRequired:
      'Diese Leistung verlangt das Vertrauensniveau „{required}“. Das erreichen Sie mit der Online-Ausweisfunktion: Personalausweis, eID-Karte oder elektronischer Aufenthaltstitel mit Ihrer 6-stelligen PIN über die AusweisApp.',
    levelOther:
      'Eine Anmeldung mit ELSTER-Zertifikat erreicht nur das Vertrauensniveau „substanziell“, eine Anmeldung mit Benutzername und Passwort nur „normal“.',
    levelWhatNow: 'Was Sie tun können',
    levelRelogin: 'Abmelden und mit dem Personalausweis neu anmelden',
    levelAppointment: 'Oder erledigen Sie Ihr Anliegen persönlich:',
  },
  en: {
    loggedInAs: 'Logged in as',
    logout: 'Log out',
    levelNORMAL: 'normal',
    levelSUBSTANTIELL: 'substantial',
    levelHOCH: 'high',
    home: 'Go to the home page',
    tryAgain: 'Log in again',
    bookAppointment: 'Book an appointment at the citizen office',

    notConfiguredTitle: 'Log-in not available at the moment',
    notConfiguredText:
      'Log-in with the online ID function has not been set up for this service portal yet. You can still see to your matters at the citizen office.',

    cancelledTitle: 'Log-in cancelled',
    cancelledText: 'You cancelled the log-in. No data was transferred. You can try again at any time.',
    refusedTitle: 'Log-in failed',
    refusedText: 'The identity provider did not confirm the log-in (error code: {code}). Please try again.',
    expiredTitle: 'Log-in expired',
    expiredText:
      'The log-in took too long or was started in another browser window. Please start the log-in again.',
    invalidTitle: 'Log-in invalid',
    invalidText:
      'The identity provider’s answer does not match the log-in this browser started. It was discarded for your security. Please start the log-in again.',
    unavailableTitle: 'Log-in service unavailable',
    unavailableText: 'The identity provider cannot be reached right now. Please try again in a few minutes.',
    claimsTitle: 'Log-in data incomplete',
    claimsText:
      'The identity provider did not send all the data needed (missing or invalid: {claim}). Please try again; if the error persists, contact the citizen office.',
    failedTitle: 'Log-in failed',
    failedText:
      'The log-in could not be completed. Please try again; if the error persists, contact the citizen office.',

    loggedOutTitle: 'You are logged out',
    loggedOutText:
      'You are logged out of the service portal and of the identity provider. If you are using someone else’s computer, close the browser window to be safe.',
    loggedOutAgain: 'Log in with the ID card',

    levelTitle: 'Log-in with the ID card needed',
    levelCurrent: 'You are logged in as {name} at trust level “{current}”.',
    levelRequired:
      'This service needs trust level “{required}”. You reach it with the online ID function: ID card, eID card or electronic residence permit with your 6-digit PIN via the AusweisApp.',
    levelOther:
      'A log-in with an ELSTER certificate reaches trust level “substantial” only, a log-in with user name and password “normal” only.',
    levelWhatNow: 'What you can do',
    levelRelogin: 'Log out and log in again with the ID card',
    levelAppointment: 'Or see to your matter in person:',
  },
});

export type EidMessages = ReturnType<typeof eidMessages>;
