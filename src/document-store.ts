import { createHash } from 'node:crypto';
import type { DocumentStore } from '@apollo/server';
import type { DocumentNode, Token } from 'graphql';

// Clients send the same few documents again and again. Each is parsed and validated once and
// kept here, by the sha256 of its text, the most recently used first: Apollo reads it as its
// `documentStore` (and then neither parses nor validates the document again), the limits
// checked before validation skip a document found here, and its costs are remembered for as
// long as it is kept (cost.ts).

/** Documents kept, at most. */
const DOCUMENTS = 1000;
/**
 * Tokens of the documents kept, at most: a parsed document holds 200 to 400 bytes a token,
 * so this bounds the store to about 40 MiB, 20 documents of the most tokens the parser reads.
 */
const TOKENS = 100_000;

/** The key of a document's text: what Apollo calls its query hash. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ValidatedDocuments implements DocumentStore {
  /** in order of use, the least recent first */
  private readonly documents = new Map<string, { document: DocumentNode; tokens: number }>();
  private tokens = 0;

  /** Whether the document of this hash has been validated and is kept. */
  has(hash: string): boolean {
    return this.documents.has(hash);
  }

  // Apollo prefixes its keys with a hash of the schema and a colon; there is one schema.
  async get(key: string): Promise<DocumentNode | undefined> {
    const hash = hashOf(key);
    const kept = this.documents.get(hash);
    if (!kept) return undefined;
    this.documents.delete(hash);
    this.documents.set(hash, kept);
    return kept.document;
  }

  /** Keeps a document that passed validation: only Apollo, having validated it, calls this. */
  async set(key: string, document: DocumentNode): Promise<void> {
    await this.delete(key);
    const tokens = tokenCount(document);
    this.documents.set(hashOf(key), { document, tokens });
    this.tokens += tokens;
    for (const [hash, oldest] of this.documents) {
      if (this.documents.size <= DOCUMENTS && this.tokens <= TOKENS) break;
      this.documents.delete(hash);
      this.tokens -= oldest.tokens;
    }
  }

  async delete(key: string): Promise<boolean> {
    const hash = hashOf(key);
    const kept = this.documents.get(hash);
    if (!kept) return false;
    this.documents.delete(hash);
    this.tokens -= kept.tokens;
    return true;
  }
}

function hashOf(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1);
}

function tokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token; token = token.next) count++;
  return count;
}
