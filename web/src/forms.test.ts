import { CombinedGraphQLErrors } from '@apollo/client';
import { attempt, errorCode, formErrors, formErrorsOf, skillRowField, withoutRowErrors } from './errors';
import { numberOrUndefined, salary } from './format';

// How the web app turns API answers into what a person reads beside a form's fields.
const answer = (...errors: { message: string; extensions: Record<string, unknown> }[]) =>
  new CombinedGraphQLErrors({ data: null, errors });

describe('formErrors', () => {
  it.each([
    [
      'a BAD_USER_INPUT naming its field',
      answer({
        message: 'An account with this e-mail already exists',
        extensions: { code: 'BAD_USER_INPUT', field: 'email' },
      }),
      { fields: { email: 'An account with this e-mail already exists' }, general: null },
    ],
    [
      'unknown skills, with the nearest known ones',
      answer({
        message: 'Unknown skill: pythn',
        extensions: { code: 'BAD_USER_INPUT', unknownSkills: ['pythn'], suggestions: { pythn: 'python' } },
      }),
      { fields: { skills: 'Unknown skill: pythn. Did you mean python?' }, general: null },
    ],
    [
      "class-validator's bounds, per property",
      answer({
        message: 'Argument Validation Error',
        extensions: {
          code: 'BAD_USER_INPUT',
          validationErrors: [{ property: 'password', constraints: { minLength: 'password is too short' } }],
        },
      }),
      { fields: { password: 'password is too short' }, general: null },
    ],
    [
      'a field named inside its input argument, beside the field itself',
      answer({
        message: 'salaryMin must not be above salaryMax',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.salaryMin' },
      }),
      { fields: { salaryMin: 'salaryMin must not be above salaryMax' }, general: null },
    ],
    [
      'a skill listed twice',
      answer({
        message: 'A skill is listed more than once: postgres',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'skills', repeatedSkills: ['postgres'] },
      }),
      { fields: { skills: 'A skill is listed more than once: postgres' }, general: null },
    ],
    [
      'an error of no field',
      answer({ message: 'Wrong e-mail or password', extensions: { code: 'UNAUTHENTICATED' } }),
      { fields: {}, general: 'Wrong e-mail or password' },
    ],
  ])('puts %s where it belongs', (_what, error, expected) => {
    expect(formErrors(error)).toEqual(expected);
  });

  it('says the service could not be reached when the request failed', () => {
    expect(formErrors(new TypeError('Failed to fetch')).general).toMatch(/could not be reached/);
  });

  it('has nothing to say without an error', () => {
    expect(formErrors(undefined)).toEqual({ fields: {}, general: null });
    expect(errorCode(undefined)).toBeNull();
  });

  it('answers a write that succeeded, or its errors sorted for the form', async () => {
    await expect(attempt(async () => 42)).resolves.toEqual({ ok: true, data: 42 });
    const refused = answer({
      message: 'Unknown skill: pythn',
      extensions: { code: 'BAD_USER_INPUT', unknownSkills: ['pythn'], suggestions: {} },
    });
    await expect(attempt(() => Promise.reject(refused), 'newSkill')).resolves.toEqual({
      ok: false,
      errors: { fields: { newSkill: 'Unknown skill: pythn' }, general: null },
    });
  });

  it("answers a payload's userErrors as a refused write, beside their fields", async () => {
    const payload = {
      token: null,
      userErrors: [
        {
          field: ['input', 'email'],
          code: 'TAKEN',
          message: 'email: an account with this e-mail address already exists',
        },
        {
          field: ['input', 'password'],
          code: 'TOO_SHORT',
          message: 'password: password must be longer than or equal to 10 characters',
        },
      ],
    };
    await expect(attempt(async () => payload)).resolves.toEqual({
      ok: false,
      errors: {
        fields: {
          email: 'An account with this e-mail address already exists',
          password: 'Password must be longer than or equal to 10 characters',
        },
        general: null,
      },
    });
    const done = { token: 't', userErrors: [] };
    await expect(attempt(async () => done)).resolves.toEqual({ ok: true, data: done });
  });

  it.each([
    [
      'an error of the input as a whole',
      [{ field: null, code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' }],
      { fields: {}, general: 'Wrong e-mail or password' },
    ],
    [
      'a skill list row’s skill, beside that row',
      [
        {
          field: ['input', 'skills', '2', 'skill'],
          code: 'UNKNOWN_SKILL',
          message: 'skills.2.skill: no skill is named so; did you mean “python”?',
        },
      ],
      { fields: { 'skills.2': 'No skill is named so; did you mean “python”?' }, general: null },
    ],
    [
      'a skill list row’s level, beside that row',
      [
        {
          field: ['input', 'skills', '0', 'level'],
          code: 'TOO_LARGE',
          message: 'skills.0.level: level must not be greater than 5',
        },
      ],
      { fields: { 'skills.0': 'Level must not be greater than 5' }, general: null },
    ],
    [
      'rows of a skill list, each beside its own, and the list as a whole beside the skills field',
      [
        { field: ['input', 'skills'], code: 'TOO_LONG', message: 'skills: at most 50 skills' },
        {
          field: ['input', 'skills', '1', 'skill'],
          code: 'DUPLICATE',
          message: 'skills.1.skill: names the same skill as skills.0.skill',
        },
        { field: ['input', 'skills', '1', 'level'], code: 'TOO_SMALL', message: 'skills.1.level: too small' },
        {
          field: ['input', 'skills', '3', 'skill'],
          code: 'UNKNOWN_SKILL',
          message: 'skills.3.skill: no skill',
        },
      ],
      {
        fields: {
          newSkill: 'At most 50 skills',
          'skills.1': 'Names the same skill as row 1; Too small',
          'skills.3': 'No skill',
        },
        general: null,
      },
    ],
    [
      'two rules of one field, together',
      [
        { field: ['input', 'text'], code: 'TOO_LONG', message: 'text: too long' },
        { field: ['input', 'text'], code: 'INVALID', message: 'text: not text' },
      ],
      { fields: { text: 'Too long; Not text' }, general: null },
    ],
  ])('puts userErrors of %s where they belong', (_what, userErrors, expected) => {
    expect(formErrorsOf(userErrors, 'newSkill')).toEqual(expected);
  });

  it('places a skill row’s error of a GraphQL error beside the row, and forgets row errors on demand', () => {
    const errors = formErrors(
      answer({
        message: 'skills.1.skill: unknown',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.skills.1.skill' },
      }),
    );
    expect(errors).toEqual({ fields: { 'skills.1': 'skills.1.skill: unknown' }, general: null });
    expect(skillRowField(1)).toBe('skills.1');
    expect(withoutRowErrors({ fields: { ...errors.fields, title: 'Too long' }, general: 'x' })).toEqual({
      fields: { title: 'Too long' },
      general: 'x',
    });
  });

  it('reads the code of the first error', () => {
    expect(errorCode(answer({ message: 'no', extensions: { code: 'FORBIDDEN' } }))).toBe('FORBIDDEN');
  });
});

describe('format', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['abc', undefined],
    ['12.5', 12.5],
    ['0', 0],
  ])('reads the form value %p as %p', (value, expected) => {
    expect(numberOrUndefined(value)).toBe(expected);
  });

  it('writes a salary range whichever ends are known', () => {
    expect(salary(null, null)).toBe('Salary not given');
    expect(salary({ amount: 90000, currency: 'USD' }, { amount: 120000, currency: 'USD' })).toBe(
      '$90,000 – $120,000',
    );
    expect(salary({ amount: 90000, currency: 'EUR' }, null)).toBe('from €90,000');
  });
});
