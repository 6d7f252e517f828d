import { PostingList } from '../../src/matching/index-storage';

// A long posting list nearly full grows ahead of need a slice per turn, while writes go on
// adding entries at its end: every entry, copied before the growth began, during it, or
// added when the list was full and the growth had to end at once, must be in the grown list.

/** A list of `size` entries in arrays of `size` plus `room`. */
function listOf(size: number, room: number): PostingList {
  const list = new PostingList();
  list.resize(size + room);
  for (let i = 0; i < size; i++) list.add(2 * i, 1 + (i % 5));
  return list;
}

describe('posting lists growing ahead of need', () => {
  it('are due once long and nearly full, and not otherwise', () => {
    expect(listOf(60_000, 1_000).growthDue()).toBe(true);
    expect(listOf(60_000, 10_000).growthDue()).toBe(false);
    expect(listOf(1_000, 10).growthDue()).toBe(false); // short: grown at once when full, cheaply
  });

  it.each([
    [1, 'in steps'],
    [7, 'in steps'],
    [4096, 'in steps'],
    [1, 'at once, full first'],
    [4096, 'at once, full first'],
    [Infinity, 'at once'],
  ])('keep every entry added while they grow %s entries a step, ending %s', (work, ending) => {
    const size = 40_000;
    const list = listOf(size, 1_000);
    const expected = {
      slots: Array.from(list.slots.subarray(0, size)),
      levels: Array.from(list.levels.subarray(0, size)),
    };
    const add = (slot: number, level: number) => {
      list.add(slot, level);
      expected.slots.push(slot);
      expected.levels.push(level);
    };
    const before = list.slots.length;
    let next = 2 * size;
    let steps = 0;
    for (let more = list.growAhead(work); more; more = list.growAhead(work)) {
      // Writes between steps: an entry every few steps, fewer than the room left, or
      // enough to fill the arrays in use, so that the growth ends at once, inside `add`.
      const filled = ending === 'at once, full first' && steps === 3;
      const added = filled ? list.slots.length - list.size + 5 : Number(steps % 50 === 0);
      for (let i = 0; i < added; i++) add(next++, 1 + (next % 5));
      steps++;
    }
    add(next++, 3);
    expect(list.slots.length).toBeGreaterThan(before);
    expect(list.growthDue()).toBe(false);
    expect(list.ascending).toBe(true);
    expect({
      slots: Array.from(list.slots.subarray(0, list.size)),
      levels: Array.from(list.levels.subarray(0, list.size)),
    }).toEqual(expected);
  });
});
