import type { ComponentChildren } from 'preact';
import { summaryErrors, validationMessages } from '../forms/forms.js';
import { ErrorSummary, Heading } from './kern.js';
import { StaffLayout } from './layout.js';
import type { PageContext } from './page-context.js';

const summaryTitle = validationMessages('de')('summaryTitle');

/** A staff page (German only): the layout, the error summary when there are errors, and the h1. */
export function StaffPage({
  ctx,
  title,
  errors,
  children,
}: {
  ctx: PageContext;
  title: string;
  errors?: Record<string, string> | undefined;
  children: ComponentChildren;
}) {
  return (
    <StaffLayout ctx={ctx} title={title}>
      {errors ? <ErrorSummary title={summaryTitle} errors={summaryErrors(errors)} /> : null}
      <Heading level={1}>{title}</Heading>
      {children}
    </StaffLayout>
  );
}
