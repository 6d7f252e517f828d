import { bounded, CLIENT_STRING_CHARS, operationLabels } from '../../src/observability';

describe('bounded client strings', () => {
  it.each([
    ['', ''],
    ['GitSkill', 'GitSkill'],
    ['x'.repeat(CLIENT_STRING_CHARS), 'x'.repeat(CLIENT_STRING_CHARS)],
    ['x'.repeat(CLIENT_STRING_CHARS + 1), `${'x'.repeat(CLIENT_STRING_CHARS - 1)}…`],
    ['y'.repeat(90 * 1024), `${'y'.repeat(CLIENT_STRING_CHARS - 1)}…`],
  ])('keeps case %# within 64 characters', (value, expected) => {
    expect(bounded(value)).toBe(expected);
  });
});

describe('operation labels', () => {
  it('gives the first names their own label and later ones `other`, and anonymous operations theirs', () => {
    const label = operationLabels(2);
    expect([label('A'), label('B'), label('C'), label('A'), label(null), label(undefined)]).toEqual([
      'A',
      'B',
      'other',
      'A',
      'anonymous',
      'anonymous',
    ]);
  });

  it('labels long names by their bounded form, so names differing only past it share a label', () => {
    const label = operationLabels(2);
    const long = 'N'.repeat(200);
    expect(label(`${long}1`)).toBe(bounded(long));
    expect(label(`${long}2`)).toBe(bounded(long));
    expect(label('Short')).toBe('Short');
  });
});
