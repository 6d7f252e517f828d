import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../access/role';
import { requireViewer } from '../access/policy';
import { ResolverContext } from '../request';
import { ImportRecordsInput, ImportRecordsPayload } from './import.inputs';
import { ImportService } from './import.service';

type Context = ResolverContext<{ imports: ImportService }>;

@Resolver()
export class ImportResolver {
  @Authorized(Role.ADMIN, Role.RECRUITER)
  @Mutation(() => ImportRecordsPayload, {
    description:
      'Creates or updates postings, candidates or courses from JSONL or CSV text, by externalId. ' +
      'Administrators import any type; recruiters import postings, always into their own company.',
  })
  importRecords(
    @Arg('input') input: ImportRecordsInput,
    @Ctx() { services, viewer }: Context,
  ): Promise<ImportRecordsPayload> {
    return services.imports.importText(requireViewer(viewer), input);
  }
}
