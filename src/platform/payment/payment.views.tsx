import { validationMessages } from '../forms/forms.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  DescriptionList,
  ErrorSummary,
  Heading,
  LinkButton,
  PostForm,
  Table,
  Text,
} from '../views/kern.js';
import { CitizenLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { LocalPaymentTransaction } from './local-payment-provider.js';
import { formatCents, paymentMessages } from './payment.messages.js';
import type { PaymentStatus } from './payment-provider.js';

const statusKinds: Record<PaymentStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  INITIAL: 'info',
  PAYED: 'success',
  FAILED: 'danger',
  CANCELED: 'warning',
};

/** The local provider's payment page: what is paid, and the three outcomes to choose from. */
export function TestPaymentPage({
  ctx,
  transaction,
  returnUrl,
  error,
}: {
  ctx: PageContext;
  transaction: LocalPaymentTransaction;
  /** Where "back" leads once the transaction is closed. */
  returnUrl: string;
  error?: string | undefined;
}) {
  const t = paymentMessages(ctx.lang);
  const euro = (cents: number) => formatCents(cents, ctx.lang);
  const open = transaction.status === 'INITIAL';
  return (
    <CitizenLayout ctx={ctx} title={t('testTitle')}>
      {error ? (
        <ErrorSummary
          title={validationMessages(ctx.lang)('summaryTitle')}
          errors={[{ field: 'aktion', message: error }]}
        />
      ) : null}
      <Heading level={1}>{t('testTitle')}</Heading>
      <Alert kind="info" title={t('testNotice')}>
        <Text>{t('testNoticeBody')}</Text>
      </Alert>
      <DescriptionList
        items={[
          { key: t('amount'), value: euro(transaction.amountCents) },
          { key: t('purpose'), value: transaction.purpose },
          {
            key: t('status'),
            value: <Badge kind={statusKinds[transaction.status]}>{t(`status${transaction.status}`)}</Badge>,
          },
        ]}
      />
      {transaction.items.length > 0 ? (
        <Table
          caption={t('itemsCaption')}
          head={[t('itemDescription'), t('itemQuantity'), t('itemUnitPrice'), t('itemTotal')]}
          numeric={[1, 2, 3]}
          rowHeader
          rows={transaction.items.map((item) => [
            item.description,
            item.quantity,
            euro(item.unitPriceCents),
            euro(item.quantity * item.unitPriceCents),
          ])}
        />
      ) : null}
      {open ? (
        <section aria-labelledby="entscheidung">
          <Heading level={2} id="entscheidung">
            {t('decisionLegend')}
          </Heading>
          <PostForm action={`/testbezahlung/${transaction.id}`} token={ctx.csrf()}>
            <div id="aktion">
              <ButtonGroup>
                <Button name="aktion" value="bezahlen">
                  {t('pay')}
                </Button>
                <Button name="aktion" value="fehlschlagen" variant="secondary">
                  {t('fail')}
                </Button>
                <Button name="aktion" value="abbrechen" variant="tertiary">
                  {t('cancel')}
                </Button>
              </ButtonGroup>
            </div>
          </PostForm>
        </section>
      ) : (
        <>
          <Heading level={2}>{t('alreadyDone')}</Heading>
          <ButtonGroup>
            <LinkButton href={returnUrl}>{t('backToSite')}</LinkButton>
          </ButtonGroup>
        </>
      )}
    </CitizenLayout>
  );
}

/** The return page when the provider cannot be asked: nothing is lost, check again. */
export function CheckingPaymentPage({ ctx, checkUrl }: { ctx: PageContext; checkUrl: string }) {
  const t = paymentMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('checkingTitle')}>
      <Heading level={1}>{t('checkingTitle')}</Heading>
      <Text>{t('checkingBody')}</Text>
      <ButtonGroup>
        <LinkButton href={checkUrl}>{t('checkingAgain')}</LinkButton>
      </ButtonGroup>
    </CitizenLayout>
  );
}
