/**
 * KERN UX components, each wrapped once. Pages use these wrappers, never KERN's class names directly,
 * so an update of the design system touches this file only.
 */
import type { ComponentChildren } from 'preact';

type Children = { children?: ComponentChildren };

export function Heading({
  level = 1,
  size,
  children,
  id,
}: Children & { level?: 1 | 2 | 3 | 4; size?: 'x-large' | 'large' | 'medium' | 'small'; id?: string }) {
  const sizes = { 1: 'x-large', 2: 'large', 3: 'medium', 4: 'small' } as const;
  const className = `kern-heading-${size ?? sizes[level]}`;
  const Tag = `h${level}` as 'h1';
  return (
    <Tag class={className} id={id}>
      {children}
    </Tag>
  );
}

export function Text({
  children,
  muted,
  small,
  large,
}: Children & { muted?: boolean; small?: boolean; large?: boolean }) {
  const classes = [
    'kern-body',
    muted && 'kern-body--muted',
    small && 'kern-body--small',
    large && 'kern-body--large',
  ];
  return <p class={classes.filter(Boolean).join(' ')}>{children}</p>;
}

/** Paragraphs from plain text the city edits (blank lines separate paragraphs); never raw HTML. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p class="kern-body">{paragraph}</p>
        ))}
    </>
  );
}

export function Link({
  href,
  children,
  small,
  external,
}: Children & { href: string; small?: boolean; external?: boolean }) {
  return (
    <a
      class={small ? 'kern-link kern-link--small' : 'kern-link'}
      href={href}
      rel={external ? 'noopener' : undefined}
    >
      {children}
    </a>
  );
}

type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

export function Button({
  children,
  variant = 'primary',
  type = 'submit',
  name,
  value,
  block,
}: Children & {
  variant?: ButtonVariant;
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  block?: boolean;
}) {
  return (
    <button
      type={type}
      class={`kern-btn kern-btn--${variant}${block ? ' kern-btn--block' : ''}`}
      name={name}
      value={value}
    >
      <span class="kern-label">{children}</span>
    </button>
  );
}

export function LinkButton({
  href,
  children,
  variant = 'primary',
}: Children & { href: string; variant?: ButtonVariant }) {
  return (
    <a class={`kern-btn kern-btn--${variant}`} href={href}>
      <span class="kern-label">{children}</span>
    </a>
  );
}

export function ButtonGroup({ children }: Children) {
  return <div class="kern-btn-wrapper app-button-group">{children}</div>;
}

type AlertKind = 'info' | 'success' | 'warning' | 'danger';

export function Alert({
  kind,
  title,
  children,
  live,
}: Children & { kind: AlertKind; title: string; live?: boolean }) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={live ? 'alert' : undefined}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind === 'danger' ? 'danger' : kind}`} aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  );
}

export function Badge({ kind, children }: Children & { kind: AlertKind }) {
  return (
    <span class={`kern-badge kern-badge--${kind}`}>
      <span class="kern-label">{children}</span>
    </span>
  );
}

export interface SummaryError {
  field: string;
  message: string;
}

/** The error summary at the top of a form: focusable, with links to each field. */
export function ErrorSummary({ title, errors }: { title: string; errors: SummaryError[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="kern-alert kern-alert--danger app-error-summary"
      role="alert"
      tabindex={-1}
      id="error-summary"
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {errors.map((error) => (
            <li>
              <a class="kern-link" href={`#${error.field}`}>
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p class="kern-error" id={id}>
      <span class="kern-icon kern-icon--danger" aria-hidden="true" />
      <span class="kern-body">{message}</span>
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: string;
  id?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: { id: string; label: string; optional?: string }) {
  return (
    <label class="kern-label" for={id}>
      {label}
      {optional ? <span class="kern-label__optional"> – {optional}</span> : null}
    </label>
  );
}

export function TextInput({
  name,
  label,
  hint,
  error,
  optional,
  id = name,
  value,
  type = 'text',
  autocomplete,
  inputmode,
  required,
  width,
  autofocus,
}: FieldProps & {
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'search' | 'time' | 'date' | 'number' | 'tel' | 'url';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email' | 'decimal' | 'search';
  required?: boolean;
  width?: 'short' | 'medium';
  /** Only where the page exists for this one field (a kiosk's scanner input): it moves screen readers. */
  autofocus?: boolean;
}) {
  return (
    <div class={`kern-form-input${width ? ` app-input--${width}` : ''}`}>
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={name}
        type={type as 'text'}
        value={value ?? ''}
        autocomplete={autocomplete}
        inputMode={inputmode}
        required={required}
        autofocus={autofocus}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** An e-mail address field: the right keyboard on phones, and the browser may fill in the citizen's address. */
export function EmailInput({
  name = 'email',
  autocomplete = 'email',
  ...props
}: Omit<Parameters<typeof TextInput>[0], 'type' | 'inputmode' | 'name'> & { name?: string }) {
  return <TextInput {...props} name={name} type="email" inputmode="email" autocomplete={autocomplete} />;
}

/** A file upload field (e.g. a CSV list); put it in a `PostForm multipart`. */
export function FileInput({
  name,
  label,
  hint,
  error,
  optional,
  id = name,
  accept,
}: FieldProps & { accept?: string }) {
  return (
    <div class="kern-form-input">
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        type="file"
        id={id}
        name={name}
        accept={accept}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function Textarea({
  name,
  label,
  hint,
  error,
  optional,
  id = name,
  value,
  rows = 5,
  required,
}: FieldProps & { value?: string | null; rows?: number; required?: boolean }) {
  return (
    <div class="kern-form-input">
      <Label id={id} label={label} optional={optional} />
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export function Select({
  name,
  label,
  hint,
  error,
  id = name,
  value,
  options,
}: FieldProps & { value?: string | null; options: Array<{ value: string; label: string }> }) {
  return (
    <div class="kern-form-input">
      <Label id={id} label={label} />
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={name}
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? 'true' : undefined}
        >
          {options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function Checkbox({
  name,
  label,
  checked,
  value = 'on',
  id = name,
  error,
}: {
  name: string;
  label: string;
  checked?: boolean;
  value?: string;
  id?: string;
  error?: string;
}) {
  return (
    <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
      <input
        class={`kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}`}
        type="checkbox"
        id={id}
        name={name}
        value={value}
        checked={checked}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="kern-label" for={id}>
        {label}
      </label>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </div>
  );
}

export function Fieldset({
  legend,
  children,
  error,
  id,
}: Children & { legend: string; error?: string; id?: string }) {
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} id={id}>
      <legend class="kern-label">{legend}</legend>
      {error ? <FieldError id={`${id ?? 'fieldset'}-error`} message={error} /> : null}
      <div class="kern-fieldset__body">{children}</div>
    </fieldset>
  );
}

export interface RadioOption {
  value: string;
  label: ComponentChildren;
  /** Extra text (or a link) under the option's label; read out with the option. */
  hint?: ComponentChildren;
}

/**
 * A group of radio buttons: a fieldset with the question as legend. The group's hint and error
 * message describe every radio button (aria-describedby); an option's own hint describes that option.
 * The fieldset carries `id` (for the error summary's link); the options get `${id}-${value}`.
 * On an error the fieldset is marked (`kern-fieldset--error`) and each radio button, not each option's
 * wrapper: `kern-form-check--error` is for a check box standing alone and would draw one bar per option.
 */
export function RadioGroup({
  name,
  legend,
  options,
  value,
  hint,
  error,
  id = name,
}: {
  name: string;
  legend: string;
  options: RadioOption[];
  /** The selected option's value; none is selected when it matches no option. */
  value?: string | null | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  id?: string;
}) {
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} id={id}>
      <legend class="kern-label">{legend}</legend>
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <div class="kern-fieldset__body">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const described = [describedBy(id, hint, error), option.hint && `${optionId}-hint`].filter(Boolean);
          return (
            <div class="kern-form-check">
              <input
                class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`}
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={option.value === value}
                aria-describedby={described.length ? described.join(' ') : undefined}
                aria-invalid={error ? 'true' : undefined}
              />
              <label class="kern-label" for={optionId}>
                {option.label}
              </label>
              {option.hint ? (
                <div class="kern-hint" id={`${optionId}-hint`}>
                  {option.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function DescriptionList({ items }: { items: Array<{ key: string; value: ComponentChildren }> }) {
  return (
    <dl class="kern-description-list">
      {items.map((item) => (
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{item.key}</dt>
          <dd class="kern-description-list-item__value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Table({
  caption,
  head,
  rows,
  numeric = [],
  rowHeader = false,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  numeric?: number[];
  /** The first cell of each body row names the row: `<th scope="row">` instead of `<td>`. */
  rowHeader?: boolean;
}) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-title">{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {head.map((cell, index) => (
              <th
                scope="col"
                class={`kern-table__header${numeric.includes(index) ? ' kern-table__header--numeric' : ''}`}
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row) => (
            <tr class="kern-table__row">
              {row.map((cell, index) =>
                rowHeader && index === 0 ? (
                  <th
                    scope="row"
                    class={`kern-table__header${numeric.includes(index) ? ' kern-table__header--numeric' : ''}`}
                  >
                    {cell}
                  </th>
                ) : (
                  <td
                    class={`kern-table__cell${numeric.includes(index) ? ' kern-table__cell--numeric' : ''}`}
                  >
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Card({
  title,
  href,
  children,
  headingLevel = 3,
}: Children & { title: string; href?: string; headingLevel?: 2 | 3 }) {
  const Tag = `h${headingLevel}` as 'h3';
  return (
    <div class={`kern-card${href ? ' kern-card--interactive' : ''}`}>
      <div class="kern-card__container">
        <header class="kern-card__header">
          <Tag class="kern-title">
            {href ? (
              <a class="kern-link kern-link--stretched" href={href}>
                {title}
              </a>
            ) : (
              title
            )}
          </Tag>
        </header>
        <section class="kern-card__body">{children}</section>
      </div>
    </div>
  );
}

export function List({ items, numbered }: { items: ComponentChildren[]; numbered?: boolean }) {
  const Tag = numbered ? 'ol' : 'ul';
  return (
    <Tag class={`kern-list${numbered ? ' kern-list--number' : ' kern-list--bullet'}`}>
      {items.map((item) => (
        <li>{item}</li>
      ))}
    </Tag>
  );
}

/** Hidden CSRF field; every state-changing form includes it. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * A form that changes something: posted, with its CSRF token first, then the children. Checked on the
 * server only (`novalidate`), except where `novalidate={false}` keeps the browser's checks. `inline` is a
 * single button in running text or a table cell (`app-inline-form`), with no fields to check.
 */
export function PostForm({
  action,
  token,
  inline = false,
  novalidate = !inline,
  multipart = false,
  children,
}: Children & {
  action: string;
  /** The CSRF token: `ctx.csrf()`. */
  token: string;
  inline?: boolean;
  novalidate?: boolean;
  /** For file uploads (FileInput). */
  multipart?: boolean;
}) {
  return (
    <form
      method="post"
      action={action}
      class={inline ? 'app-inline-form' : undefined}
      novalidate={novalidate || undefined}
      enctype={multipart ? 'multipart/form-data' : undefined}
    >
      <CsrfField token={token} />
      {children}
    </form>
  );
}
