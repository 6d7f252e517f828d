import { decodeCursor, encodeCursor } from '../../src/common/connection';
import { containsPattern } from '../../src/common/filters';
import { decodeGlobalId, globalId, parseId } from '../../src/common/id';

describe('cursors', () => {
  it('round-trip the sort key they encode', () => {
    const values = ['Ruby on Rails', 42];
    expect(decodeCursor(encodeCursor(values), 2)).toEqual(values);
  });

  it('are opaque: no sort key readable in the text', () => {
    expect(encodeCursor(['Django', 7])).not.toContain('Django');
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['JSON of the wrong shape', Buffer.from('{"id":1}').toString('base64url')],
    ['the wrong number of values', encodeCursor([1, 2, 3])],
    ['a value of the wrong type', Buffer.from('[null,1]').toString('base64url')],
  ])('reject %s as BAD_USER_INPUT', (_case, cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

describe('global ids', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it.each([1, 42, 9007199254740991])('round-trips JobPosting %i', (key) => {
    const id = globalId('JobPosting', key);
    expect(id).toBe(b64(`JobPosting:${key}`));
    expect(parseId(id, 'JobPosting', 'id')).toBe(key);
  });

  it.each([
    ['a bare number', '42'],
    ['empty', ''],
    ['an unknown type', b64('Recipe:1')],
    ['a zero key', b64('Skill:0')],
    ['a signed key', b64('Skill:-1')],
    ['a leading zero', b64('Skill:01')],
    ['a fraction', b64('Skill:1.5')],
    ['an unsafe integer', b64('Skill:99999999999999999')],
    ['no key', b64('Skill:')],
    ['padding left off', b64('Skill:12').replace(/=+$/, '')],
    ['characters outside base64', `${b64('Skill:12')}!`],
    ['too long', b64(`Skill:1${' '.repeat(60)}`)],
  ])('refuses %s as BAD_USER_INPUT naming the argument', (_case, id) => {
    expect(decodeGlobalId(id)).toBeNull();
    expect(() => parseId(id, 'Skill', 'skillId')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'skillId' }),
      }),
    );
  });

  it('refuses the id of another type, saying which', () => {
    expect(() => parseId(globalId('Course', 7), 'JobPosting', 'postingId')).toThrow(
      'postingId must be the ID of a JobPosting, not of a Course',
    );
  });
});

describe('containsPattern', () => {
  it("takes the user's wildcards literally", () => {
    expect(containsPattern('100%_off!')).toBe('%100!%!_off!!%');
  });
});
