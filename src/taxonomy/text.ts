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
const WORD = /\.?[\p{L}\p{N}]+(?:[+#]+)?/gu;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** The words of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    let raw = match[0];
    if (raw.startsWith('.') && isWordChar(text[start - 1])) {
      start += 1;
      raw = raw.slice(1);
    }
    const surface = raw.normalize('NFKC');
    tokens.push({ start, end: start + raw.length, norm: surface.toLowerCase(), surface });
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
