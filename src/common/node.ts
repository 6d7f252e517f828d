import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: every object with an identity of its own implements it, so a client can
 * fetch any of them again by id alone (`node`, `nodes`). The id is resolved once for all of
 * them, from the object's primary key and its type (see the node resolver); the entities
 * keep their numeric `id` column, which is why this class is not `implements`-ed in TypeScript.
 */
@InterfaceType({ description: 'An object with an identity of its own, which `node(id:)` fetches again.' })
export abstract class Node {
  @Field(() => ID, {
    description:
      'Global and opaque: it names this object among every type, and is what every argument taking an id of this type expects.',
  })
  id: string;
}
