import { compactKey, tokenKeys } from './text';

// How the sources write names, and which of their alternative names are spellings of the
// same thing. Pure.

const VENDORS =
  /^(Microsoft|Oracle|Apache|Amazon|Google|IBM|Atlassian|Adobe|Red Hat|The MathWorks|Apple|Autodesk|JetBrains|Facebook|Meta|Pivotal|VMware|Cisco|Micro Focus|HashiCorp|Progress|SAP|Eclipse|Elastic|Salesforce|Hewlett Packard Enterprise|Broadcom|Ansys|Dassault Systemes|Bentley|ESRI|Unity Technologies|Atlassian) /;
const SUFFIXES = / (software|Framework|ORM|CI|IDE)$/;

/** An O*NET technology's names: as listed, without vendor and suffix, and a trailing acronym apart. */
export function onetNames(technology: string): string[] {
  const names: string[] = [];
  let name = technology.trim();
  const add = (n: string) => {
    if (n && !names.includes(n)) names.push(n);
  };
  const bare = name.replace(SUFFIXES, '');
  const acronym = /^(.*\S) ([A-Z][A-Z0-9.]{1,6})$/.exec(bare);
  if (acronym && isInitialism(acronym[2], acronym[1])) {
    add(acronym[1].replace(VENDORS, ''));
    add(acronym[2]);
    add(acronym[1]);
    return names;
  }
  name = bare;
  const withoutVendor = name.replace(VENDORS, '');
  add(withoutVendor.length >= 2 ? withoutVendor : name);
  add(name);
  add(technology.trim());
  return names;
}

const SPELLING_REST = /^(?:js|lang|language|framework|db|io|x|net|v|\d[\dx.]*)+$/;

const MINOR_WORDS = new Set(['and', 'of', 'the', 'for', 'with', 'in', 'on', 'to', 'a', 'an']);

/**
 * Whether `alias` is another spelling of `name` rather than a related topic: one holds the
 * other with only a spelling's suffix ("golang", "postgres"), they share a significant word ("cloud technologies",
 * "cloud"), or a short alias is an abbreviation of it ("k8s", "gcp").
 */
export function isVariantOf(alias: string, name: string): boolean {
  const a = compactKey(alias);
  const n = compactKey(name);
  if (a.length >= 2 && n.length >= 2) {
    if (n.includes(a)) return true;
    // "reactjs", "golang", "angular2", but not a related tool or topic ("gofmt", "php-cgi")
    if (a.includes(n) && SPELLING_REST.test(a.replace(n, ''))) return true;
  }
  const words = new Set(tokenKeys(name).filter((w) => w.length >= 3 && !MINOR_WORDS.has(w)));
  if (tokenKeys(alias).some((w) => words.has(w))) return true;
  if (a.length > 5) return false;
  let at = 0;
  for (const ch of a.replace(/[^a-z]/g, '')) {
    at = n.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return a[0] === n[0];
}

function isInitialism(acronym: string, words: string): boolean {
  const initials = words
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  let at = 0;
  for (const letter of acronym.replace(/[^A-Z]/g, '')) {
    at = initials.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return acronym.replace(/[^A-Z]/g, '').length >= 2;
}

export function escoLabel(label: string): string {
  return label.replace(/\s*\((computer programming|software|programming)\)\s*$/i, '').trim();
}
