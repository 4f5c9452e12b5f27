import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Templates are Preact components rendered on the server: props are typed, every text is escaped,
 * and raw HTML needs an explicit `dangerouslySetInnerHTML` (linted, allowed only in `RawHtml`).
 */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}

export function renderFragment(node: VNode): string {
  return renderToString(node);
}
