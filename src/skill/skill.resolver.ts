import { Arg, Args, Authorized, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../access/role';
import { ConnectionArgs, ConnectionType } from '../common/connection';
import { RequestContext } from '../request';
import { CourseConnection } from '../course/course.resolver';
import { Skill } from './skill.entity';
import {
  AddSkillAliasInput,
  CreateSkillInput,
  RemoveSkillAliasInput,
  SkillBySlugArgs,
  SkillCoursesArgs,
  SkillsArgs,
  UpdateSkillInput,
} from './skill.inputs';
import {
  AddSkillAliasPayload,
  CreateSkillPayload,
  RemoveSkillAliasPayload,
  UpdateSkillPayload,
} from './skill.types';
import { PayloadMutation } from '../common/payload';
import { SkillService } from './skill.service';
import { ExtractionService } from '../taxonomy/extraction.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'loaders'>;

@ObjectType({ description: 'A page of skills.', simpleResolvers: true })
export class SkillConnection extends ConnectionType(Skill) {}

@Resolver(() => Skill)
export class SkillResolver {
  constructor(
    private readonly skillService: SkillService,
    private readonly extraction: ExtractionService,
  ) {}

  @Query(() => SkillConnection, {
    description: 'Skills by name, optionally searched or filtered by category.',
  })
  skills(@Args() args: SkillsArgs) {
    return this.skillService.list(args);
  }

  @Query(() => Skill, {
    nullable: true,
    description:
      'A skill by its slug or any of its aliases, ignoring case, punctuation, spacing and a version ("node js", "PHP 8").',
  })
  async skill(@Args() { slug }: SkillBySlugArgs) {
    // else any spelling of a name: "node js", "PHP 8", "React.js"
    return (await this.skillService.findBySlugOrAlias(slug)) ?? this.extraction.resolve(slug);
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => CreateSkillPayload, {
    description: 'Adds a skill to the taxonomy; a slug that names a skill already is a user error.',
  })
  async createSkill(
    @Arg('input', { description: 'The new skill.' }) input: CreateSkillInput,
    @Ctx() { loaders }: Context,
  ) {
    return { skill: await this.skillService.create(input, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => UpdateSkillPayload, {
    description: "Changes a skill's name, category, description or parent.",
  })
  async updateSkill(
    @Arg('input', { description: 'The skill and the fields that change.' }) input: UpdateSkillInput,
    @Ctx() { loaders }: Context,
  ) {
    return { skill: await this.skillService.update(input, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => AddSkillAliasPayload, {
    description: 'Adds another name for a skill; it must not name any skill yet.',
  })
  async addSkillAlias(
    @Arg('input', { description: 'The skill and its other name.' }) { skill, alias }: AddSkillAliasInput,
    @Ctx() { loaders }: Context,
  ) {
    return { skill: await this.skillService.addAlias(skill, alias, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => RemoveSkillAliasPayload, {
    description: 'Removes an alias; answers the skill it named.',
  })
  async removeSkillAlias(
    @Arg('input', { description: 'The alias to remove.' }) { alias }: RemoveSkillAliasInput,
    @Ctx() { loaders }: Context,
  ) {
    return { skill: await this.skillService.removeAlias(alias, loaders) };
  }

  @FieldResolver(() => [String], { description: 'Other names for this skill, e.g. "JS" for JavaScript.' })
  aliases(@Root() skill: Skill, @Ctx() { loaders }: Context) {
    return loaders.aliasesBySkillId.load(skill.id);
  }

  @FieldResolver(() => Skill, { nullable: true, description: 'The more general skill this one specialises.' })
  parent(@Root() skill: Skill, @Ctx() { loaders }: Context) {
    return skill.parentId === null ? null : loaders.skillById.load(skill.parentId);
  }

  @FieldResolver(() => SkillConnection, { description: 'More specific skills under this one, by name.' })
  children(@Root() skill: Skill, @Args() paging: ConnectionArgs, @Ctx() { loaders }: Context) {
    return loaders.skillsByParentId.connection(skill.id, paging, 'all', (ids) =>
      loaders.skillById.loadMany(ids),
    );
  }

  @FieldResolver(() => CourseConnection, {
    description: 'Courses teaching this skill, the highest level taught first.',
  })
  courses(
    @Root() skill: Skill,
    @Args() { minLevel, ...paging }: SkillCoursesArgs,
    @Ctx() { loaders }: Context,
  ) {
    return loaders.coursesBySkillId.connection(skill.id, paging, String(minLevel ?? 0), (ids) =>
      loaders.courseById.loadMany(ids),
    );
  }
}
