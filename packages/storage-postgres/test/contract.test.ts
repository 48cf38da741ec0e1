import { attackContract, storageContract } from '@anonboard/core/testing/vitest';
import { describe } from 'vitest';
import { openPostgresStorage } from '../src/index.js';
import { database, db } from './database.js';

describe.skipIf(db === undefined)('PostgreSQL', () => {
  // A fresh schema per storage, so every test starts empty; the schemas go with the file's
  // database, dropped after its tests.
  storageContract('PostgresStorage', () =>
    openPostgresStorage({ connectionString: database().url, schema: database().schema(), max: 5 }),
  );
  attackContract('PostgresStorage', () =>
    openPostgresStorage({ connectionString: database().url, schema: database().schema(), max: 5 }),
  );
});
