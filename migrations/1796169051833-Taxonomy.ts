import { MigrationInterface, QueryRunner } from "typeorm";

export class Taxonomy1796169051833 implements MigrationInterface {
    name = 'Taxonomy1796169051833'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`taxonomy_version\` (\`id\` int NOT NULL AUTO_INCREMENT, \`version\` varchar(40) NOT NULL, \`skillCount\` int NOT NULL, \`importedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_c66ff54df904ea14a29d81ac5d\` (\`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`skill\` ADD \`externalIds\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`skill\` ADD \`hotTechnology\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`skill\` ADD \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)`);
        await queryRunner.query(`CREATE INDEX \`IDX_63289266e36e7de6f6c21da203\` ON \`skill\` (\`updatedAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_63289266e36e7de6f6c21da203\` ON \`skill\``);
        await queryRunner.query(`ALTER TABLE \`skill\` DROP COLUMN \`updatedAt\``);
        await queryRunner.query(`ALTER TABLE \`skill\` DROP COLUMN \`hotTechnology\``);
        await queryRunner.query(`ALTER TABLE \`skill\` DROP COLUMN \`externalIds\``);
        await queryRunner.query(`DROP INDEX \`IDX_c66ff54df904ea14a29d81ac5d\` ON \`taxonomy_version\``);
        await queryRunner.query(`DROP TABLE \`taxonomy_version\``);
    }

}
