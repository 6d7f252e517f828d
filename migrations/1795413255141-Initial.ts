import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795413255141 implements MigrationInterface {
    name = 'Initial1795413255141'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`skill\` (\`id\` int NOT NULL AUTO_INCREMENT, \`slug\` varchar(80) NOT NULL, \`name\` varchar(120) NOT NULL, \`category\` varchar(20) NOT NULL, \`description\` varchar(300) NOT NULL DEFAULT '', \`parentId\` int NULL, UNIQUE INDEX \`IDX_604e22347c14fc37e29ea38660\` (\`slug\`), INDEX \`IDX_e234cee90be3691936e2350b61\` (\`parentId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`skill_alias\` (\`id\` int NOT NULL AUTO_INCREMENT, \`skillId\` int NOT NULL, \`alias\` varchar(80) NOT NULL, \`normalized\` varchar(80) NOT NULL, INDEX \`IDX_b6f386f7faa91ac39c159c0a76\` (\`skillId\`), UNIQUE INDEX \`IDX_4c6b4df461226b8aae9527d97c\` (\`normalized\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`candidate\` (\`id\` int NOT NULL AUTO_INCREMENT, \`displayName\` varchar(120) NOT NULL, \`email\` varchar(254) NOT NULL, \`headline\` varchar(200) NOT NULL DEFAULT '', \`location\` varchar(120) NOT NULL DEFAULT '', \`remote\` varchar(10) NOT NULL, \`yearsExperience\` double NOT NULL DEFAULT '0', \`openToWork\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_80e766f22573be71b86b2f0537\` (\`email\`), INDEX \`IDX_5c497ad402650f8aac2e17a83f\` (\`updatedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`candidate_skill\` (\`candidateId\` int NOT NULL, \`skillId\` int NOT NULL, \`level\` smallint NOT NULL, \`years\` double NULL, INDEX \`IDX_0fd0b1a637806c6660823170f4\` (\`skillId\`, \`level\`), PRIMARY KEY (\`candidateId\`, \`skillId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`course\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(200) NOT NULL, \`provider\` varchar(120) NOT NULL, \`format\` varchar(12) NOT NULL, \`durationWeeks\` double NULL, \`durationHours\` double NULL, \`priceUsd\` decimal(10,2) NULL, \`url\` varchar(500) NULL, \`level\` varchar(12) NOT NULL, \`description\` text NOT NULL, UNIQUE INDEX \`IDX_3fae2134e1631ab9fe0ead5c4b\` (\`provider\`, \`title\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`course_skill\` (\`courseId\` int NOT NULL, \`skillId\` int NOT NULL, \`level\` smallint NOT NULL, INDEX \`IDX_95881d68712928406d7e0f1126\` (\`skillId\`, \`level\`), PRIMARY KEY (\`courseId\`, \`skillId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`course_prerequisite\` (\`courseId\` int NOT NULL, \`skillId\` int NOT NULL, INDEX \`IDX_c974f6e0c0c1f3c901fc5c604d\` (\`skillId\`), PRIMARY KEY (\`courseId\`, \`skillId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`company\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(160) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_a76c5cd486f7779bd9c319afd2\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`job_posting\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(200) NOT NULL, \`description\` text NOT NULL, \`companyId\` int NOT NULL, \`seniority\` varchar(10) NOT NULL, \`minYearsExperience\` int NOT NULL DEFAULT '0', \`location\` varchar(120) NOT NULL DEFAULT '', \`remote\` varchar(10) NOT NULL, \`salaryMin\` int NULL, \`salaryMax\` int NULL, \`salaryCurrency\` varchar(3) NOT NULL DEFAULT 'USD', \`status\` varchar(10) NOT NULL DEFAULT 'OPEN', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_6c44436cd3ff22466f7c779dfe\` (\`companyId\`), INDEX \`IDX_aab9395b1b60638c45c67ecd40\` (\`updatedAt\`), INDEX \`IDX_946d1b4adca54c3ca498d8ea4a\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`posting_skill\` (\`postingId\` int NOT NULL, \`skillId\` int NOT NULL, \`importance\` varchar(10) NOT NULL, \`minLevel\` smallint NOT NULL, \`weight\` double NOT NULL, INDEX \`IDX_65dad4432fe2f28be5c539148c\` (\`skillId\`), PRIMARY KEY (\`postingId\`, \`skillId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`skill\` ADD CONSTRAINT \`FK_e234cee90be3691936e2350b610\` FOREIGN KEY (\`parentId\`) REFERENCES \`skill\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`skill_alias\` ADD CONSTRAINT \`FK_b6f386f7faa91ac39c159c0a76c\` FOREIGN KEY (\`skillId\`) REFERENCES \`skill\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`candidate_skill\` ADD CONSTRAINT \`FK_492548e6c176f5655adfae9f5ea\` FOREIGN KEY (\`candidateId\`) REFERENCES \`candidate\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`candidate_skill\` ADD CONSTRAINT \`FK_e1c191e02365ebe07ebec1f0b9e\` FOREIGN KEY (\`skillId\`) REFERENCES \`skill\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`course_skill\` ADD CONSTRAINT \`FK_a5c5043b3df204181907bffbe9a\` FOREIGN KEY (\`courseId\`) REFERENCES \`course\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`course_skill\` ADD CONSTRAINT \`FK_6f027180e96c765f483a1d75dbf\` FOREIGN KEY (\`skillId\`) REFERENCES \`skill\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`course_prerequisite\` ADD CONSTRAINT \`FK_e532a31dfe2ae753fc9c28865f4\` FOREIGN KEY (\`courseId\`) REFERENCES \`course\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`course_prerequisite\` ADD CONSTRAINT \`FK_c974f6e0c0c1f3c901fc5c604d2\` FOREIGN KEY (\`skillId\`) REFERENCES \`skill\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`job_posting\` ADD CONSTRAINT \`FK_6c44436cd3ff22466f7c779dfe0\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`posting_skill\` ADD CONSTRAINT \`FK_c0ab34b58c16a464675c5a0c4f7\` FOREIGN KEY (\`postingId\`) REFERENCES \`job_posting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`posting_skill\` ADD CONSTRAINT \`FK_65dad4432fe2f28be5c539148ce\` FOREIGN KEY (\`skillId\`) REFERENCES \`skill\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`posting_skill\` DROP FOREIGN KEY \`FK_65dad4432fe2f28be5c539148ce\``);
        await queryRunner.query(`ALTER TABLE \`posting_skill\` DROP FOREIGN KEY \`FK_c0ab34b58c16a464675c5a0c4f7\``);
        await queryRunner.query(`ALTER TABLE \`job_posting\` DROP FOREIGN KEY \`FK_6c44436cd3ff22466f7c779dfe0\``);
        await queryRunner.query(`ALTER TABLE \`course_prerequisite\` DROP FOREIGN KEY \`FK_c974f6e0c0c1f3c901fc5c604d2\``);
        await queryRunner.query(`ALTER TABLE \`course_prerequisite\` DROP FOREIGN KEY \`FK_e532a31dfe2ae753fc9c28865f4\``);
        await queryRunner.query(`ALTER TABLE \`course_skill\` DROP FOREIGN KEY \`FK_6f027180e96c765f483a1d75dbf\``);
        await queryRunner.query(`ALTER TABLE \`course_skill\` DROP FOREIGN KEY \`FK_a5c5043b3df204181907bffbe9a\``);
        await queryRunner.query(`ALTER TABLE \`candidate_skill\` DROP FOREIGN KEY \`FK_e1c191e02365ebe07ebec1f0b9e\``);
        await queryRunner.query(`ALTER TABLE \`candidate_skill\` DROP FOREIGN KEY \`FK_492548e6c176f5655adfae9f5ea\``);
        await queryRunner.query(`ALTER TABLE \`skill_alias\` DROP FOREIGN KEY \`FK_b6f386f7faa91ac39c159c0a76c\``);
        await queryRunner.query(`ALTER TABLE \`skill\` DROP FOREIGN KEY \`FK_e234cee90be3691936e2350b610\``);
        await queryRunner.query(`DROP INDEX \`IDX_65dad4432fe2f28be5c539148c\` ON \`posting_skill\``);
        await queryRunner.query(`DROP TABLE \`posting_skill\``);
        await queryRunner.query(`DROP INDEX \`IDX_946d1b4adca54c3ca498d8ea4a\` ON \`job_posting\``);
        await queryRunner.query(`DROP INDEX \`IDX_aab9395b1b60638c45c67ecd40\` ON \`job_posting\``);
        await queryRunner.query(`DROP INDEX \`IDX_6c44436cd3ff22466f7c779dfe\` ON \`job_posting\``);
        await queryRunner.query(`DROP TABLE \`job_posting\``);
        await queryRunner.query(`DROP INDEX \`IDX_a76c5cd486f7779bd9c319afd2\` ON \`company\``);
        await queryRunner.query(`DROP TABLE \`company\``);
        await queryRunner.query(`DROP INDEX \`IDX_c974f6e0c0c1f3c901fc5c604d\` ON \`course_prerequisite\``);
        await queryRunner.query(`DROP TABLE \`course_prerequisite\``);
        await queryRunner.query(`DROP INDEX \`IDX_95881d68712928406d7e0f1126\` ON \`course_skill\``);
        await queryRunner.query(`DROP TABLE \`course_skill\``);
        await queryRunner.query(`DROP INDEX \`IDX_3fae2134e1631ab9fe0ead5c4b\` ON \`course\``);
        await queryRunner.query(`DROP TABLE \`course\``);
        await queryRunner.query(`DROP INDEX \`IDX_0fd0b1a637806c6660823170f4\` ON \`candidate_skill\``);
        await queryRunner.query(`DROP TABLE \`candidate_skill\``);
        await queryRunner.query(`DROP INDEX \`IDX_5c497ad402650f8aac2e17a83f\` ON \`candidate\``);
        await queryRunner.query(`DROP INDEX \`IDX_80e766f22573be71b86b2f0537\` ON \`candidate\``);
        await queryRunner.query(`DROP TABLE \`candidate\``);
        await queryRunner.query(`DROP INDEX \`IDX_4c6b4df461226b8aae9527d97c\` ON \`skill_alias\``);
        await queryRunner.query(`DROP INDEX \`IDX_b6f386f7faa91ac39c159c0a76\` ON \`skill_alias\``);
        await queryRunner.query(`DROP TABLE \`skill_alias\``);
        await queryRunner.query(`DROP INDEX \`IDX_e234cee90be3691936e2350b61\` ON \`skill\``);
        await queryRunner.query(`DROP INDEX \`IDX_604e22347c14fc37e29ea38660\` ON \`skill\``);
        await queryRunner.query(`DROP TABLE \`skill\``);
    }

}
