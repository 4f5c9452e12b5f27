/**
 * Online payment in the shape of the XBezahldienste REST standard (used by ePayBL and pmPayment):
 * create a transaction, send the citizen to the provider's payment page, and confirm the outcome by
 * asking the provider (the return to our site alone proves nothing). A city plugs in its provider by
 * implementing this interface (see README); the local implementation is a test payment page.
 */
export type PaymentStatus = 'INITIAL' | 'PAYED' | 'FAILED' | 'CANCELED';

export interface PaymentItem {
  /** Article or fee number (Buchungsposten / Kassenzeichen item). */
  reference: string;
  description: string;
  quantity: number;
  /** Unit price in euro cents. */
  unitPriceCents: number;
}

export interface CreatePaymentRequest {
  /** Our reference, unique per attempt (XBezahldienste: requestId); the case number plus an attempt counter. */
  requestId: string;
  /** Total in euro cents. */
  amountCents: number;
  /** Verwendungszweck shown to the citizen and on the bank statement. */
  purpose: string;
  items: PaymentItem[];
  /** Where the provider sends the citizen back (success, failure and cancel alike). */
  returnUrl: string;
  /** Language of the payment page. */
  lang: 'de' | 'en';
}

export interface CreatedPayment {
  /** The provider's transaction id (XBezahldienste: paymentTransaction.id). */
  transactionId: string;
  /** The provider's payment page to redirect the citizen to. */
  redirectUrl: string;
  status: PaymentStatus;
}

export interface PaymentProvider {
  /**
   * The origin of the provider's payment pages (e.g. 'https://pay.example'), when they are on another
   * site than ours: the citizen's forms are answered with a 303 to them, and browsers check that
   * redirect against the pages' CSP form-action, which then allows this origin. Not needed for a
   * provider on this site (the local test payment page).
   */
  readonly origin?: string;
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /** The provider's current status of a transaction (polled: after the return and by a job). */
  status(transactionId: string): Promise<PaymentStatus>;
}

/** The provider could not be reached or refused the request; the citizen may try again. */
export class PaymentProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}
