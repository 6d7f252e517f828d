import { MigrationInterface, QueryRunner } from "typeorm";

export class Accounts1795416376653 implements MigrationInterface {
    name = 'Accounts1795416376653'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`user_account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`displayName\` varchar(120) NOT NULL, \`role\` varchar(10) NOT NULL, \`companyId\` int NULL, \`candidateId\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_56a0e4bcec2b5411beafa47ffa\` (\`email\`), INDEX \`IDX_a3910b53c9d45d8a7b5dc6d52e\` (\`companyId\`), UNIQUE INDEX \`IDX_bcbf33fe940686bd63c2ca8dca\` (\`candidateId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`company_invite\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(64) NOT NULL, \`companyId\` int NOT NULL, \`createdById\` int NOT NULL, \`expiresAt\` datetime NOT NULL, \`usedAt\` datetime NULL, UNIQUE INDEX \`IDX_86a91aff5642cc554f3a18584c\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`user_account\` ADD CONSTRAINT \`FK_a3910b53c9d45d8a7b5dc6d52ea\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`user_account\` ADD CONSTRAINT \`FK_bcbf33fe940686bd63c2ca8dcaa\` FOREIGN KEY (\`candidateId\`) REFERENCES \`candidate\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`company_invite\` ADD CONSTRAINT \`FK_42a46bce56041252293c0b192e4\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`company_invite\` ADD CONSTRAINT \`FK_f6d11bcb2864c123ef4fe75b544\` FOREIGN KEY (\`createdById\`) REFERENCES \`user_account\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`company_invite\` DROP FOREIGN KEY \`FK_f6d11bcb2864c123ef4fe75b544\``);
        await queryRunner.query(`ALTER TABLE \`company_invite\` DROP FOREIGN KEY \`FK_42a46bce56041252293c0b192e4\``);
        await queryRunner.query(`ALTER TABLE \`user_account\` DROP FOREIGN KEY \`FK_bcbf33fe940686bd63c2ca8dcaa\``);
        await queryRunner.query(`ALTER TABLE \`user_account\` DROP FOREIGN KEY \`FK_a3910b53c9d45d8a7b5dc6d52ea\``);
        await queryRunner.query(`DROP INDEX \`IDX_86a91aff5642cc554f3a18584c\` ON \`company_invite\``);
        await queryRunner.query(`DROP TABLE \`company_invite\``);
        await queryRunner.query(`DROP INDEX \`IDX_bcbf33fe940686bd63c2ca8dca\` ON \`user_account\``);
        await queryRunner.query(`DROP INDEX \`IDX_a3910b53c9d45d8a7b5dc6d52e\` ON \`user_account\``);
        await queryRunner.query(`DROP INDEX \`IDX_56a0e4bcec2b5411beafa47ffa\` ON \`user_account\``);
        await queryRunner.query(`DROP TABLE \`user_account\``);
    }

}
