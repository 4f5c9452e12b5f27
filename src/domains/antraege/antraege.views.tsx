import type { ComponentChildren } from 'preact';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { type FormState, fieldText } from '../../platform/forms/field-props.js';
import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { formatDate } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  DescriptionList,
  EmailInput,
  ErrorSummary,
  Fieldset,
  FileInput,
  Heading,
  Link,
  LinkButton,
  List,
  PostForm,
  RadioGroup,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { Section } from '../../platform/views/section.js';
import { formatEuro } from '../leistungen/leistungen.rules.js';
import type { CaseRecord } from '../vorgaenge/case-handlers.js';
import type {
  FieldDefinition,
  PageDefinition,
  ServiceDefinition,
  SummaryRow,
  UploadedFile,
} from './antraege.definition.js';
import { antraegeMessages } from './antraege.messages.js';
import type { StoredUpload } from './antraege.repository.js';
import { formatBytes, type Progress, SUMMARY } from './antraege.rules.js';
import { casePath, pagePath, servicePath } from './antraege.service.js';
import { typeList, typeName } from './antraege.uploads.js';

const text = (value: LocalizedText | string, lang: Lang) =>
  typeof value === 'string' ? value : pick(value, lang);

export function startLabel(definition: ServiceDefinition, lang: Lang): string {
  return definition.startLabel
    ? pick(definition.startLabel, lang)
    : antraegeMessages(lang)('startDefault', { title: pick(definition.title, lang) });
}

// ---- the portal

/** GET /portal: the services citizens can apply for online. */
export function PortalPage({
  ctx,
  definitions,
  citizen,
}: {
  ctx: PageContext;
  definitions: ServiceDefinition[];
  citizen: CitizenIdentity | null;
}) {
  const t = antraegeMessages(ctx.lang);
  const trust = { HOCH: t('trustHoch'), SUBSTANTIELL: t('trustSubstantiell'), NORMAL: t('trustNormal') };
  return (
    <CitizenLayout ctx={ctx} title={t('portalTitle')}>
      <Heading level={1}>{t('portalTitle')}</Heading>
      <Text large>{t('portalIntro')}</Text>
      <Section id="online-antraege" title={t('portalServicesTitle')}>
        {definitions.length === 0 ? <Text>{t('portalNone')}</Text> : null}
        {definitions.map((definition) => (
          <Card title={pick(definition.title, ctx.lang)}>
            <Text>{pick(definition.description, ctx.lang)}</Text>
            <Text small>{trust[definition.requiredTrustLevel]}</Text>
            <LinkButton href={servicePath(definition.key)}>{startLabel(definition, ctx.lang)}</LinkButton>
          </Card>
        ))}
      </Section>
      {citizen ? (
        <Section id="meine-antraege" title={t('portalMyCases')}>
          <Text>{t('portalMyCasesText')}</Text>
          <Text>
            <Link href="/mein-bereich">{t('portalMyCases')}</Link>
          </Text>
        </Section>
      ) : null}
    </CitizenLayout>
  );
}

// ---- steps

/** "Schritt 2 von 4" and the list of steps (built from List and Link: KERN has no progress indicator). */
function StepProgress({
  ctx,
  definition,
  progress,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  progress: Progress;
}) {
  const t = antraegeMessages(ctx.lang);
  return (
    <nav aria-label={t('stepsLabel')}>
      <List
        numbered
        items={progress.steps.map((step) => {
          if (step.state === 'current') {
            return (
              <strong aria-current="step">
                {step.title} ({t('stepCurrent')})
              </strong>
            );
          }
          const label = step.state === 'done' ? `${step.title} (${t('stepDone')})` : step.title;
          return step.reachable ? <Link href={pagePath(definition.key, step.id)}>{label}</Link> : label;
        })}
      />
    </nav>
  );
}

function StepHeader({
  ctx,
  definition,
  progress,
  title,
  backHref,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  progress: Progress;
  title: string;
  backHref: string;
}) {
  const t = antraegeMessages(ctx.lang);
  return (
    <>
      <Text>
        <Link href={backHref}>{t('back')}</Link>
      </Text>
      <Text muted>
        {pick(definition.title, ctx.lang)} – {t('stepOf', { number: progress.number, total: progress.total })}
      </Text>
      <Heading level={1}>{title}</Heading>
      <StepProgress ctx={ctx} definition={definition} progress={progress} />
    </>
  );
}

function UploadedList({
  ctx,
  definition,
  page,
  files,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  page: PageDefinition;
  files: StoredUpload[];
}) {
  const t = antraegeMessages(ctx.lang);
  if (files.length === 0) return null;
  return (
    <>
      <Text>{t('filesUploaded')}:</Text>
      <List
        items={files.map((file) => (
          <>
            {t('fileItem', {
              name: file.filename,
              type: typeName(file.contentType),
              size: formatBytes(file.size, ctx.lang),
            })}{' '}
            <Link href={`${pagePath(definition.key, page.id)}/dateien/${file.id}/entfernen`}>
              {t('fileRemove', { name: file.filename })}
            </Link>
          </>
        ))}
      />
    </>
  );
}

function Field({
  ctx,
  definition,
  page,
  field,
  form,
  files,
  uploadMaxBytes,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  page: PageDefinition;
  field: FieldDefinition;
  form: FormState;
  files: StoredUpload[];
  uploadMaxBytes: number;
}) {
  const t = antraegeMessages(ctx.lang);
  const lang = ctx.lang;
  const label = pick(field.label, lang);
  const hint = field.hint ? pick(field.hint, lang) : undefined;
  const error = Object.hasOwn(form.errors, field.name) ? form.errors[field.name] : undefined;
  const optional = field.optional ? t('optional') : undefined;
  /** What every single-input field gets: its name, texts, message and kept value. */
  const input = { name: field.name, label, hint, error, optional, value: fieldText(form.values, field.name) };
  switch (field.kind) {
    case 'radio':
      return (
        <RadioGroup
          name={field.name}
          legend={label}
          hint={hint}
          error={error}
          value={fieldText(form.values, field.name)}
          options={field.options.map((option) => ({
            value: option.value,
            label: pick(option.label, lang),
            ...(option.hint ? { hint: pick(option.hint, lang) } : {}),
          }))}
        />
      );
    case 'checkboxes': {
      // A group of check boxes: KERN's Fieldset with one Checkbox per option (no group wrapper in kern.tsx).
      const raw = form.values[field.name];
      const checked = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
      return (
        <Fieldset legend={label} error={error} id={field.name}>
          {hint ? <Text small>{hint}</Text> : null}
          {field.options.map((option) => (
            <Checkbox
              name={field.name}
              id={`${field.name}-${option.value}`}
              value={option.value}
              label={
                option.hint
                  ? `${pick(option.label, lang)} – ${pick(option.hint, lang)}`
                  : pick(option.label, lang)
              }
              checked={checked.includes(option.value)}
            />
          ))}
        </Fieldset>
      );
    }
    case 'textarea':
      return <Textarea {...input} rows={field.rows ?? 3} />;
    case 'file': {
      const max = formatBytes(Math.min(field.maxBytes, uploadMaxBytes), lang);
      const allowed = t('fileHint', { types: typeList(field.accept, t('or')), max });
      const own = files.filter((file) => file.field === field.name);
      return (
        <>
          <FileInput
            name={field.name}
            label={label}
            hint={hint ? `${hint} ${allowed}` : allowed}
            error={error}
            optional={optional}
            accept={field.accept.join(',')}
          />
          <UploadedList ctx={ctx} definition={definition} page={page} files={own} />
        </>
      );
    }
    case 'email':
      return <EmailInput {...input} />;
    default:
      return (
        <TextInput
          {...input}
          autocomplete={field.autocomplete}
          {...(field.width ? { width: field.width } : {})}
        />
      );
  }
}

/** Shown when the citizen sent this application already and has no open draft (e.g. the back button). */
function AlreadySent({ ctx, sentCase }: { ctx: PageContext; sentCase: CaseRecord | undefined }) {
  const t = antraegeMessages(ctx.lang);
  if (!sentCase) return null;
  return (
    <Alert kind="info" title={t('alreadySent', { number: sentCase.number })}>
      <Text>
        <Link href={casePath(sentCase.id)}>{t('alreadySentLink', { number: sentCase.number })}</Link>
      </Text>
      <Text>{t('alreadySentNew')}</Text>
    </Alert>
  );
}

/** One step of an application: its fields, kept values and messages, "Weiter" and "Zurück". */
export function StepPage({
  ctx,
  definition,
  page,
  fields,
  form,
  files,
  progress,
  backHref,
  backToSummary,
  sentCase,
  uploadMaxBytes,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  page: PageDefinition;
  /** The visible fields. */
  fields: FieldDefinition[];
  form: FormState;
  files: StoredUpload[];
  progress: Progress;
  backHref: string;
  backToSummary: boolean;
  sentCase?: CaseRecord | undefined;
  uploadMaxBytes: number;
}) {
  const t = antraegeMessages(ctx.lang);
  const title = pick(page.title, ctx.lang);
  const multipart = fields.some((field) => field.kind === 'file');
  return (
    <CitizenLayout ctx={ctx} title={`${title} – ${pick(definition.title, ctx.lang)}`}>
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={summaryErrors(form.errors)}
      />
      <StepHeader ctx={ctx} definition={definition} progress={progress} title={title} backHref={backHref} />
      <AlreadySent ctx={ctx} sentCase={sentCase} />
      {page.intro ? <Text>{pick(page.intro, ctx.lang)}</Text> : null}
      <PostForm action={pagePath(definition.key, page.id)} token={ctx.csrf()} multipart={multipart}>
        {fields.map((field) => (
          <Field
            ctx={ctx}
            definition={definition}
            page={page}
            field={field}
            form={form}
            files={files}
            uploadMaxBytes={uploadMaxBytes}
          />
        ))}
        {backToSummary ? <input type="hidden" name="zurueck" value={SUMMARY} /> : null}
        <ButtonGroup>
          <Button>{t('continue')}</Button>
        </ButtonGroup>
      </PostForm>
    </CitizenLayout>
  );
}

// ---- summary

function FileRows({ files, lang }: { files: UploadedFile[]; lang: Lang }) {
  const t = antraegeMessages(lang);
  if (files.length === 0) return <>{t('fileNone')}</>;
  return (
    <>
      {files.map((file, index) => (
        <>
          {index > 0 ? <br /> : null}
          {t('fileItem', {
            name: file.filename,
            type: typeName(file.contentType),
            size: formatBytes(file.size, lang),
          })}
        </>
      ))}
    </>
  );
}

export interface SummaryItem {
  row: SummaryRow;
  /** Uploaded files (file fields); shown with name, type and size. */
  files?: UploadedFile[];
}

export function SummaryPage({
  ctx,
  definition,
  items,
  citizen,
  draftId,
  progress,
  backHref,
  feeCents,
  nextSteps,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  items: SummaryItem[];
  citizen: CitizenIdentity;
  draftId: string;
  progress: Progress;
  backHref: string;
  feeCents: number | null;
  nextSteps: LocalizedText[];
}) {
  const t = antraegeMessages(ctx.lang);
  const lang = ctx.lang;
  const address = citizen.address;
  return (
    <CitizenLayout ctx={ctx} title={`${t('summaryTitle')} – ${pick(definition.title, lang)}`}>
      <StepHeader
        ctx={ctx}
        definition={definition}
        progress={progress}
        title={t('summaryTitle')}
        backHref={backHref}
      />
      <Text>{t('summaryIntro')}</Text>
      <Section id="angaben" title={t('summaryAnswers')}>
        <DescriptionList
          items={items.map(({ row, files }) => {
            const label = pick(row.label, lang);
            const value: ComponentChildren = files ? (
              <FileRows files={files} lang={lang} />
            ) : (
              text(row.value, lang)
            );
            return {
              key: label,
              value: (
                <>
                  {value}
                  {row.page ? (
                    <>
                      <br />
                      <Link href={`${pagePath(definition.key, row.page)}?zurueck=${SUMMARY}`} small>
                        {t('change', { label })}
                      </Link>
                    </>
                  ) : null}
                </>
              ),
            };
          })}
        />
      </Section>
      <Section id="ausweisdaten" title={t('eidTitle')}>
        <Text>{t('eidText')}</Text>
        <DescriptionList
          items={[
            { key: t('eidName'), value: `${citizen.givenNames} ${citizen.familyName}` },
            { key: t('eidBirth'), value: formatDate(citizen.birthDate, lang) },
            {
              key: t('eidAddress'),
              value: `${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}`,
            },
          ]}
        />
      </Section>
      <Section id="kosten" title={t('costsTitle')}>
        <Text>{feeCents ? t('costsPay', { amount: formatEuro(feeCents, lang) }) : t('costsFree')}</Text>
      </Section>
      {nextSteps.length > 0 ? (
        <Section id="weiter" title={t('nextTitle')}>
          {nextSteps.map((step) => (
            <Text>{pick(step, lang)}</Text>
          ))}
        </Section>
      ) : null}
      <PostForm action={`${servicePath(definition.key)}/absenden`} token={ctx.csrf()}>
        <input type="hidden" name="entwurf" value={draftId} />
        <ButtonGroup>
          <Button>{feeCents ? t('submitAndPay') : t('submit')}</Button>
        </ButtonGroup>
      </PostForm>
    </CitizenLayout>
  );
}

// ---- files

export function RemoveFilePage({
  ctx,
  definition,
  page,
  file,
}: {
  ctx: PageContext;
  definition: ServiceDefinition;
  page: PageDefinition;
  file: StoredUpload;
}) {
  const t = antraegeMessages(ctx.lang);
  const back = pagePath(definition.key, page.id);
  return (
    <CitizenLayout ctx={ctx} title={t('removeTitle')}>
      <Heading level={1}>{t('removeTitle')}</Heading>
      <Text>{t('removeText', { name: file.filename })}</Text>
      <PostForm action={`${back}/dateien/${file.id}/entfernen`} token={ctx.csrf()}>
        <ButtonGroup>
          <Button>{t('removeButton')}</Button>
          <LinkButton href={back} variant="secondary">
            {t('removeCancel')}
          </LinkButton>
        </ButtonGroup>
      </PostForm>
    </CitizenLayout>
  );
}

// ---- problems

/** A page for something that went wrong where the citizen can do something about it (no 500). */
export function ProblemPage({
  ctx,
  title,
  message,
  links,
}: {
  ctx: PageContext;
  title: string;
  message: string;
  links: Array<{ href: string; label: string }>;
}) {
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Alert kind="warning" title={title}>
        <Text>{message}</Text>
      </Alert>
      <List items={links.map((link) => <Link href={link.href}>{link.label}</Link>)} />
    </CitizenLayout>
  );
}
