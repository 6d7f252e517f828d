import { HeldIds } from '../../src/matching/held-ids';
import { IdTable } from '../../src/matching/id-table';

// The numbers the match index keeps by candidate id: in an array grown as ids grow, and in a
// map for ids past it, with the same answers either way.

describe('a table of numbers by id', () => {
  it('made for a span of ids, holds every id below it without growing, and grows past it alike', () => {
    const held = new IdTable(Int32Array, -1, 100_000);
    expect(held.idSpan).toBeGreaterThanOrEqual(100_000);
    const span = held.idSpan;
    held.set(99_999, 7);
    expect(held.idSpan).toBe(span);
    held.set(250_000, 8);
    expect(held.idSpan).toBeGreaterThan(250_000);
    expect([held.get(99_999), held.get(250_000), held.get(0)]).toEqual([7, 8, undefined]);
  });

  it.each([
    ['slots', () => new IdTable(Int32Array, -1), 0, 1 << 26],
    ['versions', () => new IdTable(Float64Array, 0), 1.7e12, 1 << 25],
  ])('holds %s by id, small, grown and past the array alike', (_, table, value, pastTheArray) => {
    const held = table();
    // (the first number, slot 0, is one like any other where -1 is the empty one)
    const some = [0, 1, 1023, 1024, 5000, 70_000, pastTheArray, 2 ** 30];
    some.forEach((id, i) => held.set(id, value + i));
    expect(some.map((id) => held.get(id))).toEqual(some.map((_, i) => value + i));
    expect(held.get(2)).toBeUndefined();
    expect(held.get(pastTheArray - 1)).toBeUndefined();
    expect(held.get(pastTheArray + 1)).toBeUndefined();
    expect(held.idsBetween(1, 5001)).toEqual([1, 1023, 1024, 5000]);
    expect(held.idsBetween(70_000, 2 ** 31)).toEqual([70_000, pastTheArray, 2 ** 30]);

    held.delete(1024);
    held.delete(pastTheArray);
    held.delete(3); // never held
    expect(held.get(1024)).toBeUndefined();
    expect(held.get(pastTheArray)).toBeUndefined();
    expect(held.idsBetween(0, 2 ** 31)).toEqual([0, 1, 1023, 5000, 70_000, 2 ** 30]);

    held.forgetSparse((number) => number >= value + 5);
    expect(held.get(2 ** 30)).toBeUndefined();
    expect(held.get(70_000)).toBe(value + 5); // in the array: kept
  });
});

describe('the candidates the match index holds', () => {
  it('counts the ids held by bucket of 1,024 ids, as the change feed compares them', () => {
    const held = new HeldIds();
    for (const id of [1, 2, 1023, 1024, 2 ** 27]) held.set(id, id % 7);
    held.set(2, 5); // moved, still one id
    expect(held.size).toBe(5);
    expect([...held.buckets].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 3],
      [1024, 1],
      [2 ** 27, 1],
    ]);
    held.delete(1024);
    held.delete(1024);
    held.delete(2 ** 27);
    expect(held.size).toBe(3);
    expect([...held.buckets]).toEqual([[0, 3]]);
    expect(held.get(2)).toBe(5);
    expect(held.has(1024)).toBe(false);
  });
});
