/** Text the city edits in several languages; German is required, the others fall back to it. */
export interface LocalizedText {
  de: string;
  en?: string;
}

export function pick(text: LocalizedText | null | undefined, lang: string): string {
  if (!text) return '';
  return (text as unknown as Record<string, string | undefined>)[lang] || text.de;
}
