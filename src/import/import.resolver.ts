import { Arg, Authorized, Ctx, Resolver } from 'type-graphql';
import { PayloadMutation } from '../common/payload';
import { Role } from '../access/role';
import { requireViewer } from '../access/policy';
import { RequestContext } from '../request';
import { ImportRecordsInput, ImportRecordsPayload } from './import.inputs';
import { ImportService } from './import.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer'>;

@Resolver()
export class ImportResolver {
  constructor(private readonly imports: ImportService) {}

  @Authorized(Role.ADMIN, Role.RECRUITER)
  @PayloadMutation(() => ImportRecordsPayload, {
    description:
      'Creates or updates postings, candidates or courses from JSONL or CSV text, by externalId. ' +
      'Administrators import any type; recruiters import postings, always into their own company.',
  })
  async importRecords(
    @Arg('input', { description: 'The records, their type and format.' }) input: ImportRecordsInput,
    @Ctx() { viewer }: Context,
  ) {
    return { report: await this.imports.importText(requireViewer(viewer), input) };
  }
}
