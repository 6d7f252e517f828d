import 'reflect-metadata';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { embeddedDatabaseFile } from '../database';

// The data source of the typeorm CLI (`npm run db:generate`), which loads a file and takes
// the DataSource it exports: the one module that reads the settings as it loads, because
// that is how the typeorm CLI asks for them. Migrations are generated against DATABASE_URL.
const config = loadConfig();
export default createDataSource({
  databaseUrl: config.databaseUrl,
  sqlitePath: embeddedDatabaseFile(config),
});
