import { decodeCursor, encodeCursor } from '../../src/common/connection';
import { containsPattern } from '../../src/common/filters';
import { parseId } from '../../src/common/id';

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

describe('parseId', () => {
  it.each(['1', '42', '9007199254740991'])('accepts %s', (id) => {
    expect(parseId(id)).toBe(Number(id));
  });

  it.each(['0', '-1', '1.5', 'abc', '', '01', '1e3', '99999999999999999'])('rejects "%s"', (id) => {
    expect(() => parseId(id)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

describe('containsPattern', () => {
  it("takes the user's wildcards literally", () => {
    expect(containsPattern('100%_off!')).toBe('%100!%!_off!!%');
  });
});
