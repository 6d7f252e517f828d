import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1796168984556 implements MigrationInterface {
  name = 'Sessions1796168984556';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_80e766f22573be71b86b2f0537\` ON \`candidate\``);
    await queryRunner.query(
      `CREATE TABLE \`user_session\` (\`id\` varchar(36) NOT NULL, \`userId\` int NOT NULL, \`expiresAt\` datetime NOT NULL, INDEX \`IDX_b5eb7aa08382591e7c2d1244fe\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`CREATE INDEX \`IDX_80e766f22573be71b86b2f0537\` ON \`candidate\` (\`email\`)`);
    await queryRunner.query(
      `ALTER TABLE \`user_session\` ADD CONSTRAINT \`FK_b5eb7aa08382591e7c2d1244fe5\` FOREIGN KEY (\`userId\`) REFERENCES \`user_account\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`user_session\` DROP FOREIGN KEY \`FK_b5eb7aa08382591e7c2d1244fe5\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_80e766f22573be71b86b2f0537\` ON \`candidate\``);
    await queryRunner.query(`DROP INDEX \`IDX_b5eb7aa08382591e7c2d1244fe\` ON \`user_session\``);
    await queryRunner.query(`DROP TABLE \`user_session\``);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`IDX_80e766f22573be71b86b2f0537\` ON \`candidate\` (\`email\`)`,
    );
  }
}
