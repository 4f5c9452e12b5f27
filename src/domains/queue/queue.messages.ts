import { type Catalogue, defineMessages } from '../../platform/i18n/i18n.js';
import type { RefusalCode } from './queue.service.js';

/** Texts of the queue's citizen pages: the kiosk, the phone ticket and the call display. */
export const queueMessages = defineMessages({
  de: {
    // Shared
    languageLabel: 'Sprache',
    ticketNumberLabel: 'Ihre Wartenummer',
    servicesLabel: 'Anliegen',
    aheadLabel: 'Vor Ihnen',
    waitLabel: 'Geschätzte Wartezeit',
    drawnLabel: 'Gezogen um',
    appointmentLabel: 'Ihr Termin',
    timeValue: '{time} Uhr',
    aheadNone: 'niemand – Sie sind als Nächstes dran',
    aheadOne: '1 Person',
    aheadMany: '{n} Personen',
    estimateMinutes: 'etwa {minutes} Minuten',
    estimateSoon: 'weniger als 5 Minuten',
    estimateUnknown: 'zurzeit nicht absehbar',
    // Kiosk: access
    kioskOnlyTitle: 'Diese Seite läuft am Kiosk im Bürgeramt',
    kioskOnlyText:
      'Wartenummern und den Check-in für gebuchte Termine gibt es am Kiosk im Eingangsbereich des Bürgeramts.',
    kioskOnlyBook: 'Online können Sie einen Termin buchen.',
    bookLink: 'Termin buchen',
    homeLink: 'Zur Startseite',
    // Kiosk: start screen
    kioskTitle: 'Willkommen',
    kioskLead: 'Bitte wählen Sie: Haben Sie einen Termin gebucht, oder möchten Sie ohne Termin warten?',
    appointmentTitle: 'Ich habe einen Termin',
    codeLabel: 'Buchungscode',
    codeHint:
      'Halten Sie den QR-Code aus Ihrer Terminbestätigung vor den Scanner oder tippen Sie den Code ein, zum Beispiel K7M-4QX.',
    checkInButton: 'Einchecken',
    walkInTitle: 'Wartenummer ohne Termin',
    walkInLegend: 'Wählen Sie Ihr Anliegen',
    noWalkIn: 'Heute gibt es hier keine Wartenummern ohne Termin. Bitte buchen Sie einen Termin.',
    errorTitle: 'Das hat nicht geklappt',
    codeRequired: 'Bitte geben Sie Ihren Buchungscode ein.',
    codeTooLong: 'Der Buchungscode ist zu lang. Er sieht so aus: K7M-4QX.',
    serviceRequired: 'Bitte wählen Sie Ihr Anliegen.',
    checkInTooLate:
      'Ihr Termin hat schon vor einer Weile begonnen. Bitte wenden Sie sich an den Empfang oder buchen Sie einen neuen Termin.',
    // Kiosk: ticket
    ticketTitle: 'Ihre Wartenummer',
    ticketWait: 'Bitte nehmen Sie im Wartebereich Platz. Ihre Nummer erscheint auf der Anzeige.',
    earlyNote: 'Ihr Termin ist um {time} Uhr. Wir rufen Sie zu Ihrem Termin auf.',
    lateTitle: 'Sie sind nach Ihrem Termin gekommen',
    lateNote:
      'Sie sind {minutes} Minuten nach Ihrem Termin gekommen. Deshalb warten Sie jetzt wie Kundinnen und Kunden ohne Termin.',
    qrAlt: 'QR-Code zu Ihrer Wartenummer auf dem Handy',
    qrText: 'Scannen Sie den Code mit Ihrem Handy: Dort sehen Sie, wie viele Personen noch vor Ihnen sind.',
    printButton: 'Drucken',
    doneButton: 'Fertig',
    returnNote: 'Diese Anzeige kehrt nach {seconds} Sekunden zur Startseite zurück.',
    // Phone ticket
    phoneTitle: 'Wartenummer {number}',
    phoneLocation: '{location}, {date}',
    statusWaiting: 'Sie warten. Wir rufen Ihre Nummer auf der Anzeige im Wartebereich auf.',
    statusCalled: 'Bitte kommen Sie jetzt zu: {counter}.',
    statusServing: 'Sie werden bedient: {counter}.',
    statusParked:
      'Ihre Nummer ist zurückgestellt. Melden Sie sich bitte am Schalter, sobald Sie wieder da sind.',
    statusDone: 'Erledigt. Vielen Dank für Ihren Besuch!',
    statusNoShow:
      'Ihre Nummer wurde mehrmals aufgerufen, Sie waren nicht da. Bitte wenden Sie sich an den Empfang.',
    statusCancelled: 'Diese Wartenummer gilt nicht mehr. Bitte wenden Sie sich an den Empfang.',
    calledAlert: 'Sie sind dran: {counter}',
    counterUnknown: 'bitte auf die Anzeige achten',
    phoneUpdates:
      'Diese Seite zeigt Änderungen von selbst an. Ohne JavaScript lädt sie sich alle 20 Sekunden neu.',
    notifyButton: 'Benachrichtigung aktivieren',
    notifyOn: 'Benachrichtigung ist aktiv: Wir melden uns, wenn Sie dran sind.',
    notifyDenied: 'Benachrichtigungen sind in Ihrem Browser gesperrt.',
    notifyTitle: 'Sie sind dran',
    reconnecting: 'Verbindung wird wiederhergestellt …',
    notFoundTitle: 'Wartenummer nicht gefunden',
    notFoundText:
      'Zu diesem Link gibt es keine Wartenummer. Bitte scannen Sie den QR-Code auf Ihrem Beleg noch einmal oder fragen Sie am Empfang.',
    // Display
    displayOnlyTitle: 'Diese Seite ist die Aufrufanzeige im Wartebereich',
    displayOnlyText:
      'Die Aufrufe sehen Sie auf den Bildschirmen im Wartebereich des Bürgeramts. Den Stand Ihrer Wartenummer sehen Sie über den QR-Code auf Ihrem Beleg.',
    displayTitle: 'Aufrufe',
    currentTitle: 'Aktueller Aufruf',
    historyTitle: 'Letzte Aufrufe',
    callTo: 'an',
    noCalls: 'Noch keine Aufrufe.',
    soundButton: 'Ton einschalten',
    displayUpdates: 'Neue Aufrufe erscheinen von selbst.',
  },
  en: {
    languageLabel: 'Language',
    ticketNumberLabel: 'Your queue number',
    servicesLabel: 'Service',
    aheadLabel: 'Ahead of you',
    waitLabel: 'Estimated wait',
    drawnLabel: 'Taken at',
    appointmentLabel: 'Your appointment',
    timeValue: '{time}',
    aheadNone: 'nobody – you are next',
    aheadOne: '1 person',
    aheadMany: '{n} people',
    estimateMinutes: 'about {minutes} minutes',
    estimateSoon: 'less than 5 minutes',
    estimateUnknown: 'not known at the moment',
    kioskOnlyTitle: 'This page runs on the kiosk in the citizen office',
    kioskOnlyText:
      'Queue numbers and the check-in for booked appointments are available at the kiosk in the entrance area of the citizen office.',
    kioskOnlyBook: 'You can book an appointment online.',
    bookLink: 'Book an appointment',
    homeLink: 'Go to the home page',
    kioskTitle: 'Welcome',
    kioskLead: 'Please choose: have you booked an appointment, or would you like to wait without one?',
    appointmentTitle: 'I have an appointment',
    codeLabel: 'Booking code',
    codeHint:
      'Hold the QR code from your booking confirmation in front of the scanner or type in the code, for example K7M-4QX.',
    checkInButton: 'Check in',
    walkInTitle: 'Queue number without an appointment',
    walkInLegend: 'Choose what you need',
    noWalkIn: 'There are no queue numbers without an appointment here today. Please book an appointment.',
    errorTitle: 'That did not work',
    codeRequired: 'Please enter your booking code.',
    codeTooLong: 'The booking code is too long. It looks like this: K7M-4QX.',
    serviceRequired: 'Please choose what you need.',
    checkInTooLate:
      'Your appointment started some time ago. Please ask at the reception desk or book a new appointment.',
    ticketTitle: 'Your queue number',
    ticketWait: 'Please take a seat in the waiting area. Your number will appear on the screen.',
    earlyNote: 'Your appointment is at {time}. We will call you at the time of your appointment.',
    lateTitle: 'You arrived after your appointment',
    lateNote:
      'You arrived {minutes} minutes after your appointment. You are therefore now waiting like customers without an appointment.',
    qrAlt: 'QR code for your queue number on your phone',
    qrText: 'Scan the code with your phone to see how many people are still ahead of you.',
    printButton: 'Print',
    doneButton: 'Done',
    returnNote: 'This screen returns to the start page after {seconds} seconds.',
    phoneTitle: 'Queue number {number}',
    phoneLocation: '{location}, {date}',
    statusWaiting: 'You are waiting. We will call your number on the screen in the waiting area.',
    statusCalled: 'Please come to {counter} now.',
    statusServing: 'You are being served: {counter}.',
    statusParked: 'Your number has been put on hold. Please report to the counter as soon as you are back.',
    statusDone: 'Done. Thank you for your visit!',
    statusNoShow:
      'Your number was called several times and you were not there. Please ask at the reception desk.',
    statusCancelled: 'This queue number is no longer valid. Please ask at the reception desk.',
    calledAlert: 'It’s your turn: {counter}',
    counterUnknown: 'please watch the screen',
    phoneUpdates: 'This page updates itself. Without JavaScript it reloads every 20 seconds.',
    notifyButton: 'Turn on notifications',
    notifyOn: 'Notifications are on: we will let you know when it is your turn.',
    notifyDenied: 'Notifications are blocked in your browser.',
    notifyTitle: 'It’s your turn',
    reconnecting: 'Reconnecting …',
    notFoundTitle: 'Queue number not found',
    notFoundText:
      'There is no queue number for this link. Please scan the QR code on your receipt again or ask at the reception desk.',
    displayOnlyTitle: 'This page is the call display in the waiting area',
    displayOnlyText:
      'Calls are shown on the screens in the waiting area of the citizen office. You can follow your queue number with the QR code on your receipt.',
    displayTitle: 'Calls',
    currentTitle: 'Now calling',
    historyTitle: 'Previous calls',
    callTo: 'to',
    noCalls: 'No calls yet.',
    soundButton: 'Turn on sound',
    displayUpdates: 'New calls appear automatically.',
  },
});

export type QueueMessageKey = Parameters<ReturnType<typeof queueMessages>>[0];

/** Why a kiosk action was refused (QueueRefusal.code), for citizens. `{minutes}`: the check-in window. */
const refusalCatalogue: Catalogue<RefusalCode> = {
  de: {
    not_walk_in: 'Für dieses Anliegen gibt es keine Wartenummer ohne Termin. Bitte buchen Sie einen Termin.',
    closed: 'Das Bürgeramt ist gerade geschlossen. Wartenummern gibt es während der Öffnungszeiten.',
    too_late:
      'Für heute werden keine Wartenummern mehr ausgegeben. Bitte buchen Sie einen Termin oder kommen Sie an einem anderen Tag.',
    quota_exhausted:
      'Die Wartenummern für dieses Anliegen sind für heute vergeben. Bitte buchen Sie einen Termin oder kommen Sie an einem anderen Tag.',
    too_early: 'Sie sind zu früh. Sie können frühestens {minutes} Minuten vor Ihrem Termin einchecken.',
    not_today: 'Ihr Termin ist nicht heute. Bitte sehen Sie in Ihrer Terminbestätigung nach.',
    unknown_code: 'Zu diesem Buchungscode haben wir keinen Termin gefunden. Bitte prüfen Sie den Code.',
    wrong_location: 'Ihr Termin ist an einem anderen Standort. Die Adresse steht in Ihrer Terminbestätigung.',
    not_confirmed:
      'Dieser Termin ist nicht (mehr) gültig, zum Beispiel weil er abgesagt wurde. Bitte wenden Sie sich an den Empfang.',
    already_checked_in:
      'Für diesen Termin gibt es schon eine Wartenummer. Haben Sie sie verloren? Bitte wenden Sie sich an den Empfang.',
    device_required: 'Wartenummern gibt es nur am Kiosk im Bürgeramt oder bei den Mitarbeitenden.',
    unknown_service:
      'Dieses Anliegen gibt es an diesem Standort nicht. Bitte wählen Sie eines der angezeigten.',
    nobody_called: 'An diesem Schalter ist gerade niemand aufgerufen.',
    still_called: 'Die aufgerufene Person ist noch nicht da.',
    wait_before_recall: 'Ein erneuter Aufruf ist erst nach einer kurzen Wartezeit möglich.',
    not_allowed: 'Das ist mit dieser Wartenummer gerade nicht möglich. Bitte wenden Sie sich an den Empfang.',
    cannot_serve: 'Dieser Schalter bearbeitet dieses Anliegen nicht.',
  },
  en: {
    not_walk_in: 'There are no queue numbers without an appointment for this. Please book an appointment.',
    closed: 'The citizen office is closed right now. Queue numbers are issued during opening hours.',
    too_late:
      'No more queue numbers are issued today. Please book an appointment or come back on another day.',
    quota_exhausted:
      'All queue numbers for this have been issued for today. Please book an appointment or come back on another day.',
    too_early: 'You are too early. You can check in at most {minutes} minutes before your appointment.',
    not_today: 'Your appointment is not today. Please look at your booking confirmation.',
    unknown_code: 'We found no appointment with this booking code. Please check the code.',
    wrong_location:
      'Your appointment is at a different location. The address is in your booking confirmation.',
    not_confirmed:
      'This appointment is not (or no longer) valid, for example because it was cancelled. Please ask at the reception desk.',
    already_checked_in:
      'There already is a queue number for this appointment. Have you lost it? Please ask at the reception desk.',
    device_required: 'Queue numbers are only available at the kiosk in the citizen office or from our staff.',
    unknown_service: 'This is not offered at this location. Please choose one of the options shown.',
    nobody_called: 'Nobody has been called to this counter.',
    still_called: 'The person called has not arrived yet.',
    wait_before_recall: 'A repeated call is only possible after a short wait.',
    not_allowed: 'This is not possible with this queue number right now. Please ask at the reception desk.',
    cannot_serve: 'This counter does not handle this.',
  },
};

export const refusalMessages = defineMessages(refusalCatalogue);
