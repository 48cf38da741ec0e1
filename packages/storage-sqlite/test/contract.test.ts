import { attackContract, storageContract } from '@anonboard/core/testing/vitest';
import { openSqliteStorage } from '../src/index.js';
import { tempPath } from './temp.js';

storageContract('SqliteStorage', () => openSqliteStorage({ path: tempPath() }));
attackContract('SqliteStorage', () => openSqliteStorage({ path: tempPath() }));
