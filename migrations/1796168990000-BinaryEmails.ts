import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: TypeORM does not compare collations, so `migration:generate` sees no
// change when an entity's column gets one. Accounts' e-mails are stored in one normal
// form (NFKC, trimmed, lower-case) and compared byte for byte from here on. The rule is
// repeated here rather than imported, so that this migration keeps doing what it did.
export class BinaryEmails1796168990000 implements MigrationInterface {
  name = 'BinaryEmails1796168990000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: number; email: string }[] = await queryRunner.query(
      'SELECT `id`, `email` FROM `user_account`',
    );
    for (const { id, email } of rows) {
      const normalised = email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
      if (normalised !== email) {
        await queryRunner.query('UPDATE `user_account` SET `email` = ? WHERE `id` = ?', [normalised, id]);
      }
    }
    await queryRunner.query(
      'ALTER TABLE `user_account` MODIFY `email` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `user_account` MODIFY `email` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL',
    );
  }
}
