// Bounds on what clients write, checked by class-validator before any resolver runs.
// Lists that clients write are read back by everyone (a posting's skills by every
// visitor), so their length bounds the cost of answers as well as of writes.

/** Most items in a list a client writes: a posting's, a profile's or a course's skills, a course's prerequisites. */
export const MAX_WRITTEN_LIST = 50;

/** Longest skill slug or alias a client may name. */
export const MAX_SKILL_NAME = 80;
