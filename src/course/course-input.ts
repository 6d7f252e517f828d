// A course as plain data (no database, no GraphQL): what the course catalogue holds of
// each course, and what the learning paths choose among.

/** A course: what it teaches, what it needs first, and what it costs in time and money. */
export interface CourseInput {
  id: number;
  format: string;
  durationWeeks: number | null;
  durationHours: number | null;
  priceUsd: number | null;
  /** skill id → the level the course brings a learner to */
  teaches: ReadonlyMap<number, number>;
  prerequisites: readonly number[];
}
