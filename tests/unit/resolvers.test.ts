import { graphql } from 'graphql';
import { Services } from '../../src/context';
import { buildAppSchema, resolverInstances, resolvers } from '../../src/schema';

describe('resolvers and their services', () => {
  it('has one instance of every resolver class to hand type-graphql', () => {
    // The constructors only keep what they are given; no service is called here.
    const instances = resolverInstances({} as Services);
    expect(instances.map((instance) => instance.constructor.name).sort()).toEqual(
      resolvers.map((resolverClass) => resolverClass.name).sort(),
    );
    expect(new Set(instances.map((instance) => instance.constructor)).size).toBe(resolvers.length);
  });

  it('refuses to execute a schema built without services, naming the resolver', async () => {
    const result = await graphql({ schema: await buildAppSchema(), source: '{ demoDataLoaded }' });
    expect(result.errors?.map((error) => error.message)).toEqual([
      'UserResolver has no services: build the schema with buildAppSchema(services)',
    ]);
  });
});
