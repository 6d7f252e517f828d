// Written by the web build (early-plugin.ts): the operations' text as the app's client sends
// it, and the code each route needs, by its hashed file name.
declare module 'virtual:early-operations' {
  export const CANDIDATE_MATCHES: string;
  export const POSTING: string;
  export const PRELOAD: {
    candidates: readonly string[];
    posting: readonly string[];
    postings: readonly string[];
  };
}
