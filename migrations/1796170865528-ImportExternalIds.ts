import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportExternalIds1796170865528 implements MigrationInterface {
  name = 'ImportExternalIds1796170865528';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`candidate\` ADD \`externalId\` varchar(120) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`candidate\` ADD UNIQUE INDEX \`IDX_bc3f21af016c079e9c4cdf5f18\` (\`externalId\`)`,
    );
    await queryRunner.query(`ALTER TABLE \`job_posting\` ADD \`externalId\` varchar(120) NULL`);
    await queryRunner.query(`ALTER TABLE \`course\` ADD \`externalId\` varchar(120) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`course\` ADD UNIQUE INDEX \`IDX_08fb9f2f88724a13c39e709954\` (\`externalId\`)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`IDX_2cad2e5ec9c9fcb830dbf3d489\` ON \`job_posting\` (\`companyId\`, \`externalId\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_2cad2e5ec9c9fcb830dbf3d489\` ON \`job_posting\``);
    await queryRunner.query(`ALTER TABLE \`course\` DROP INDEX \`IDX_08fb9f2f88724a13c39e709954\``);
    await queryRunner.query(`ALTER TABLE \`course\` DROP COLUMN \`externalId\``);
    await queryRunner.query(`ALTER TABLE \`job_posting\` DROP COLUMN \`externalId\``);
    await queryRunner.query(`ALTER TABLE \`candidate\` DROP INDEX \`IDX_bc3f21af016c079e9c4cdf5f18\``);
    await queryRunner.query(`ALTER TABLE \`candidate\` DROP COLUMN \`externalId\``);
  }
}
