import { z } from 'zod';
import { DEVICE_NAME_MAX } from './devices.service.js';
import { deviceKinds } from './devices.tables.js';

/** Registration of a device by an admin (messages are codes from validationMessages). */
export const newDeviceSchema = z.object({
  locationId: z.string({ error: 'choice' }).trim().min(1, 'choice').max(100, 'choice'),
  kind: z.enum(deviceKinds, { error: 'choice' }),
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(DEVICE_NAME_MAX, 'tooLong'),
});
export type NewDeviceInput = z.infer<typeof newDeviceSchema>;
