/** Messages between a benchmark and its server processes (server-child.ts). */
export type ChildMessage =
  | { type: 'ready'; port: number; info: Record<string, unknown> }
  | { type: 'verified'; info: Record<string, unknown> };

export type ParentMessage = { type: 'verify' } | { type: 'stop' };
