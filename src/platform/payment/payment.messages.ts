import { defineMessages } from '../i18n/i18n.js';

/** Texts of the payment pages (the test payment page and the return page). */
export const paymentMessages = defineMessages({
  de: {
    testTitle: 'Testbezahlung',
    testNotice: 'Dies ist die Testbezahlung des Demo-Betriebs',
    testNoticeBody:
      'Hier wird kein Geld bewegt. Im echten Betrieb sehen Sie an dieser Stelle die Bezahlseite des Zahlungsdienstes der Stadt.',
    amount: 'Betrag',
    purpose: 'Verwendungszweck',
    status: 'Stand',
    itemsCaption: 'Positionen',
    itemDescription: 'Position',
    itemQuantity: 'Menge',
    itemUnitPrice: 'Einzelpreis',
    itemTotal: 'Summe',
    pay: 'Bezahlen',
    fail: 'Zahlung fehlschlagen lassen',
    cancel: 'Abbrechen',
    decisionLegend: 'Wie soll die Testzahlung ausgehen?',
    decisionMissing: 'Bitte wählen Sie eine der drei Schaltflächen.',
    alreadyDone: 'Diese Zahlung ist bereits abgeschlossen',
    backToSite: 'Zurück zur Stadt',
    statusINITIAL: 'offen',
    statusPAYED: 'bezahlt',
    statusFAILED: 'fehlgeschlagen',
    statusCANCELED: 'abgebrochen',
    checkingTitle: 'Wir prüfen Ihre Zahlung',
    checkingBody:
      'Der Zahlungsdienst antwortet gerade nicht, deshalb kennen wir das Ergebnis Ihrer Zahlung noch nicht. Es geht nichts verloren: Wir fragen auch selbst regelmäßig nach. Bitte prüfen Sie in einigen Augenblicken erneut.',
    checkingAgain: 'Erneut prüfen',
  },
  en: {
    testTitle: 'Test payment',
    testNotice: 'This is the test payment of the demo',
    testNoticeBody:
      "No money is moved here. In live operation you would see the payment page of the city's payment service at this point.",
    amount: 'Amount',
    purpose: 'Reference',
    status: 'Status',
    itemsCaption: 'Items',
    itemDescription: 'Item',
    itemQuantity: 'Quantity',
    itemUnitPrice: 'Unit price',
    itemTotal: 'Total',
    pay: 'Pay',
    fail: 'Let the payment fail',
    cancel: 'Cancel',
    decisionLegend: 'How should the test payment end?',
    decisionMissing: 'Please choose one of the three buttons.',
    alreadyDone: 'This payment is already completed',
    backToSite: 'Back to the city',
    statusINITIAL: 'open',
    statusPAYED: 'paid',
    statusFAILED: 'failed',
    statusCANCELED: 'cancelled',
    checkingTitle: 'We are checking your payment',
    checkingBody:
      'The payment service is not answering right now, so we do not know the result of your payment yet. Nothing is lost: we also keep asking by ourselves. Please check again in a few moments.',
    checkingAgain: 'Check again',
  },
});

/** Euro cents as the language writes them: 900 → "9,00 €" / "€9.00". */
export function formatCents(amountCents: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(amountCents / 100);
}
