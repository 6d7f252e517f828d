// Normalised forms shared by the taxonomy build, the extractor and the lookup, so that a
// name, an alias and a mention in text meet on the same key. Pure: no database, no GraphQL.

/** One word-like piece of a text, with its offsets into the original string (end exclusive). */
export interface Token {
  start: number;
  end: number;
  /** NFKC, lower case: what the trie compares */
  norm: string;
  /** NFKC, case kept: what case-sensitive aliases compare */
  surface: string;
}

// A word is letters and digits, optionally followed by + or # (C++, C#, F#). A leading dot
// belongs to the word only where no word runs into it (".NET", not the ".js" of "node.js").
// Scanned by character code: texts run to 100,000 characters and are read on every request.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(text.slice(at, at + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return WORD_CHAR.test(text.slice(at - 1, at + 1));
  return WORD_CHAR.test(text[at]);
}

/** The words of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let at = 0;
  while (at < n) {
    if (!isWordCode(text, at)) {
      at++;
      continue;
    }
    const dotted = at > 0 && text.charCodeAt(at - 1) === 46 && (at < 2 || !isWordCode(text, at - 2));
    const start = dotted ? at - 1 : at;
    while (at < n && isWordCode(text, at)) at++;
    while (at < n && (text.charCodeAt(at) === 43 || text.charCodeAt(at) === 35)) at++; // + and #
    const raw = text.slice(start, at);
    let ascii = true;
    for (let k = 0; k < raw.length && ascii; k++) ascii = raw.charCodeAt(k) < 128;
    // ASCII is its own NFKC form; only other text pays for normalising
    const surface = ascii ? raw : raw.normalize('NFKC');
    tokens.push({ start, end: at, norm: surface.toLowerCase(), surface });
  }
  return tokens;
}

/** The token keys of a name: "Node.js" → ["node", "js"], ".NET Core" → [".net", "core"]. */
export function tokenKeys(name: string): string[] {
  return tokenize(name).map((t) => t.norm);
}

/** One key per name, whatever its punctuation, spacing or case: "Node.js", "node js", "NodeJS" → "nodejs". */
export function compactKey(name: string): string {
  return tokenKeys(name).join('').replace(/^\./, '');
}

/** URL-safe slug for a name: "C++" → "cpp", "C#" → "csharp", ".NET" → "dotnet". */
export function slugFor(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/\+/g, '-plus')
    .replace(/#/g, 'sharp')
    .replace(/(^|[^a-z0-9])\.(?=[a-z])/g, '$1dot')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
