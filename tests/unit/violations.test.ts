import { UserErrorCode, userErrorsOfViolations } from '../../src/common/payload';
import { describeViolations } from '../../src/error-messages';

// class-validator's report of a posting input with a bad title and a bad level on its
// third skill, as the validation of nested inputs produces it (the values it also carries
// are left out here: neither reading keeps them).
const violations = [
  { property: 'title', constraints: { maxLength: 'title must be shorter than or equal to 200 characters' } },
  {
    property: 'skills',
    children: [
      {
        property: '2',
        children: [
          {
            property: 'minLevel',
            constraints: {
              max: 'minLevel must not be greater than 5',
              isInt: 'minLevel must be an integer number',
            },
          },
        ],
      },
    ],
  },
];

describe('a refused input', () => {
  it('becomes user errors with the path from input, a code per rule and the field named', () => {
    expect(userErrorsOfViolations(violations)).toEqual([
      {
        field: ['input', 'title'],
        code: UserErrorCode.TOO_LONG,
        message: 'title: title must be shorter than or equal to 200 characters',
      },
      {
        field: ['input', 'skills', '2', 'minLevel'],
        code: UserErrorCode.TOO_LARGE,
        message: 'skills.2.minLevel: minLevel must not be greater than 5',
      },
      {
        field: ['input', 'skills', '2', 'minLevel'],
        code: UserErrorCode.INVALID,
        message: 'skills.2.minLevel: minLevel must be an integer number',
      },
    ]);
  });

  it('is described at the top level by path and rule names only', () => {
    expect(describeViolations(violations)).toEqual([
      { field: 'title', rules: ['maxLength'] },
      { field: 'skills.2.minLevel', rules: ['max', 'isInt'] },
    ]);
  });
});
