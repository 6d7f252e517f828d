import { MigrationInterface, QueryRunner } from "typeorm";

export class CourseUpdatedAt1795439896029 implements MigrationInterface {
    name = 'CourseUpdatedAt1795439896029'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`course\` ADD \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)`);
        await queryRunner.query(`CREATE INDEX \`IDX_e52f03e78543e7f9980afc7ec9\` ON \`course\` (\`updatedAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_e52f03e78543e7f9980afc7ec9\` ON \`course\``);
        await queryRunner.query(`ALTER TABLE \`course\` DROP COLUMN \`updatedAt\``);
    }

}
