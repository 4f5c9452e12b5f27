import type { ComponentChildren } from 'preact';
import { Checkbox, Heading, Link, Text } from './kern.js';

/** A part of a page under its own second-level heading (the section is labelled by it). */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="app-section">
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * The privacy part of a citizen form: what the data is used for, a link to the privacy page and the
 * consent checkbox.
 */
export function PrivacySection({
  id,
  title,
  purpose,
  details,
  more,
  consent,
}: {
  id: string;
  title: string;
  purpose: string;
  /** Further sentences after the purpose (e.g. how long the data is kept). */
  details?: string | undefined;
  /** The text of the link to /datenschutz. */
  more: string;
  consent: { name: string; label: string; checked: boolean; error: string | undefined };
}) {
  return (
    <Section id={id} title={title}>
      <Text>{purpose}</Text>
      {details ? <Text>{details}</Text> : null}
      <Text>
        <Link href="/datenschutz">{more}</Link>
      </Text>
      <Checkbox {...consent} />
    </Section>
  );
}
