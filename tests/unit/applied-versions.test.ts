import { AppliedVersions } from '../../src/matching/applied-versions';

// The versions the change feed has applied: the latest of each candidate, and those near
// the watermark once each (what a saved index resumes from).

describe('the versions applied', () => {
  it('answers the latest version of each candidate, and those since a time once each', () => {
    const versions = new AppliedVersions();
    for (let id = 1; id <= 20_000; id++) versions.set(id, 1000 + (id % 10));
    versions.set(7, 2000);
    versions.set(7, 2000);
    versions.set(1 << 30, 2001); // an id past the array
    versions.forgetBefore(1005);
    expect(versions.get(7)).toBe(2000);
    expect(versions.get(1)).toBe(1001); // older than the horizon, still known
    expect(versions.get(20_001)).toBeUndefined();

    const { ids, times } = versions.since(1009);
    const since = [...ids].map((id, i) => [id, times[i]]).sort((a, b) => a[0] - b[0]);
    const expected = [[7, 2000]];
    for (let id = 9; id <= 20_000; id += 10) expected.push([id, 1009]);
    expected.push([1 << 30, 2001]);
    expect(since).toEqual(expected.sort((a, b) => a[0] - b[0]));
  });
});
