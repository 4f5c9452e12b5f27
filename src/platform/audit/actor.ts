import type { StaffIdentity } from '../views/page-context.js';
import type { Actor } from './audit.repository.js';

export function actorOf(staff: StaffIdentity | null): Actor {
  return staff ? { id: staff.id, name: staff.displayName } : { id: null, name: 'System' };
}
