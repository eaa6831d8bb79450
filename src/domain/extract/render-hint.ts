/**
 * Does a page's static HTML look client-rendered, so that only a browser
 * would show its people? An empty app root (#root, #app, #team...) filled by
 * script, or almost no visible text on a page that runs scripts.
 */
import type { PageExtraction } from "./extract-page.ts";

export const MIN_STATIC_TEXT = 300;

export function needsRendering(page: PageExtraction): boolean {
  const { emptyAppRoot, scripts, visibleTextLength } = page.render;
  if (scripts === 0) return false;
  return emptyAppRoot || visibleTextLength < MIN_STATIC_TEXT;
}
