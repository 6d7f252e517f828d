import {
  assertActsForCandidate,
  assertOwnsPosting,
  canSeeCandidate,
  canSeePosting,
  ownsPosting,
} from '../access/policy';
import { Viewer } from '../access/viewer';
import { Candidate } from '../candidate/candidate.entity';
import {
  Connection,
  connectionOf,
  encodeCursor,
  numericCursor,
  Page,
  pageOf,
  PageSide,
  sortedPage,
} from '../common/connection';
import { notFound, parseId } from '../common/id';
import { JobPosting, PostingSkill, PostingStatus } from '../posting/posting.entity';
import { PostingService } from '../posting/posting.service';
import { Asker, Loaders } from '../request';
import { SkillCatalog } from '../skill/skill-catalog';
import { SkillTree } from '../skill/skill-tree';
import { MatchIndex } from './match-index';
import { RankedCandidate } from './rank-heap';
import { RankingFilter, RankWindow } from './ranking';
import { OpenPostings, readPosting } from './open-postings';
import { CandidateMatchesArgs, PostingMatchesArgs } from './matching.inputs';
import { CandidateMatch, PostingMatch, SkillGap, SkillMatch } from './matching.types';
import {
  CandidateInput,
  compareRanked,
  orderPostingSkills,
  PostingInput,
  scoreMatch,
  SkillCredit,
} from './scoring';

export interface RankedConnection<T> extends Connection<T> {
  reason: string | null;
}

/** A candidate as read for an answer, with its scoring inputs. */
interface PageRow {
  candidate: Candidate;
  input: CandidateInput;
}

const NO_SKILLS = 'This posting lists no skills, so there is nothing to rank candidates by.';
const CANDIDATE_NO_SKILLS = 'This candidate lists no skills, so there is nothing to rank postings by.';

export class MatchingService {
  constructor(
    private readonly index: MatchIndex,
    private readonly postings: PostingService,
    private readonly openPostings: OpenPostings,
    private readonly skills: SkillCatalog,
  ) {}

  /** Candidates ranked for a posting: ranked by the index, explained by the scoring module. */
  async candidateMatches(
    args: CandidateMatchesArgs,
    { loaders, viewer }: Asker,
  ): Promise<RankedConnection<CandidateMatch>> {
    const window = rankWindow(pageOf(args, 2));
    const id = parseId(args.postingId, 'JobPosting', 'postingId');
    const filter: RankingFilter = {
      // A recruiter never sees candidates who are not open to work, whatever the filter says.
      openToWorkOnly: (args.filter?.openToWork ?? true) || !seesCandidatesNotOpenToWork(viewer),
      remote: args.filter?.remote,
      location: args.filter?.location,
      minYearsExperience: args.filter?.minYearsExperience,
      minScore: args.minScore,
      onlyMeetingRequired: args.onlyMeetingRequired,
    };
    await this.index.ready();
    const rankAndExplain = async (posting: PostingInput, alongside?: Promise<unknown>) => {
      if (posting.skills.length === 0) return emptyRanking<CandidateMatch>(NO_SKILLS, window);
      // Explained with the very tree the index ranked with: the catalogue's, read in the same tick.
      const tree = this.skills.tree();
      const [{ total, page, hasMore }] = await Promise.all([
        this.visiblePage(posting, filter, window, { loaders, viewer }),
        alongside,
      ]);
      const nodes = page.map(({ candidate, input }) => {
        const result = scoreMatch(posting, input, tree);
        return Object.assign(new CandidateMatch(), {
          candidateId: candidate.id,
          candidate,
          score: result.score,
          meetsAllRequired: result.meetsAllRequired,
          skills: result.skills.map((credit) => toSkillMatch(credit, loaders)),
        });
      });
      const edges = nodes.map((node) => ({ node, cursor: encodeCursor([node.score, node.candidateId]) }));
      return { ...connectionOf(edges, window, hasMore, () => total), reason: null };
    };
    // An open posting is ranked as the process holds it, and the page's candidates are read
    // in the same round trip as the check that it is still current: under load every round
    // trip waits its turn behind the other requests. Should it have changed, it is ranked again.
    const held = this.openPostings.held(id);
    if (held) {
      assertOwnsPosting(viewer, held.posting);
      const checked = this.openPostings.find(id);
      const answer = await rankAndExplain(postingInput(held.posting, held.skills), checked);
      if ((await checked)?.posting === held.posting) return answer;
    }
    return rankAndExplain(
      await this.postingInput(id, { loaders, viewer }, (p) => assertOwnsPosting(viewer, p)),
    );
  }

  /** Open postings ranked for a candidate; postings are few enough to score them all with the scoring module. */
  async postingMatches(
    args: PostingMatchesArgs,
    { loaders, viewer }: Asker,
  ): Promise<RankedConnection<PostingMatch>> {
    const page = pageOf(args, 2);
    const candidateId = parseId(args.candidateId, 'Candidate', 'candidateId');
    assertActsForCandidate(viewer, candidateId);
    // All at once: under load, each round trip waits its turn behind every other request.
    const [[candidate], passing, { table, postings }, tree] = await Promise.all([
      this.candidateInputs([candidateId], loaders),
      this.postingsPassing(args.filter),
      this.openPostings.current(),
      this.skillTree(),
    ]);
    if (candidate.levels.size === 0) return emptyRanking(CANDIDATE_NO_SKILLS, page);
    // Every posting is scored; only the page is explained. A posting that asks for no
    // skills is not in the table and scores 0, so it is never ranked.
    const scores = table.scores(candidate, tree);
    const scored: RankedCandidate[] = [];
    for (const id of passing ?? table.ids) {
      const row = table.rowOf(id);
      const score = row === undefined ? 0 : scores[row];
      if (score > 0 && (args.minScore == null || score >= args.minScore)) scored.push({ id, score });
    }
    scored.sort(compareRanked);
    const { items, more } = sortedPage(
      scored,
      (m) => [m.score, m.id],
      ([scoreA, idA], [scoreB, idB]) => compareRanked({ score: scoreA, id: idA }, { score: scoreB, id: idB }),
      page,
    );
    // Only the page is explained.
    const edges = items.map(({ id, score }) => {
      const result = scoreMatch(table.input(id)!, candidate, tree);
      const node = Object.assign(new PostingMatch(), {
        postingId: id,
        posting: postings.get(id)!, // the answer's postings cost no statement
        score: result.score,
        meetsAllRequired: result.meetsAllRequired,
        skills: result.skills.map((credit) => toSkillMatch(credit, loaders)),
      });
      return { node, cursor: encodeCursor([score, id]) };
    });
    return { ...connectionOf(edges, page, more, () => scored.length), reason: null };
  }

  /** The skills of a posting a candidate meets, falls short of, and misses. */
  async skillGap(postingId: string, candidateId: string, { loaders, viewer }: Asker): Promise<SkillGap> {
    const cid = parseId(candidateId, 'Candidate', 'candidateId');
    const [posting, [candidate], tree] = await Promise.all([
      // The learner themselves, or the posting's recruiters (for candidates they may see).
      this.postingInput(parseId(postingId, 'JobPosting', 'postingId'), { loaders, viewer }, (p) => {
        if (!ownsPosting(viewer, p)) assertActsForCandidate(viewer, cid);
      }),
      this.candidateInputs([cid], loaders),
      this.skillTree(),
    ]);
    // The posting's recruiters see only candidates open to work; the loader holds the row already.
    const seen = await loaders.candidateById.load(cid);
    if (!seen || !canSeeCandidate(viewer, seen)) throw notFound('Candidate', cid);
    const result = scoreMatch(posting, candidate, tree);
    const skills = result.skills.map((credit) => toSkillMatch(credit, loaders));
    return {
      score: result.score,
      met: skills.filter((s) => s.candidateLevel !== null && s.candidateLevel >= s.minLevel),
      short: skills.filter((s) => s.candidateLevel !== null && s.candidateLevel < s.minLevel),
      missing: skills.filter((s) => s.candidateLevel === null),
    };
  }

  /** A posting the viewer may see (else NOT_FOUND), checked further by `allowed`. */
  private async postingInput(
    id: number,
    { loaders, viewer }: Asker,
    allowed: (posting: JobPosting) => void,
  ): Promise<PostingInput> {
    const { posting, skills } = await readPosting(id, this.openPostings, loaders);
    if (!posting || !canSeePosting(viewer, posting)) throw notFound('JobPosting', id);
    allowed(posting);
    return postingInput(posting, skills);
  }

  /**
   * A page of the index's ranking, read back from the database and checked against the
   * visibility rule. The index follows writes made elsewhere a poll behind: a candidate
   * deleted, or no longer open to work, since is left out and the page filled from the
   * next ones, and the index forgets the deleted ones at once.
   */
  private async visiblePage(
    posting: PostingInput,
    filter: RankingFilter,
    window: RankWindow,
    { loaders, viewer }: Asker,
  ): Promise<{ total: number; page: PageRow[]; hasMore: boolean }> {
    const fromStart = window.from === 'start';
    // In ranking order; from the end, each further read ranks before those already kept.
    let page: PageRow[] = [];
    const gone: number[] = [];
    let total: number | null = null;
    let left = 0;
    for (let next = window; ;) {
      const ranking = this.index.rank(posting, filter, next);
      total ??= ranking.total;
      const rows = await this.pageRows(
        ranking.page.map((r) => r.id),
        loaders,
      );
      const seen: PageRow[] = [];
      rows.forEach((row, i) => {
        if (!row) gone.push(ranking.page[i].id);
        if (row && canSeeCandidate(viewer, row.candidate)) seen.push(row);
        else left++;
      });
      page = fromStart ? [...page, ...seen] : [...seen, ...page];
      next = fromStart
        ? { ...next, after: ranking.page.at(-1) ?? next.after }
        : { ...next, before: ranking.page[0] ?? next.before };
      if (page.length >= window.size || !ranking.hasMore) {
        if (gone.length > 0) void this.index.refreshCandidates(gone).catch(() => undefined); // the feed retries
        return {
          total: Math.max(page.length, total - left),
          page: fromStart ? page.slice(0, window.size) : page.slice(-window.size),
          hasMore: page.length > window.size || ranking.hasMore,
        };
      }
    }
  }

  /** Candidates and their scoring inputs, in the order of `ids`, null for those gone: one statement for any number. */
  private async pageRows(ids: number[], loaders: Loaders): Promise<(PageRow | null)[]> {
    const rows = await loaders.candidateWithSkillsById.loadMany(ids);
    return rows.map((row) => {
      if (row instanceof Error) throw row;
      if (!row) return null;
      const input = candidateInput(
        row.candidate,
        row.skills.map((s) => [s.skillId, s.level]),
      );
      return { candidate: row.candidate, input };
    });
  }

  /** Scoring inputs for candidates, in the order of `ids`; NOT_FOUND for one that does not exist. */
  private async candidateInputs(ids: number[], loaders: Loaders): Promise<CandidateInput[]> {
    const rows = await this.pageRows(ids, loaders);
    return rows.map((row, i) => {
      if (!row) throw notFound('Candidate', ids[i]);
      return row.input;
    });
  }

  /**
   * Ids of the open postings that pass a filter; null when there is no filter, as every
   * open posting passes then, and the open postings' scoring inputs already name them all.
   */
  private async postingsPassing(filter: PostingMatchesArgs['filter']): Promise<number[] | null> {
    if (!filter) return null;
    const query = await this.postings.filtered({ ...filter, status: PostingStatus.OPEN });
    const rows = await query.select('posting.id', 'id').getRawMany<{ id: number }>();
    return rows.map(({ id }) => Number(id));
  }

  /** The skill hierarchy every ranking and explanation uses, kept current by the index's change feed. */
  private async skillTree(): Promise<SkillTree> {
    await this.skills.ready();
    return this.skills.tree();
  }
}

/**
 * Whether the viewer may see candidates who are not open to work, other than themselves:
 * the policy's rule asked about a stranger (no candidate has id 0).
 */
function seesCandidatesNotOpenToWork(viewer: Viewer | null): boolean {
  return canSeeCandidate(viewer, { id: 0, openToWork: false });
}

function postingInput(posting: JobPosting, skills: readonly PostingSkill[]): PostingInput {
  return { minYearsExperience: posting.minYearsExperience, skills: orderPostingSkills(skills) };
}

function candidateInput(candidate: Candidate, levels: [number, number][]): CandidateInput {
  return { id: candidate.id, yearsExperience: candidate.yearsExperience, levels: new Map(levels) };
}

// Answers are built as instances of their GraphQL types, with every field a plain value (or a
// promise of one): an answer of twenty candidates holds a thousand fields, and a resolver
// for each cost more CPU than ranking. Skills come from the process's catalogue, at once.
function toSkillMatch(credit: SkillCredit, loaders: Loaders): SkillMatch {
  return Object.assign(new SkillMatch(), {
    skill: loaders.skillById.load(credit.skillId),
    via: credit.viaSkillId === null ? null : loaders.skillById.load(credit.viaSkillId),
    importance: credit.importance,
    minLevel: credit.minLevel,
    candidateLevel: credit.candidateLevel,
    credit: credit.credit,
    weight: credit.weight,
    relation: credit.relation,
  });
}

/** The index's window for a page: a ranked cursor holds the score and id of a match. */
function rankWindow(page: Page): RankWindow {
  const position = (values: number[] | null) =>
    values === null ? null : { score: values[0], id: values[1] };
  return {
    size: page.size,
    from: page.from,
    after: position(numericCursor(page.after, 'after')),
    before: position(numericCursor(page.before, 'before')),
  };
}

function emptyRanking<T>(reason: string, page: PageSide): RankedConnection<T> {
  return { ...connectionOf<T>([], page, false, () => 0), reason };
}
