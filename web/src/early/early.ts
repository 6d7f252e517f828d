// The early script: index.html loads it, alone and async, before the app's code. On a link to
// a posting or its ranked candidates it sends the queries the page will send (the same text,
// taken from the app's documents at build time, and the same variables) and asks for the
// route's code, so both travel while the app's JavaScript is still being compiled. The app
// takes the answers (early-link.ts), or asks itself when an answer failed or is not its own.
import { CANDIDATE_MATCHES, POSTING, PRELOAD } from 'virtual:early-operations';
import { candidateMatchesVariables } from '../routes/candidate-variables';
import { sendEarly, TOKEN_KEY } from './answers';

function preload(files: readonly string[]): void {
  for (const href of files) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  }
}

function start(): void {
  if (window.location.pathname === '/') preload(PRELOAD.postings);
  const route = /^\/postings\/([^/]+)(\/candidates)?\/?$/.exec(window.location.pathname);
  if (!route) return;
  const id = decodeURIComponent(route[1]);
  const token = localStorage.getItem(TOKEN_KEY);
  if (!route[2]) {
    preload(PRELOAD.posting);
    sendEarly('Posting', POSTING, { id }, token);
    return;
  }
  // Signed out, the page sends the person to sign in and asks nothing.
  if (!token) return;
  preload(PRELOAD.candidates);
  sendEarly('Posting', POSTING, { id }, token);
  const variables = candidateMatchesVariables(id, new URLSearchParams(window.location.search));
  sendEarly('CandidateMatches', CANDIDATE_MATCHES, { ...variables }, token);
}

try {
  start();
} catch {
  // Storage refused or a malformed link: the app asks for what it needs itself.
}
