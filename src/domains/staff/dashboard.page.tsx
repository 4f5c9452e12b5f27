import { Card, Heading, Text } from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext, StaffIdentity } from '../../platform/views/page-context.js';
import { roleLabels, sectionsFor } from './staff.views.js';

export function DashboardPage({ ctx, staff }: { ctx: PageContext; staff: StaffIdentity }) {
  const sections = sectionsFor(staff);
  return (
    <StaffLayout ctx={ctx} title="Übersicht">
      <Heading level={1}>Guten Tag, {staff.displayName}</Heading>
      <Text>
        Sie sind als <strong>{staff.username}</strong> mit der Rolle <strong>{roleLabels[staff.role]}</strong>{' '}
        angemeldet.
      </Text>
      <Heading level={2}>Ihre Bereiche</Heading>
      {sections.length > 0 ? (
        sections.map((section) => (
          <Card title={section.title} href={section.href} headingLevel={3}>
            <Text>{section.description}</Text>
          </Card>
        ))
      ) : (
        <Text>Für Ihre Rolle gibt es in der Verwaltung derzeit keine Bereiche zum Bearbeiten.</Text>
      )}
    </StaffLayout>
  );
}
