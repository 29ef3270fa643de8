/**
 * Texts come from Word, PDFs and Markdown exports: the same words may arrive decomposed (NFD),
 * with non-breaking or repeated spaces, zero-width characters and emphasis marks. Matching is done
 * on one canonical form so the grammar needs to know about none of that. Case is kept (the
 * patterns are case-insensitive) so that fragments quoted in error messages read as written.
 */
export function normaliseTimelineText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
