import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';
import { NotFoundError } from '../errors/errors.js';
import { LocalPaymentProvider, type TestPaymentDecision } from './local-payment-provider.js';
import { paymentMessages } from './payment.messages.js';
import { continueUrlOf } from './payment.service.js';
import { CheckingPaymentPage, TestPaymentPage } from './payment.views.js';
import { PaymentProviderError } from './payment-provider.js';

const decisions: Record<string, TestPaymentDecision> = {
  bezahlen: 'PAYED',
  fehlschlagen: 'FAILED',
  abbrechen: 'CANCELED',
};

/**
 * The citizen's return from the payment provider (GET /bezahlung/:paymentId/rueckkehr) and, when the
 * local provider is active, its test payment page (/testbezahlung/:transactionId).
 */
export async function paymentRoutes(app: FastifyInstance, services: Services) {
  const { payments } = services;

  // "Send and pay" and "pay now" are form POSTs answered with a 303 to the provider's payment page:
  // the pages' CSP form-action has to allow the provider's site (see securityPlugin).
  if (payments.provider?.origin) app.allowFormAction(payments.provider.origin);

  // The provider sends the citizen back here, whatever the outcome. The return itself proves nothing:
  // the outcome is asked from the provider, then the citizen continues on the page the payment was for.
  app.get<{ Params: { paymentId: string } }>('/bezahlung/:paymentId/rueckkehr', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      const payment = await payments.confirm(request.params.paymentId);
      return reply.redirect(continueUrlOf(payment), 303);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      request.log.warn({ err: error }, 'payment provider unreachable on return');
      const checkUrl = `/bezahlung/${encodeURIComponent(request.params.paymentId)}/rueckkehr`;
      return reply.status(202).page(<CheckingPaymentPage ctx={request.pageContext()} checkUrl={checkUrl} />);
    }
  });

  const provider = payments.provider;
  if (!(provider instanceof LocalPaymentProvider)) return;

  app.get<{ Params: { transactionId: string } }>('/testbezahlung/:transactionId', async (request, reply) => {
    const transaction = await provider.find(request.params.transactionId);
    if (!transaction) throw new NotFoundError();
    reply.header('cache-control', 'no-store');
    return reply.page(
      <TestPaymentPage
        ctx={request.pageContext()}
        transaction={transaction}
        returnUrl={LocalPaymentProvider.returnUrlOf(transaction)}
      />,
    );
  });

  app.post<{ Params: { transactionId: string } }>('/testbezahlung/:transactionId', async (request, reply) => {
    const transaction = await provider.find(request.params.transactionId);
    if (!transaction) throw new NotFoundError();
    const choice = (request.body as Record<string, unknown> | undefined)?.aktion;
    const decision = typeof choice === 'string' ? decisions[choice] : undefined;
    if (!decision) {
      const ctx = request.pageContext();
      return reply
        .status(422)
        .page(
          <TestPaymentPage
            ctx={ctx}
            transaction={transaction}
            returnUrl={LocalPaymentProvider.returnUrlOf(transaction)}
            error={paymentMessages(ctx.lang)('decisionMissing')}
          />,
        );
    }
    const decided = (await provider.decide(transaction.id, decision)) ?? transaction;
    return reply.redirect(LocalPaymentProvider.returnUrlOf(decided), 303);
  });
}
