import { COLUMNS, Columns } from '../../src/matching/index-storage';

// The match index's columns grow ahead of need a slice per turn, while writes go on: a slot
// written after the copy passed it must reach the larger columns too, however many there are.

function fill(columns: Columns, size: number): void {
  columns.ensure(size);
  for (let slot = 0; slot < size; slot++) {
    columns.ids[slot] = slot + 1;
    columns.years[slot] = slot % 30;
    columns.alive[slot] = 1;
  }
  columns.size = size;
}

describe('columns growing ahead of need', () => {
  it.each([1, 7, 64, Infinity])(
    'keep every write made while they grow %s slots a step, behind the copy or ahead of it',
    (work) => {
      const columns = new Columns();
      fill(columns, 1024);
      const before = columns.ids.length;
      columns.size = Math.ceil(before * 0.8); // past three quarters: growth is due
      expect(columns.growthDue()).toBe(true);
      const expected = COLUMNS.map((name) => Array.from(columns[name].subarray(0, columns.size)));
      let steps = 0;
      let more = true;
      while (more) {
        more = columns.growAhead(work);
        // Every fourth step, a slot behind the copy and one ahead of it are written, as
        // retiring a candidate and editing one in place do (fewer than a step copies).
        const written =
          steps % 4 === 0 ? [(steps * 37) % columns.size, (steps * 101 + 500) % columns.size] : [];
        for (const slot of written) {
          columns.alive[slot] = 0;
          columns.years[slot] = 99;
          columns.touch(slot);
          expected[COLUMNS.indexOf('alive')][slot] = 0;
          expected[COLUMNS.indexOf('years')][slot] = 99;
        }
        steps++;
      }
      expect(columns.ids.length).toBe(before * 2);
      expect(COLUMNS.map((name) => Array.from(columns[name].subarray(0, columns.size)))).toEqual(expected);
    },
  );
});
