import type { RecordInput } from './dokumente.service.js';

/**
 * Test data for the ID-document tests: an application as a clerk records it (ID card, collected at the
 * town hall, no contact for the notification); `extra` changes any field.
 */
export const applicant = (serialNumber: string, extra: Partial<RecordInput> = {}): RecordInput => ({
  serialNumber,
  documentType: 'personalausweis',
  locationId: 'rathaus',
  applicantName: 'Erika Mustermann',
  applicantBirthDate: '1964-08-12',
  contactEmail: null,
  contactPhone: null,
  contactConsent: false,
  contactLang: 'de',
  ...extra,
});
