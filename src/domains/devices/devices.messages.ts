import { defineMessages } from '../../platform/i18n/i18n.js';

/**
 * Texts of the public enrolment page (/geraete/anmelden). Whoever sets up a kiosk or a call display
 * may be a technician, not office staff, so the page speaks German and English.
 */
export const devicesMessages = defineMessages({
  de: {
    enrolTitle: 'Gerät anmelden',
    enrolLead: 'Mit diesem Link wird dieser Browser zu folgendem Gerät des Bürgeramts:',
    kind: 'Art',
    kindKiosk: 'Kiosk (Selbstbedienung, zieht Wartenummern)',
    kindDisplay: 'Aufrufanzeige (zeigt aufgerufene Wartenummern)',
    name: 'Name',
    location: 'Standort',
    validUntil: 'Der Link gilt bis {date}, {time} Uhr und funktioniert nur einmal.',
    demoCode:
      'Demo-Installation: Dieser feste Code lässt sich beliebig oft verwenden, damit jede und jeder die Demo ausprobieren kann.',
    enrolHint:
      'Der Browser merkt sich die Anmeldung in einem Cookie für etwa ein Jahr. Öffnen Sie den Link deshalb nur im Browser des Geräts selbst, nicht auf Ihrem eigenen Rechner.',
    enrolButton: 'Diesen Browser als Gerät anmelden',
    invalidTitle: 'Anmeldelink ungültig',
    unknown:
      'Diesen Anmeldelink gibt es nicht, oder er wurde bereits verwendet: Jeder Link funktioniert nur einmal. Bitten Sie die Administration des Bürgeramts um einen neuen Link.',
    expired:
      'Dieser Anmeldelink ist abgelaufen: Links gelten sieben Tage. Bitten Sie die Administration des Bürgeramts um einen neuen Link.',
    revoked:
      'Dieses Gerät wurde gesperrt und kann nicht mehr angemeldet werden. Die Administration kann ein neues Gerät registrieren.',
    nothingChanged: 'An diesem Browser wurde nichts geändert.',
    home: 'Zur Startseite',
  },
  en: {
    enrolTitle: 'Register this device',
    enrolLead: 'This link turns this browser into the following device of the citizen office:',
    kind: 'Kind',
    kindKiosk: 'Kiosk (self-service, issues queue numbers)',
    kindDisplay: 'Call display (shows the numbers being called)',
    name: 'Name',
    location: 'Location',
    validUntil: 'The link is valid until {date}, {time} and works only once.',
    demoCode:
      'Demo installation: this fixed code can be used any number of times, so that anyone can try the demo.',
    enrolHint:
      'The browser remembers the registration in a cookie for about a year. Therefore only open the link in the browser of the device itself, not on your own computer.',
    enrolButton: 'Register this browser as the device',
    invalidTitle: 'Invalid registration link',
    unknown:
      'This registration link does not exist or has already been used: each link works only once. Please ask the citizen office’s administrators for a new link.',
    expired:
      'This registration link has expired: links are valid for seven days. Please ask the citizen office’s administrators for a new link.',
    revoked:
      'This device has been blocked and can no longer be registered. The administrators can register a new device.',
    nothingChanged: 'Nothing has been changed in this browser.',
    home: 'Go to the home page',
  },
});
