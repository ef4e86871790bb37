import { BRAND_MARK_FACES } from './brand-mark-font-data.js';

/** The font family the brand mark's symbols are set in (styles.css puts it first in the mark's stack). */
export const BRAND_MARK_FAMILY = 'Fortune Sky Mark';

/** A subset font holding some of the brand mark's symbols. */
export interface BrandMarkFace {
  /** The characters it holds, and the only ones it is used for (its unicode-range). */
  characters: string;
  /** The font it was cut from. */
  font: string;
  /** The WOFF2 file, base64. */
  woff2: string;
}

/**
 * The `@font-face` rules of the brand mark's symbols (⎯ 《 》), which many machines lack (they
 * would show boxes): inlined as data: URLs, so no request and no other origin, and each face
 * limited by `unicode-range` to its own characters, so the rest of the mark keeps the site's serif.
 */
export function brandMarkFontCss(faces: readonly BrandMarkFace[] = BRAND_MARK_FACES): string {
  return faces
    .map(
      (face) =>
        `@font-face { font-family: "${BRAND_MARK_FAMILY}"; src: url(data:font/woff2;base64,${face.woff2}) format("woff2"); ` +
        `font-weight: 700; font-display: swap; unicode-range: ${unicodeRange(face.characters)}; }`,
    )
    .join('\n');
}

/** A CSS unicode-range listing each character, e.g. "U+300A, U+300B". */
export function unicodeRange(characters: string): string {
  return [...characters].map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`).join(', ');
}
