import fc from 'fast-check';
import { loadTaxonomy } from '../../seeds/taxonomy/taxonomy';
import { levelForYears, readCues } from '../../src/taxonomy/cues';
import { buildMatcher, extractSkills, MatcherSkill, resolveName } from '../../src/taxonomy/extract';
import { compactKey, slugFor, tokenize } from '../../src/taxonomy/text';

const SKILLS: MatcherSkill[] = [
  { id: 1, name: 'C', aliases: [] },
  { id: 2, name: 'C++', aliases: ['cpp'] },
  { id: 3, name: 'C#', aliases: ['csharp'] },
  { id: 4, name: 'Objective-C', aliases: [] },
  { id: 5, name: 'Node.js', aliases: ['Node'] },
  { id: 6, name: 'Go', aliases: ['golang'] },
  { id: 7, name: 'PostgreSQL', aliases: ['Postgres'] },
  { id: 8, name: 'Ruby on Rails', aliases: ['Rails'] },
  { id: 9, name: 'Ruby', aliases: [] },
  { id: 10, name: '.NET', aliases: ['.NET Core', 'ASP.NET'] },
  { id: 11, name: 'PHP', aliases: [] },
  { id: 12, name: 'Microservice', aliases: [] },
  { id: 13, name: 'API', aliases: [] },
];
const RULES = {
  terms: {
    c: { caseSensitive: true, needsContext: true },
    go: { caseSensitive: true, needsContext: true, cues: ['golang'] },
    node: { needsContext: true },
  },
  notInText: [],
};
const matcher = buildMatcher(SKILLS, RULES);
const read = (text: string) =>
  extractSkills(matcher, text).map((s) => [s.skillId, s.mentions.map((m) => m.text)]);

describe('tokenize and keys', () => {
  it.each([
    ['Node.js', ['node', 'js']],
    ['.NET Core', ['.net', 'core']],
    ['ASP.NET', ['asp', 'net']],
    ['C++/C#', ['c++', 'c#']],
    ['ｐｙｔｈｏｎ３', ['python3']],
  ])('splits %s into %j', (text, keys) => {
    expect(tokenize(text).map((t) => t.norm)).toEqual(keys);
  });

  it.each([
    ['Node.js', 'nodejs'],
    ['node js', 'nodejs'],
    ['NodeJS', 'nodejs'],
  ])('keys %s as %s', (name, key) => expect(compactKey(name)).toBe(key));

  it.each([
    ['C++', 'cpp'],
    ['C#', 'csharp'],
    ['.NET', 'dotnet'],
    ['Ruby on Rails', 'ruby-on-rails'],
  ])('slugs %s as %s', (name, slug) => expect(slugFor(name)).toBe(slug));
});

describe('extractSkills', () => {
  it.each<[string, (string | number | string[])[][]]>([
    [
      'Objective-C and C++ and C#',
      [
        [4, ['Objective-C']],
        [2, ['C++']],
        [3, ['C#']],
      ],
    ],
    [
      'C and C++',
      [
        [1, ['C']],
        [2, ['C++']],
      ],
    ],
    ['plan C', []],
    [
      'Ruby on Rails, not just Ruby',
      [
        [8, ['Ruby on Rails']],
        [9, ['Ruby']],
      ],
    ],
    ['node.js / NodeJS / node js', [[5, ['node.js', 'NodeJS', 'node js']]]],
    ['PHP 8.2 and PHP8', [[11, ['PHP 8.2', 'PHP8']]]],
    [
      'microservices behind APIs',
      [
        [12, ['microservices']],
        [13, ['APIs']],
      ],
    ],
    ['Tooling in Go, with golang', [[6, ['Go', 'golang']]]],
    ['Go with golang: a capital at the start proves nothing', [[6, ['golang']]]],
    ['Let us go.', []],
    ['ASP.NET and .NET Core', [[10, ['ASP.NET', '.NET Core']]]],
    ['example.net', []],
    ['Postgres 5 years', [[7, ['Postgres']]]],
  ])('reads %j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('resolves a name as a whole, whatever its context rules', () => {
    expect(resolveName(matcher, 'go')).toBe(6);
    expect(resolveName(matcher, 'node js')).toBe(5);
    expect(resolveName(matcher, 'PHP 8')).toBe(11);
    expect(resolveName(matcher, 'Ruby on')).toBe(null);
  });

  const word = fc.constantFrom(
    'C',
    'C++',
    'go',
    'Go',
    'Node.js',
    'node',
    'Rails',
    'PHP 8',
    '.NET',
    ' ',
    ', ',
    '\n',
    'é',
    '🚀',
    'and',
    'x',
  );
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.array(word, { maxLength: 60 }).map((w) => w.join('')),
  );

  it('gives mentions whose slice of the text is their text, in order, never overlapping', () => {
    fc.assert(
      fc.property(text, (t) => {
        const all = extractSkills(matcher, t).flatMap((s) => s.mentions);
        for (const m of all) {
          expect(t.slice(m.start, m.end)).toBe(m.text);
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeGreaterThan(m.start);
        }
        const sorted = [...all].sort((a, b) => a.start - b.start);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
      }),
    );
  });

  it('answers each skill once, with a level from 1 to 5 or none and a confidence in (0, 1)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const found = extractSkills(matcher, t);
        expect(new Set(found.map((s) => s.skillId)).size).toBe(found.length);
        for (const s of found) {
          expect(s.level === null || (s.level >= 1 && s.level <= 5)).toBe(true);
          expect(s.confidence).toBeGreaterThan(0);
          expect(s.confidence).toBeLessThan(1);
        }
      }),
    );
  });

  it('reads no more skills from a text when unrelated words are added around it', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const t = words.join(' ');
        const ids = (s: string) => extractSkills(matcher, s).map((x) => x.skillId);
        expect(ids(`Hello. ${t} Goodbye.`)).toEqual(ids(t));
      }),
    );
  });
});

describe('cues', () => {
  it.each([
    [0, 1],
    [1, 2],
    [3, 3],
    [5, 4],
    [10, 5],
  ])('%d years is level %d', (years, level) => expect(levelForYears(years)).toBe(level));

  it.each<[string, string, 'REQUIRED' | 'PREFERRED', number | null]>([
    ['5+ years of Java', 'Java', 'REQUIRED', 4],
    ['Expert in Java', 'Java', 'REQUIRED', 5],
    ['Exposure to Java is a plus', 'Java', 'PREFERRED', 2],
    ['Familiarity with Java', 'Java', 'PREFERRED', 2],
    ['Java', 'Java', 'REQUIRED', null],
    ['Bonus:\nJava', 'Java', 'PREFERRED', null],
    ['Bonus:\nGo\nRequirements:\nJava', 'Java', 'REQUIRED', null],
    ['Senior engineer. Java is preferred', 'Java', 'PREFERRED', null],
  ])('%j asks for %s as %s at level %s', (text, skill, importance, level) => {
    expect(readCues(text).at(text.lastIndexOf(skill))).toEqual({ importance, level });
  });
});

describe('the real taxonomy', () => {
  const taxonomy = loadTaxonomy();

  it('holds at least 1,500 skills, each slug once, parents before children', () => {
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(1500);
    const seen = new Set<string>();
    const misplaced: string[] = [];
    for (const skill of taxonomy.skills) {
      if (seen.has(skill.slug) || (skill.parent && !seen.has(skill.parent))) misplaced.push(skill.slug);
      seen.add(skill.slug);
    }
    expect(misplaced).toEqual([]);
  });

  it('names no skill, and no alias, by a generic word', () => {
    const generic = ['design', 'development', 'platform', 'service', 'jobs'];
    const named = taxonomy.skills.flatMap((s) => [s.name, ...s.aliases]).map((n) => n.toLowerCase());
    expect(named.filter((n) => generic.includes(n))).toEqual([]);
  });
});
